package dev.dialtone.probe.kafka;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tests {@code KAFKA} connections with Glue's properties: reaches every bootstrap server and every
 * advertised broker through the dialer, negotiates TLS, authenticates with SASL (PLAIN or SCRAM),
 * and describes the cluster and lists topics with kafka-clients' Admin client.
 */
public final class KafkaTester implements ConnectionTester {
    private static final String SCRAM_SECRET = "KAFKA_SASL_SCRAM_SECRETS_ARN";

    private final SecretStore secrets;
    private final AdminCheck admin;

    public KafkaTester(SecretStore secrets) {
        this.secrets = secrets;
        KafkaJvmGuards.install();
        this.admin = new AdminCheck(new PinnedAdminFactory());
    }

    @Override
    public String connectionType() {
        return "KAFKA";
    }

    @Override
    public String displayName() {
        return "Apache Kafka";
    }

    @Override
    public String description() {
        return "Reaches every bootstrap server and every broker address the cluster advertises, negotiates TLS, "
                + "authenticates with SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), then describes the cluster and lists "
                + "the topics the user may see with Kafka's Admin client.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.required(BootstrapServer.PROPERTY, "Comma-separated host:port list of bootstrap brokers"),
                PropertySpec.choice("KAFKA_SSL_ENABLED", "Use TLS to the brokers (Glue's default: true)", "true",
                        "true", "false"),
                PropertySpec.optional("KAFKA_CUSTOM_CERT", "Location of a private CA certificate (not supported yet: "
                        + "the brokers are verified against the JVM's trust store)"),
                PropertySpec.choice("KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "Skip Glue's checks of the custom CA "
                        + "certificate's algorithm and key size", "false", "true", "false"),
                PropertySpec.optional("KAFKA_CLIENT_KEYSTORE", "Location of a client keystore for mutual TLS (not "
                        + "supported yet)"),
                PropertySpec.secret("KAFKA_CLIENT_KEYSTORE_PASSWORD", "Password of KAFKA_CLIENT_KEYSTORE"),
                PropertySpec.secret("KAFKA_CLIENT_KEY_PASSWORD", "Password of the key in KAFKA_CLIENT_KEYSTORE"),
                new PropertySpec("KAFKA_SASL_MECHANISM", "SASL mechanism; without it no SASL is used", false,
                        SaslCredentials.MECHANISMS, false, Optional.empty()),
                PropertySpec.optional("KAFKA_SASL_PLAIN_USERNAME", "User name for SASL PLAIN"),
                PropertySpec.secret("KAFKA_SASL_PLAIN_PASSWORD", "Password for SASL PLAIN"),
                PropertySpec.optional("KAFKA_SASL_SCRAM_USERNAME", "User name for SASL SCRAM"),
                PropertySpec.secret("KAFKA_SASL_SCRAM_PASSWORD", "Password for SASL SCRAM"),
                PropertySpec.optional(SCRAM_SECRET, "Secret holding username and password for SASL SCRAM"),
                PropertySpec.optional("SECRET_ID", "Secret holding username and password, instead of the user and "
                        + "password properties"));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        List<BootstrapServer> servers = BootstrapServer.parseList(subject.property(BootstrapServer.PROPERTY)
                .orElseThrow());
        refuseLocation(subject, "KAFKA_CUSTOM_CERT", "a private CA certificate");
        refuseLocation(subject, "KAFKA_CLIENT_KEYSTORE", "a client keystore (mutual TLS)");
        boolean tls = subject.property("KAFKA_SSL_ENABLED").map(value -> value.trim().equalsIgnoreCase("true"))
                .orElse(true);
        return new KafkaPlan(new KafkaTarget(servers, tls, sasl(subject)), admin);
    }

    /**
     * Certificates and keystores are named by location (an S3 URL in Glue). Reading a location a
     * connection names would let any user make the server read its files, so none is read: refused
     * until an operator-configured store exists.
     */
    private static void refuseLocation(TestSubject subject, String key, String what) {
        Optional<String> value = subject.property(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isPresent()) {
            throw new InvalidTestInput(key + " cannot be tested yet: Dialtone does not load " + what + " from a "
                    + "location a connection names (S3 or a file path). Remove " + key + " to test with the JVM's "
                    + "default trust and no client certificate.");
        }
    }

    private Optional<SaslCredentials> sasl(TestSubject subject) {
        Optional<String> mechanism = subject.property("KAFKA_SASL_MECHANISM").map(m -> m.trim().toUpperCase(Locale.ROOT));
        if (mechanism.isEmpty()) {
            for (String key : List.of("KAFKA_SASL_PLAIN_USERNAME", "KAFKA_SASL_SCRAM_USERNAME", SCRAM_SECRET)) {
                if (subject.property(key).isPresent()) {
                    throw new InvalidTestInput(key + " is set but KAFKA_SASL_MECHANISM is not; set it to one of "
                            + String.join(", ", SaslCredentials.MECHANISMS) + ".");
                }
            }
            return Optional.empty();
        }
        boolean scram = mechanism.get().startsWith("SCRAM-");
        String prefix = scram ? "KAFKA_SASL_SCRAM_" : "KAFKA_SASL_PLAIN_";
        Optional<AuthenticationConfiguration.BasicCredentials> basic = subject.authentication()
                .flatMap(AuthenticationConfiguration::basicCredentials);
        Optional<String> user = subject.property(prefix + "USERNAME").or(() -> basic.flatMap(b -> b.username()));
        Optional<String> password = subject.property(prefix + "PASSWORD").or(() -> basic.flatMap(b -> b.password()));
        if (user.isPresent() && password.isPresent()) {
            return Optional.of(new SaslCredentials(mechanism.get(), user.get(), password.get()));
        }
        Optional<String> secretKey = scram && subject.property(SCRAM_SECRET).isPresent() ? Optional.of(SCRAM_SECRET)
                : subject.property("SECRET_ID").isPresent() ? Optional.of("SECRET_ID") : Optional.empty();
        Optional<String> secretId = secretKey.flatMap(subject::property)
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn));
        if (secretId.isPresent()) {
            Map<String, String> values = secrets.read(secretId.get());
            Optional<String> secretUser = SecretValues.username(values);
            Optional<String> secretPassword = SecretValues.password(values);
            if (secretUser.isEmpty() && user.isEmpty() || secretPassword.isEmpty()) {
                throw new InvalidTestInput("Secret '" + secretId.get() + "' has no " + (secretPassword.isEmpty()
                        ? "password" : "username") + " key; Kafka SASL tests need 'username' and 'password' in the "
                        + "secret.");
            }
            return Optional.of(new SaslCredentials(mechanism.get(), user.orElseGet(secretUser::get),
                    secretPassword.get()));
        }
        throw new InvalidTestInput("KAFKA_SASL_MECHANISM " + mechanism.get() + " needs " + prefix + "USERNAME and "
                + prefix + "PASSWORD" + (scram ? ", " + SCRAM_SECRET : "") + " or SECRET_ID; missing: "
                + (user.isEmpty() && password.isEmpty() ? prefix + "USERNAME, " + prefix + "PASSWORD"
                        : user.isEmpty() ? prefix + "USERNAME" : prefix + "PASSWORD") + ".");
    }

}
