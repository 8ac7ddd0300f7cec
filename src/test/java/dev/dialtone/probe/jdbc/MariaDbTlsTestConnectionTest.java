package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.MariaDbServer;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * Glue's TLS properties against a real MariaDB with TLS on, through MariaDB Connector/J (its TLS
 * plugin hook) and MySQL Connector/J (its socket factory's handshake hook).
 */
class MariaDbTlsTestConnectionTest {
    private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Dialtone MariaDB CA");
    private static final TestCertificates.Issued SERVER_CERT = TestCertificates.server(CA, "localhost", "127.0.0.1");
    private static final Path CERT_DIR = TempDir.scratch("dialtone-certs");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCertDir(CERT_DIR));

    private static MariaDbServer tlsDb;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void server() throws Exception {
        tlsDb = MariaDbServer.startWithTls(SERVER_CERT.pem(), SERVER_CERT.keyPem());
        Files.writeString(CERT_DIR.resolve("maria-ca.pem"), CA.pem());
    }

    @AfterAll
    static void stop() throws Exception {
        tlsDb.close();
    }


    private static Map<String, String> properties(String engine, String host, int port, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of("HOST", host, "PORT", String.valueOf(port),
                "JDBC_ENGINE", engine, "DATABASE", MariaDbServer.DATABASE, "USERNAME", MariaDbServer.USER,
                "PASSWORD", MariaDbServer.PASSWORD));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    private String testByName(String name, Map<String, String> properties) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        return glue.getConnection(r -> r.name(name)).connection().statusReason();
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void theRightCaPassesWithTheTlsDetails(String engine) {
        String report = testByName("maria-tls-" + engine, properties(engine, "localhost", tlsDb.port(),
                "JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", "maria-ca.pem"));
        assertThat(report).containsPattern("tls TLSv1\\.[23] \\S+ \\(certificate verified for 'localhost'\\)")
                .contains("certificate subject CN=localhost, issuer CN=Dialtone MariaDB CA");
        assertThat(CapturedLogs.all()).doesNotContain(MariaDbServer.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void enforcingTlsWithoutTheCaFailsAtTlsNamingTheIssuer(String engine) {
        assertThatThrownBy(() -> testInline(properties(engine, "localhost", tlsDb.port(), "JDBC_ENFORCE_SSL", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is not "
                        + "trusted: it was issued by CN=Dialtone MariaDB CA.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aHostTheCertificateDoesNotNameFailsAtTlsNamingBoth(String engine) {
        assertThatThrownBy(() -> testInline(properties(engine, "db.dialtone.test", tlsDb.port(),
                "JDBC_ENFORCE_SSL", "true", "CUSTOM_JDBC_CERT", "maria-ca.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server's certificate is for "
                        + "'localhost', '127.0.0.1', not for 'db.dialtone.test'.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void skippingValidationEncryptsAndSaysSo(String engine) {
        String report = testByName("maria-skip-" + engine, properties(engine, "db.dialtone.test", tlsDb.port(),
                "JDBC_ENFORCE_SSL", "true", "SKIP_CUSTOM_JDBC_CERT_VALIDATION", "true"));
        assertThat(report).contains("(certificate NOT verified: SKIP_CUSTOM_JDBC_CERT_VALIDATION=true)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void enforcingTlsAgainstAServerWithoutTlsFailsAtTls(String engine) {
        MariaDbServer plain = SharedDatabases.mariadb();
        assertThatThrownBy(() -> testInline(properties(engine, "localhost", plain.port(), "JDBC_ENFORCE_SSL", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server does not offer TLS, but "
                        + "the connection requires it.*");
    }
}
