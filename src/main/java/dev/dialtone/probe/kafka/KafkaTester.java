package dev.dialtone.probe.kafka;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.trust.ClientKeyStores;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tests {@code KAFKA} connections with Glue's properties: reaches every bootstrap server and every
 * advertised broker through the dialer, negotiates TLS (a custom CA and a client certificate when
 * given), authenticates with SASL (PLAIN or SCRAM),
 * and describes the cluster and lists topics with kafka-clients' Admin client.
 */
public final class KafkaTester implements ConnectionTester {
    private static final String SCRAM_SECRET = "KAFKA_SASL_SCRAM_SECRETS_ARN";
    private static final String CUSTOM_CERT = "KAFKA_CUSTOM_CERT";
    private static final String KEYSTORE = "KAFKA_CLIENT_KEYSTORE";
    private static final String KEYSTORE_PASSWORD = "KAFKA_CLIENT_KEYSTORE_PASSWORD";
    private static final String KEY_PASSWORD = "KAFKA_CLIENT_KEY_PASSWORD";

    private static final Set<String> GLUE_CA_SIGNATURES = Set.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA");
    private static final int GLUE_SMALLEST_RSA_KEY = 2048;

    private final SecretStore secrets;
    private final CaCertificates certificates;
    private final ClientKeyStores keyStores;
    private final AdminCheck admin;

    public KafkaTester(SecretStore secrets, CaCertificates certificates, ClientKeyStores keyStores) {
        this.secrets = secrets;
        this.certificates = certificates;
        this.keyStores = keyStores;
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
                PropertySpec.flag("KAFKA_SSL_ENABLED", "Use TLS to the brokers (Glue's default: true)", true),
                PropertySpec.optional(CUSTOM_CERT, "CA certificates (PEM) the brokers' certificates must chain to, "
                        + "instead of the JVM's trust store: s3://bucket/key, or a file name in the operator's "
                        + "certificate directory (DIALTONE_CERT_DIR). Used only with KAFKA_SSL_ENABLED=true"),
                PropertySpec.flag("KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "Skip Glue's checks of the custom CA "
                        + "certificate (signed with SHA256/384/512withRSA, RSA key of at least 2048 bits); the brokers' "
                        + "certificates are verified either way", false),
                PropertySpec.optional(KEYSTORE, "Client keystore (JKS or PKCS#12, one private key) for mutual "
                        + "TLS: s3://bucket/key, or a file name in the operator's certificate directory"),
                PropertySpec.secret(KEYSTORE_PASSWORD, "Password of KAFKA_CLIENT_KEYSTORE"),
                PropertySpec.secret(KEY_PASSWORD, "Password of the key in KAFKA_CLIENT_KEYSTORE (default: the "
                        + "keystore's password)"),
                PropertySpec.secret("ENCRYPTED_" + KEYSTORE_PASSWORD, "Glue's KMS-encrypted form of "
                        + KEYSTORE_PASSWORD + "; Dialtone cannot decrypt it, give " + KEYSTORE_PASSWORD + " to test"),
                PropertySpec.secret("ENCRYPTED_" + KEY_PASSWORD, "Glue's KMS-encrypted form of " + KEY_PASSWORD
                        + "; Dialtone cannot decrypt it, give " + KEY_PASSWORD + " to test"),
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
        boolean tls = subject.flag("KAFKA_SSL_ENABLED");
        // As in Glue, the certificate and keystore matter only with TLS on; without it they are not read.
        Optional<KafkaTls> kafkaTls = tls ? Optional.of(new KafkaTls(customCas(subject), clientKey(subject),
                keystorePasswords(subject))) : Optional.empty();
        return new KafkaPlan(new KafkaTarget(servers, kafkaTls, sasl(subject)), admin);
    }

    private Optional<List<X509Certificate>> customCas(TestSubject subject) {
        Optional<String> location = nonBlank(subject, CUSTOM_CERT);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> cas = certificates.certificates(CUSTOM_CERT, location.get(), subject.permissions());
        boolean skip = subject.flag("KAFKA_SKIP_CUSTOM_CERT_VALIDATION");
        if (!skip) {
            cas.forEach(ca -> checkAsGlueDoes(location.get(), ca));
        }
        return Optional.of(cas);
    }

    /**
     * Glue refuses a custom certificate not signed with SHA-2 and RSA, or with an RSA key under 2048 bits,
     * unless KAFKA_SKIP_CUSTOM_CERT_VALIDATION is true: a test that passed here would fail there.
     */
    private static void checkAsGlueDoes(String location, X509Certificate ca) {
        String subject = ca.getSubjectX500Principal().getName();
        String skipHint = " Glue refuses it too; re-issue the CA with SHA256withRSA and a 2048-bit (or larger) RSA "
                + "key, or set KAFKA_SKIP_CUSTOM_CERT_VALIDATION to true to skip this check.";
        if (!GLUE_CA_SIGNATURES.contains(ca.getSigAlgName())) {
            throw new InvalidTestInput(CUSTOM_CERT + " '" + location + "': the certificate " + subject
                    + " is signed with " + ca.getSigAlgName() + ", not SHA256withRSA, SHA384withRSA or SHA512withRSA."
                    + skipHint);
        }
        if (ca.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < GLUE_SMALLEST_RSA_KEY) {
            throw new InvalidTestInput(CUSTOM_CERT + " '" + location + "': the certificate " + subject + " has a "
                    + rsa.getModulus().bitLength() + "-bit RSA key, smaller than " + GLUE_SMALLEST_RSA_KEY + " bits."
                    + skipHint);
        }
    }

    private Optional<ClientKeyStores.ClientKey> clientKey(TestSubject subject) {
        Optional<String> location = nonBlank(subject, KEYSTORE);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> storePassword = subject.property(KEYSTORE_PASSWORD);
        if (storePassword.isEmpty()) {
            throw new InvalidTestInput(KEYSTORE + " needs " + KEYSTORE_PASSWORD + (subject.property("ENCRYPTED_"
                    + KEYSTORE_PASSWORD).isPresent() ? " in plain text: Dialtone cannot decrypt Glue's ENCRYPTED_"
                    + KEYSTORE_PASSWORD + " (it is encrypted with a KMS key of the Glue account)." : "."));
        }
        String keyPassword = subject.property(KEY_PASSWORD).orElse(storePassword.get());
        return Optional.of(keyStores.load(KEYSTORE, location.get(), storePassword.get().toCharArray(),
                keyPassword.toCharArray(), subject.permissions()));
    }

    private static Set<String> keystorePasswords(TestSubject subject) {
        Set<String> passwords = new java.util.HashSet<>();
        subject.property(KEYSTORE_PASSWORD).ifPresent(passwords::add);
        subject.property(KEY_PASSWORD).ifPresent(passwords::add);
        return passwords;
    }

    private static Optional<String> nonBlank(TestSubject subject, String key) {
        return subject.property(key).map(String::trim).filter(value -> !value.isEmpty());
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
            Map<String, String> values = secrets.read(secretId.get(), subject.permissions());
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
