package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeS3;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * Glue's TLS properties against a real PostgreSQL with ssl=on, whose certificate a test CA signed:
 * the CA from the certificate directory or from S3 (a local GetObject endpoint), wrong names,
 * expired certificates, skipped validation, and a server without TLS. The Redshift driver speaks
 * PostgreSQL's protocol, so the same server tests it up to login (md5: it has no SCRAM).
 */
class PostgresTlsTestConnectionTest {
    private static final String PASSWORD = "Tls-Analyst-Pw-51b0";
    private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Dialtone PG CA");
    private static final TestCertificates.Issued OTHER_CA = TestCertificates.certificateAuthority("Unrelated CA");
    private static final TestCertificates.Issued SERVER_CERT = TestCertificates.server(CA, "localhost", "127.0.0.1");
    private static final FakeS3 S3 = FakeS3.start();
    private static final Path CERT_DIR = TempDir.scratch("dialtone-certs");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCertDir(CERT_DIR)
            .withEnvironment(S3.awsEnvironment()).withServerSecretsAllowed(true));

    private static PostgresServer tlsPg;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void servers() throws Exception {
        tlsPg = PostgresServer.startWithTls(SERVER_CERT.pem(), SERVER_CERT.keyPem());
        tlsPg.createRole("tls_analyst", PASSWORD);
        tlsPg.createDatabase("secure", "tls_analyst");
        tlsPg.createMd5Role("rs_user", PASSWORD);
        Files.writeString(CERT_DIR.resolve("pg-ca.pem"), CA.pem());
        Files.createDirectories(CERT_DIR.resolve("bundles"));
        Files.writeString(CERT_DIR.resolve("bundles/other.pem"), OTHER_CA.pem() + CA.pem());
        Files.writeString(CERT_DIR.resolve("not-a-cert.pem"), "hello");
        Files.writeString(CERT_DIR.resolve("other-ca.pem"), OTHER_CA.pem());
        S3.put("certs", "pg/ca.pem", CA.pem());
        S3.put("locked", "ca.pem", CA.pem());
        S3.deny("locked");
    }

    @AfterAll
    static void stop() throws Exception {
        tlsPg.close();
        S3.close();
    }


    private static Map<String, String> properties(String host, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of("HOST", host, "PORT", String.valueOf(tlsPg.port()),
                "JDBC_ENGINE", "postgresql", "DATABASE", "secure", "USERNAME", "tls_analyst", "PASSWORD", PASSWORD));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    private String testByName(String name, Map<String, String> properties) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        Connection connection = glue.getConnection(r -> r.name(name)).connection();
        return connection.statusReason();
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void theRightCaFromTheCertificateDirectoryPassesWithTheTlsDetails() {
        String report = testByName("tls-dir", properties("localhost", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "pg-ca.pem"));
        String expires = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC)
                .format(SERVER_CERT.certificate().getNotAfter().toInstant());
        assertThat(report).startsWith("Connection test succeeded")
                .containsPattern("tls TLSv1\\.[23] TLS_\\w+ \\(certificate verified for 'localhost'\\)")
                .contains("certificate subject CN=localhost, issuer CN=Dialtone PG CA, expires " + expires);
        assertThat(CapturedLogs.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aCaBundleInASubdirectoryServes() {
        testInline(properties("localhost", "JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", "bundles/other.pem"));
    }

    @Test
    void theRightCaFromS3Passes() {
        int before = S3.gets();
        String report = testByName("tls-s3", properties("localhost", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "s3://certs/pg/ca.pem"));
        assertThat(report).contains("certificate verified for 'localhost'");
        assertThat(S3.gets()).isEqualTo(before + 1);
    }

    @Test
    void aMissingADeniedAndANonCertificateS3ObjectGetTheSameAnswerSoObjectsCannotBeProbed() {
        S3.put("certs", "pg/readme.txt", "not a certificate");
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (String location : List.of("s3://certs/absent.pem", "s3://locked/ca.pem", "s3://certs/pg/readme.txt",
                "s3://nosuchbucket/ca.pem")) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> testInline(properties("localhost", "CUSTOM_JDBC_CERT", location)));
            assertThat(thrown).isInstanceOf(InvalidInputException.class);
            answers.put(location, ((InvalidInputException) thrown).awsErrorDetails().errorMessage()
                    .replace(location, "<location>"));
        }
        assertThat(answers.values()).as(answers.toString()).containsOnly("CUSTOM_JDBC_CERT '<location>' cannot be "
                + "used: the object does not exist, Dialtone may not read it, or it does not hold what "
                + "CUSTOM_JDBC_CERT needs.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../pg-ca.pem", "bundles/../../pg-ca.pem", "file:///etc/passwd",
        "~/ca.pem", "bundles//other.pem"})
    void aLocationOutsideTheCertificateDirectoryIsRefusedUnread(String location) {
        assertThatThrownBy(() -> testInline(properties("localhost", "CUSTOM_JDBC_CERT", location)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CUSTOM_JDBC_CERT '" + location + "' is refused");
    }

    @Test
    void aFileThatIsNoCertificateIsInvalidInput() {
        assertThatThrownBy(() -> testInline(properties("localhost", "CUSTOM_JDBC_CERT", "not-a-cert.pem")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds no X.509 certificate");
        assertThatThrownBy(() -> testInline(properties("localhost", "CUSTOM_JDBC_CERT", "absent.pem")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("was not found in the certificate directory");
    }

    @Test
    void enforcingTlsWithoutTheCaFailsAtTlsNamingTheIssuer() {
        assertThatThrownBy(() -> testInline(properties("localhost", "JDBC_ENFORCE_SSL", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is not "
                        + "trusted: it was issued by CN=Dialtone PG CA, which is not a trusted certificate authority\\..*");
    }

    @Test
    void theWrongCaFailsAtTlsNamingTheCertificatesIssuer() {
        assertThatThrownBy(() -> testInline(properties("localhost", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "other-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is not "
                        + "trusted: it was issued by CN=Dialtone PG CA, which is not a trusted certificate authority\\..*");
    }

    @Test
    void aHostTheCertificateDoesNotNameFailsAtTlsNamingBoth() {
        assertThatThrownBy(() -> testInline(properties("db.dialtone.test", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "pg-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is for "
                        + "'localhost', '127.0.0.1', not for 'db.dialtone.test'\\..*CUSTOM_JDBC_CERT_STRING.*");
    }

    @Test
    void customJdbcCertStringNamesTheCertificateWhenConnectingByAnotherName() {
        String report = testByName("tls-name", properties("db.dialtone.test", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "pg-ca.pem", "CUSTOM_JDBC_CERT_STRING", "localhost"));
        assertThat(report).contains("certificate verified for 'localhost'");
    }

    @Test
    void skippingValidationEncryptsAndSaysSo() {
        String report = testByName("tls-skip", properties("db.dialtone.test", "JDBC_ENFORCE_SSL", "true",
                "SKIP_CUSTOM_JDBC_CERT_VALIDATION", "true"));
        assertThat(report).containsPattern("tls TLSv1\\.[23] \\S+ \\(certificate NOT verified: "
                + "SKIP_CUSTOM_JDBC_CERT_VALIDATION=true\\)").contains("issuer CN=Dialtone PG CA");
    }

    @Test
    void withoutTlsPropertiesTheDriversDefaultEncryptsWithoutVerifying() {
        String report = testByName("tls-default", properties("localhost"));
        assertThat(report).contains("(certificate NOT verified: sslmode=prefer (the default) does not ask for "
                + "verification)");
        String plain = testByName("tls-off", Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://localhost:"
                + tlsPg.port() + "/secure?sslmode=disable", "USERNAME", "tls_analyst", "PASSWORD", PASSWORD));
        assertThat(plain).contains("tls not used").doesNotContain("certificate subject");
    }

    @Test
    void sslmodeDisableConflictsWithEnforcedTls() {
        Map<String, String> properties = new HashMap<>(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://localhost:"
                + tlsPg.port() + "/secure?sslmode=disable", "USERNAME", "tls_analyst", "PASSWORD", PASSWORD,
                "JDBC_ENFORCE_SSL", "true"));
        assertThatThrownBy(() -> testInline(properties)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("JDBC_ENFORCE_SSL=true asks for TLS, but the connection's sslmode=disable "
                        + "switches it off");
    }

    @Test
    void enforcingTlsAgainstAServerWithoutTlsFailsAtTls() throws Exception {
        PostgresServer plain = SharedDatabases.postgres();
        assertThatThrownBy(() -> testInline(Map.of("JDBC_CONNECTION_URL", plain.jdbcUrl("postgres"),
                "USERNAME", plain.superuser(), "PASSWORD", plain.superuserPassword(), "JDBC_ENFORCE_SSL", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server does not offer TLS, but "
                        + "the connection requires it.*");
    }

    private static Map<String, String> redshift(String host, String password, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of("JDBC_CONNECTION_URL", "jdbc:redshift://" + host + ":"
                + tlsPg.port() + "/secure", "USERNAME", "rs_user", "PASSWORD", password));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    @Test
    void theRedshiftDriverNegotiatesVerifiedTlsThroughDialtoneAndReachesTheLogin() {
        // pg_hba.conf was switched to md5 for the Redshift driver; the server reloads it asynchronously.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> testInline(redshift(
                "localhost", "Wrong-Rs-Pw", "JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", "pg-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: password authentication failed for user \"rs_user\" \\(SQLState 28P01\\).*"));
        // The right password is accepted; the session then fails on a setting only Redshift knows.
        assertThatThrownBy(() -> testInline(redshift("localhost", PASSWORD, "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "s3://certs/pg/ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unrecognized configuration parameter \"driver_version\"")
                .hasMessageNotContaining("28P01").hasMessageNotContaining(PASSWORD);
        assertThat(CapturedLogs.all()).doesNotContain(PASSWORD);
    }

    @Test
    void theRedshiftDriverRefusesAnUntrustedOrMisnamedCertificateAtTls() {
        assertThatThrownBy(() -> testInline(redshift("localhost", PASSWORD, "JDBC_ENFORCE_SSL", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is not "
                        + "trusted: it was issued by CN=Dialtone PG CA.*");
        assertThatThrownBy(() -> testInline(redshift("db.dialtone.test", PASSWORD, "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "pg-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS").hasMessageContaining("not for 'db.dialtone.test'");
    }

    @Test
    void anExpiredCertificateFailsAtTlsNamingTheDate() throws Exception {
        TestCertificates.Issued expired = TestCertificates.server(CA, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(2)), "localhost");
        String day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC)
                .format(expired.certificate().getNotAfter().toInstant());
        Map<String, String> properties = properties("localhost", "JDBC_ENFORCE_SSL", "true",
                "CUSTOM_JDBC_CERT", "pg-ca.pem");
        tlsPg.replaceCertificate(expired.pem(), expired.keyPem());
        try {
            // The server reloads its configuration asynchronously: new connections get the new certificate soon.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> testInline(properties))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate "
                            + "\\(CN=localhost\\) expired on " + day + "\\. Renew the server's certificate\\..*"));
        } finally {
            tlsPg.replaceCertificate(SERVER_CERT.pem(), SERVER_CERT.keyPem());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> testInline(properties));
        }
    }
}
