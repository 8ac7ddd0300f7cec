package dev.dialtone.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeS3;
import dev.dialtone.fixtures.KafkaBroker;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * KAFKA over TLS against a real KRaft broker in this JVM, whose listeners present a certificate a test
 * CA signed: the CA from the certificate directory and from S3, a broker the JVM does not trust, Glue's
 * check of the custom CA, and mutual TLS with JKS and PKCS#12 client keystores, including a client
 * certificate the broker does not trust and a listener that gets none.
 */
class KafkaTlsTestConnectionTest {
    private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Dialtone Kafka CA");
    private static final TestCertificates.Issued SERVER_CERT = TestCertificates.server(CA, "localhost", "127.0.0.1");
    private static final TestCertificates.Issued CLIENT_CA = TestCertificates.certificateAuthority("Dialtone Client CA");
    private static final TestCertificates.Issued CLIENT = TestCertificates.server(CLIENT_CA, "etl-job");
    private static final TestCertificates.Issued STRANGER_CA = TestCertificates.certificateAuthority("Stranger CA");
    private static final TestCertificates.Issued STRANGER = TestCertificates.server(STRANGER_CA, "stranger");
    private static final TestCertificates.Issued EXPIRED_CLIENT = TestCertificates.server(CLIENT_CA,
            java.time.Instant.now().minus(Duration.ofDays(30)), java.time.Instant.now().minus(Duration.ofDays(1)),
            "expired-job");
    private static final String STORE_PASSWORD = "Keystore-Pw-7c1d";
    private static final String KEY_PASSWORD = "Key-Pw-2b9e";
    private static final String SCRAM_PASSWORD = "Scram-Tls-Pw-5d0a";
    private static final FakeS3 S3 = FakeS3.start();
    private static final Path CERT_DIR = TempDir.scratch("dialtone-kafka-certs");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCertDir(CERT_DIR)
            .withEnvironment(S3.awsEnvironment()).withServerSecretsAllowed(true));

    private static KafkaBroker broker;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Map.of(), Optional.of(new KafkaBroker.TlsListeners(SERVER_CERT, CLIENT_CA)));
        broker.createTopic("clicks");
        broker.createScramUser("msk-user", SCRAM_PASSWORD);
        Files.writeString(CERT_DIR.resolve("kafka-ca.pem"), CA.pem());
        Files.writeString(CERT_DIR.resolve("ec-ca.pem"), TestCertificates.ellipticCurveAuthority("EC CA").pem());
        Files.writeString(CERT_DIR.resolve("ec-and-kafka-ca.pem"), TestCertificates.ellipticCurveAuthority("EC CA")
                .pem() + CA.pem());
        Files.write(CERT_DIR.resolve("client.p12"), TestCertificates.keyStore("PKCS12", CLIENT, CLIENT_CA,
                STORE_PASSWORD.toCharArray(), STORE_PASSWORD.toCharArray()));
        Files.write(CERT_DIR.resolve("client.jks"), TestCertificates.keyStore("JKS", CLIENT, CLIENT_CA,
                STORE_PASSWORD.toCharArray(), KEY_PASSWORD.toCharArray()));
        Files.write(CERT_DIR.resolve("stranger.p12"), TestCertificates.keyStore("PKCS12", STRANGER, STRANGER_CA,
                STORE_PASSWORD.toCharArray(), STORE_PASSWORD.toCharArray()));
        Files.write(CERT_DIR.resolve("expired.p12"), TestCertificates.keyStore("PKCS12", EXPIRED_CLIENT, CLIENT_CA,
                STORE_PASSWORD.toCharArray(), STORE_PASSWORD.toCharArray()));
        S3.put("kafka-certs", "msk/ca.pem", CA.pem());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
        S3.close();
    }


    @AfterEach
    void noAdminClientIsLeftBehind() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(KafkaThreads.adminClientThreads()).as("Admin client threads").isZero());
    }

    private static Map<String, String> tls(String bootstrap, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    private String testByName(String name, Map<String, String> properties) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("KAFKA")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        Connection connection = glue.getConnection(r -> r.name(name)).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        return connection.statusReason();
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("KAFKA")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void theBrokersCaFromTheCertificateDirectoryPassesWithTheTlsDetailsAndTheAdminCheck() {
        String report = testByName("tls-dir", tls(broker.sslBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem"));
        assertThat(report)
                .contains("bootstrap " + broker.sslBootstrap() + " (SSL)")
                .contains("tls trust trusting KAFKA_CUSTOM_CERT (CN=Dialtone Kafka CA)")
                .containsPattern("tls TLSv1\\.[23] TLS_")
                .contains("subject CN=localhost, issuer CN=Dialtone Kafka CA")
                .contains("topics visible 1 (clicks)");
    }

    @Test
    void theCaFromS3PassesToo() {
        String report = testByName("tls-s3", tls(broker.sslBootstrap(), "KAFKA_CUSTOM_CERT", "s3://kafka-certs/msk/ca.pem"));
        assertThat(report).contains("(SSL)").contains("issuer CN=Dialtone Kafka CA");
    }

    @Test
    void withoutTheCustomCaTheBrokerIsNotTrustedAndTheIssuerIsNamed() {
        assertThatThrownBy(() -> testInline(tls(broker.sslBootstrap())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("bootstrap server " + broker.sslBootstrap())
                .hasMessageContaining("not trusted: it was issued by CN=Dialtone Kafka CA");
    }

    @Test
    void aCustomCaGlueWouldRefuseIsRefusedUnlessTheCheckIsSkipped() {
        assertThatThrownBy(() -> testInline(tls(broker.sslBootstrap(), "KAFKA_CUSTOM_CERT", "ec-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_CUSTOM_CERT 'ec-ca.pem': the certificate CN=EC CA is signed with "
                        + "SHA256withECDSA")
                .hasMessageContaining("KAFKA_SKIP_CUSTOM_CERT_VALIDATION");
        // Skipping Glue's check still verifies the broker: the bundle holds its CA, so the test passes.
        String report = testByName("tls-skip", tls(broker.sslBootstrap(), "KAFKA_CUSTOM_CERT", "ec-and-kafka-ca.pem",
                "KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "true"));
        assertThat(report).contains("KAFKA_CUSTOM_CERT (CN=EC CA and 1 more)");
    }

    @Test
    void scramOverTlsPassesAndAWrongPasswordFailsAtAuthenticateAfterTls() {
        String report = testByName("sasl-ssl", tls(broker.saslSslBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_SCRAM_USERNAME", "msk-user",
                "KAFKA_SASL_SCRAM_PASSWORD", SCRAM_PASSWORD));
        assertThat(report).contains("(SASL_SSL)").contains("sasl SCRAM-SHA-512 as msk-user")
                .contains("issuer CN=Dialtone Kafka CA").doesNotContain(SCRAM_PASSWORD);
        assertThatThrownBy(() -> testInline(tls(broker.saslSslBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_SCRAM_USERNAME", "msk-user",
                "KAFKA_SASL_SCRAM_PASSWORD", "Wrong-Tls-Pw-00")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageNotContaining("Wrong-Tls-Pw-00");
    }

    @Test
    void mutualTlsWithAPkcs12KeystorePassesPresentingTheClientCertificate() {
        String report = testByName("mtls-p12", tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "client.p12", "KAFKA_CLIENT_KEYSTORE_PASSWORD", STORE_PASSWORD));
        assertThat(report).contains("presenting client certificate CN=etl-job")
                .contains("client certificate CN=etl-job, asked for by the server")
                .doesNotContain(STORE_PASSWORD);
        // The key reaches the Admin client as PEM in its configuration, and the client logs at DEBUG here: the key
        // is still in no log line.
        String keyText = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(CLIENT.keys().getPrivate().getEncoded()).lines().skip(1).findFirst().orElseThrow();
        assertThat(dev.dialtone.fixtures.CapturedLogs.all()).doesNotContain(keyText).doesNotContain(STORE_PASSWORD);
    }

    @Test
    void mutualTlsWithAJksKeystoreAndItsOwnKeyPasswordPasses() {
        String report = testByName("mtls-jks", tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "client.jks", "KAFKA_CLIENT_KEYSTORE_PASSWORD", STORE_PASSWORD,
                "KAFKA_CLIENT_KEY_PASSWORD", KEY_PASSWORD));
        assertThat(report).contains("presenting client certificate CN=etl-job");
    }

    @Test
    void aListenerThatRequiresAClientCertificateSaysSoWhenNoneIsGiven() {
        assertThatThrownBy(() -> testInline(tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("asks for a client certificate issued by CN=Dialtone Client CA (mutual TLS) "
                        + "and none was given")
                .hasMessageContaining("Set KAFKA_CLIENT_KEYSTORE");
    }

    @Test
    void aClientCertificateFromAnIssuerTheBrokerDoesNotAcceptIsNamedWithTheIssuersItWants() {
        // The broker lists the issuers it accepts; a certificate from another CA is not even sent.
        assertThatThrownBy(() -> testInline(tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "stranger.p12", "KAFKA_CLIENT_KEYSTORE_PASSWORD", STORE_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("asks for a client certificate issued by CN=Dialtone Client CA (mutual TLS); "
                        + "the one in KAFKA_CLIENT_KEYSTORE (CN=stranger, issued by CN=Stranger CA) is not, so none "
                        + "was sent")
                .hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void aClientCertificateTheBrokerRefusesFailsAtTlsNamingIt() {
        assertThatThrownBy(() -> testInline(tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "expired.p12", "KAFKA_CLIENT_KEYSTORE_PASSWORD", STORE_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("refused the client certificate from KAFKA_CLIENT_KEYSTORE (CN=expired-job)")
                .hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void wrongKeystoreOrKeyPasswordsAreNamedButNeverEchoed() {
        assertThatThrownBy(() -> testInline(tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "client.p12", "KAFKA_CLIENT_KEYSTORE_PASSWORD", "Not-The-Pw-93")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_CLIENT_KEYSTORE 'client.p12' could not be opened: the keystore password")
                .hasMessageNotContaining("Not-The-Pw-93");
        assertThatThrownBy(() -> testInline(tls(broker.mutualTlsBootstrap(), "KAFKA_CUSTOM_CERT", "kafka-ca.pem",
                "KAFKA_CLIENT_KEYSTORE", "client.jks", "KAFKA_CLIENT_KEYSTORE_PASSWORD", STORE_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the key 'client' could not be unlocked")
                .hasMessageNotContaining(STORE_PASSWORD);
    }
}
