package dev.dialtone.probe.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.OpenSearchStandIn;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * OPENSEARCH through the AWS SDK: Glue's SparkProperties JSON (and the Athena form, domain_endpoint) against an
 * HTTPS OpenSearch stand-in whose certificate a test CA signed, given by CUSTOM_CERT from the certificate directory.
 */
class OpenSearchTestConnectionTest {
    private static final String PASSWORD = "os-Pass-7e1b93";
    private static final String AWS_SECRET = "os-aws-secret-0d9c4b27";
    private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("OpenSearch Test CA");
    private static final Path CERT_DIR = certDir();
    private static OpenSearchStandIn cluster;

    private static Path certDir() {
        try {
            Path dir = Files.createTempDirectory("os-certs");
            Files.writeString(dir.resolve("os-ca.pem"), CA.pem());
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true)
            .withCertDir(CERT_DIR)
            .withEgress(new DialtoneConfig.Egress("metadata, 127.0.0.2/32", ""))
            .withEnvironment(Map.of(
                    "DIALTONE_SECRET_OS", "{\"opensearch.net.http.auth.user\":\"reader\","
                            + "\"opensearch.net.http.auth.pass\":\"" + PASSWORD + "\"}",
                    "DIALTONE_SECRET_OS_PLAIN", "{\"username\":\"indexer\",\"password\":\"" + PASSWORD + "\"}",
                    "DIALTONE_SECRET_OS_WRONG", "{\"username\":\"reader\",\"password\":\"not-" + PASSWORD + "\"}",
                    "DIALTONE_SECRET_OS_AWS", "{\"aws_access_key_id\":\"AKIAOPENSEARCH000001\","
                            + "\"aws_secret_access_key\":\"" + AWS_SECRET + "\"}",
                    "DIALTONE_SECRET_OS_AWS_WRONG", "{\"aws_access_key_id\":\"AKIAOPENSEARCH000001\","
                            + "\"aws_secret_access_key\":\"wrong-" + AWS_SECRET + "\"}")));

    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() throws Exception {
        cluster = new OpenSearchStandIn(CA).user("reader", PASSWORD, true).user("indexer", PASSWORD, false)
                .awsKey("AKIAOPENSEARCH000001", AWS_SECRET);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String spark(String host, int port, String secretId, String... more) {
        StringBuilder json = new StringBuilder("{\"opensearch.nodes\":\"https://" + host + "\",\"opensearch.port\":\""
                + port + "\",\"secretId\":\"" + secretId + "\",\"opensearch.nodes.wan.only\":\"true\"");
        for (int i = 0; i < more.length; i += 2) {
            json.append(",\"").append(more[i]).append("\":\"").append(more[i + 1]).append('"');
        }
        return json.append('}').toString();
    }

    private Map<String, String> properties(String sparkProperties) {
        Map<String, String> properties = new HashMap<>();
        properties.put("SparkProperties", sparkProperties);
        properties.put("CUSTOM_CERT", "os-ca.pem");
        return properties;
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("OPENSEARCH")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void sparkPropertiesWithASecretReadTheClusterAndItsHealthOverVerifiedTls() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("search").connectionType("OPENSEARCH")
                .connectionPropertiesWithStrings(properties(spark("localhost", cluster.port(),
                        "env:DIALTONE_SECRET_OS")))));
        glue.testConnection(r -> r.connectionName("search"));
        Connection connection = glue.getConnection(r -> r.name("search")).connection();
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason())
                .contains("authentication basic, user reader")
                .contains("cluster search-prod, opensearch 2.19.1")
                .contains("health green, 3 nodes")
                .contains("TLS")
                .doesNotContain(PASSWORD);
        assertThat(cluster.paths()).containsSubsequence("/", "/_cluster/health");
    }

    @Test
    void theAthenaFormWithUsernameAndPasswordKeysAndAUserWithoutMonitoringStillSucceeds() {
        Map<String, String> properties = new HashMap<>(Map.of("domain_endpoint", "https://localhost:" + cluster.port(),
                "SECRET_ID", "env:DIALTONE_SECRET_OS_PLAIN", "CUSTOM_CERT", "os-ca.pem"));
        glue.createConnection(r -> r.connectionInput(c -> c.name("search-athena").connectionType("OPENSEARCH")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName("search-athena"));
        assertThat(glue.getConnection(r -> r.name("search-athena")).connection().statusReason())
                .contains("health not readable with these credentials (HTTP 403)");
    }

    @Test
    void aWrongPasswordFailsAtAuthenticateWithoutThePassword() {
        assertThatThrownBy(() -> testInline(properties(spark("localhost", cluster.port(),
                "env:DIALTONE_SECRET_OS_WRONG"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the cluster did not accept the credentials: Unauthorized (HTTP 401)")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void sigV4SignedByTheSdkIsAcceptedAndAWrongSecretKeyFailsAtAuthenticate() {
        testInline(properties(spark("localhost", cluster.port(), "env:DIALTONE_SECRET_OS_AWS",
                "opensearch.aws.sigv4.enabled", "true", "opensearch.aws.sigv4.region", "eu-west-1")));
        assertThatThrownBy(() -> testInline(properties(spark("localhost", cluster.port(),
                "env:DIALTONE_SECRET_OS_AWS_WRONG", "opensearch.aws.sigv4.enabled", "true",
                "opensearch.aws.sigv4.region", "eu-west-1"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("The request signature we calculated does not match")
                .hasMessageNotContaining(AWS_SECRET);
    }

    @Test
    void anUntrustedCertificateFailsAtTls() {
        Map<String, String> properties = properties(spark("localhost", cluster.port(), "env:DIALTONE_SECRET_OS"));
        properties.remove("CUSTOM_CERT");
        assertThatThrownBy(() -> testInline(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS");
    }

    @Test
    void aClosedPortFailsAtConnect() {
        int closed = Ports.free();
        assertThatThrownBy(() -> testInline(properties(spark("127.0.0.1", closed, "env:DIALTONE_SECRET_OS"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("127.0.0.1:" + closed + " was refused");
    }

    @Test
    void anEgressRefusedHostIsAccessDeniedBeforeDialling() {
        int before = cluster.paths().size();
        assertThatThrownBy(() -> testInline(properties(spark("127.0.0.2", cluster.port(), "env:DIALTONE_SECRET_OS"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("refused before dialling: 127.0.0.2:" + cluster.port());
        assertThat(cluster.paths()).hasSize(before);
    }

    @Test
    void plainHttpIsRefusedExceptToLoopbackAndMissingSettingsAreNamed() {
        assertThatThrownBy(() -> testInline(Map.of("SparkProperties",
                "{\"opensearch.nodes\":\"http://search.example.com\",\"secretId\":\"env:DIALTONE_SECRET_OS\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not https");
        assertThatThrownBy(() -> testInline(Map.of("SparkProperties", "{\"secretId\":\"env:DIALTONE_SECRET_OS\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("opensearch.nodes");
        assertThatThrownBy(() -> testInline(Map.of("SparkProperties", "{not json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SparkProperties is not valid JSON");
    }
}
