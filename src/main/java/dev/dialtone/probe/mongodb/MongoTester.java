package dev.dialtone.probe.mongodb;

import com.mongodb.spi.dns.DnsClient;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tests {@code MONGODB} connections with the MongoDB Java driver: the handshake, the login, and a
 * listing of the URL's database. The URL is parsed by the driver and its options allow-listed; the
 * credentials come from USERNAME/PASSWORD or SECRET_ID and may be absent (a server without
 * authentication).
 */
public final class MongoTester implements ConnectionTester {
    private final SecretStore secrets;
    private final Optional<DnsClient> dns;

    /** The SRV and TXT lookups of mongodb+srv:// URLs go to the driver's own DNS client (JNDI: this server's DNS). */
    public MongoTester(SecretStore secrets) {
        this.secrets = secrets;
        this.dns = Optional.empty();
    }

    /** The SRV and TXT lookups of mongodb+srv:// URLs go to {@code dns} instead of the driver's own DNS client. */
    public MongoTester(SecretStore secrets, DnsClient dns) {
        this.secrets = secrets;
        this.dns = Optional.of(Objects.requireNonNull(dns, "dns"));
    }

    @Override
    public String connectionType() {
        return "MONGODB";
    }

    @Override
    public String displayName() {
        return "MongoDB";
    }

    @Override
    public String description() {
        return "Connects with the MongoDB Java driver, reports the server version and topology, logs in, and lists "
                + "the collections of the database named in CONNECTION_URL (or the databases the user may see).";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.required("CONNECTION_URL", "mongodb://host[:port][,host...][/database][?options] or "
                        + "mongodb+srv://host[/database][?options], without credentials"),
                PropertySpec.optional("USERNAME", "User to log in as (with PASSWORD); none for a server without "
                        + "authentication"),
                PropertySpec.secret("PASSWORD", "Password of USERNAME"),
                PropertySpec.optional("SECRET_ID", "Secret holding username and password, instead of USERNAME and "
                        + "PASSWORD"),
                PropertySpec.flag("SKIP_CERT_VALIDATION", "With TLS: encrypt without verifying the certificate "
                        + "(also allows tlsInsecure and tlsAllowInvalidHostnames in the URL)", false));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        return plan(subject, Optional.empty());
    }

    /** The test, TLS verified against {@code trustAnchors} instead of the JVM's trust store when given. */
    TestPlan plan(TestSubject subject, Optional<java.security.KeyStore> trustAnchors) {
        boolean skip = subject.flag("SKIP_CERT_VALIDATION");
        MongoUrl url = MongoUrl.parse(subject.property("CONNECTION_URL").orElseThrow(), skip);
        MongoCredentials credentials = credentials(subject);
        if (url.mechanism().isPresent() && !credentials.present()) {
            throw new InvalidTestInput("CONNECTION_URL names authMechanism " + url.mechanism().get()
                    + " but no credentials are given: add USERNAME and PASSWORD, or SECRET_ID.");
        }
        return new MongoPlan(url, credentials, new TlsClient.Settings(!skip, trustAnchors, Optional.empty()), dns);
    }

    private MongoCredentials credentials(TestSubject subject) {
        Optional<AuthenticationConfiguration.BasicCredentials> basic = subject.authentication()
                .flatMap(AuthenticationConfiguration::basicCredentials);
        Optional<String> user = subject.property("USERNAME").or(() -> basic.flatMap(b -> b.username()));
        Optional<String> password = subject.property("PASSWORD").or(() -> basic.flatMap(b -> b.password()));
        Optional<String> secretId = subject.property("SECRET_ID")
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn));
        if ((user.isEmpty() || password.isEmpty()) && secretId.isPresent()) {
            Map<String, String> values = secrets.read(secretId.get(), subject.permissions());
            user = user.or(() -> SecretValues.username(values));
            password = password.or(() -> SecretValues.password(values));
            if (user.isEmpty() || password.isEmpty()) {
                throw new InvalidTestInput("Secret '" + secretId.get() + "' has no " + (user.isEmpty() ? "username"
                        : "password") + " key; MONGODB tests need 'username' and 'password' in the secret.");
            }
        }
        if (user.isEmpty() && password.isEmpty()) {
            return MongoCredentials.none();
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new InvalidTestInput("MONGODB connections need USERNAME and PASSWORD together (or SECRET_ID, or "
                    + "neither for a server without authentication); missing: " + (user.isEmpty() ? "USERNAME" : "PASSWORD")
                    + ".");
        }
        return new MongoCredentials(user, password);
    }

}
