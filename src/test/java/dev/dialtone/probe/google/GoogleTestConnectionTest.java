package dev.dialtone.probe.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.GoogleStandIn;
import dev.dialtone.fixtures.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * BIGQUERY and GOOGLECLOUDSTORAGE through the AWS SDK: service-account keys from secrets, a Google token endpoint
 * stand-in that checks the JWT's signature with the account's public key, and the two APIs reached through
 * DIALTONE_GOOGLE_ENDPOINT_URL_BIGQUERY / _STORAGE.
 */
class GoogleTestConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GoogleStandIn GOOGLE = start();
    private static final String READER = GOOGLE.serviceAccount("reader@acme-data.iam.gserviceaccount.com", "acme-data",
            true);
    private static final String NOBODY = GOOGLE.serviceAccount("nobody@acme-data.iam.gserviceaccount.com", "acme-data",
            false);
    private static final String FORGED = GOOGLE.unknownKey("reader@acme-data.iam.gserviceaccount.com", "acme-data");

    private static GoogleStandIn start() {
        try {
            return new GoogleStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String privateKey(String keyFile) {
        try {
            return JSON.readTree(keyFile).get("private_key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true)
            .withEgress(new DialtoneConfig.Egress("metadata, 127.0.0.2/32", ""))
            .withEnvironment(Map.of(
                    "DIALTONE_GOOGLE_ENDPOINT_URL_BIGQUERY", GOOGLE.origin(),
                    "DIALTONE_GOOGLE_ENDPOINT_URL_STORAGE", GOOGLE.origin(),
                    "DIALTONE_SECRET_GCP_READER", READER,
                    "DIALTONE_SECRET_GCP_NOBODY", NOBODY,
                    "DIALTONE_SECRET_GCP_FORGED", FORGED,
                    "DIALTONE_SECRET_GCP_SPARK", "{\"credentials\":\"" + Base64.getEncoder().encodeToString(
                            READER.getBytes(StandardCharsets.UTF_8)) + "\"}",
                    "DIALTONE_SECRET_GCP_DENIED_HOST", READER.replace("127.0.0.1", "127.0.0.2"),
                    "DIALTONE_SECRET_GCP_CLOSED", READER.replace(GOOGLE.origin(), "http://127.0.0.1:" + Ports.free()))));

    private final GlueClient glue = SERVER.glue();

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    private String byName(String name, String type, Map<String, String> properties) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType(type)
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        Connection connection = glue.getConnection(r -> r.name(name)).connection();
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        return connection.statusReason();
    }

    private void inline(String type, Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void bigQueryWithGluesSparkPropertiesExchangesTheJwtAndListsADataset() {
        assertThat(byName("bq", "BIGQUERY", Map.of("SparkProperties", "{\"secretId\":\"env:DIALTONE_SECRET_GCP_SPARK\"}")))
                .contains("service account reader@acme-data.iam.gserviceaccount.com")
                .contains("token endpoint " + GOOGLE.tokenUrl())
                .contains("project acme-data")
                .contains("datasets first dataset sales")
                .doesNotContain("ya29.");
        assertThat(GOOGLE.requests()).containsSubsequence("/token", "/bigquery/v2/projects/acme-data/datasets");
    }

    @Test
    void cloudStorageListsABucketOrReadsANamedOne() {
        assertThat(byName("gcs", "GOOGLECLOUDSTORAGE", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_READER")))
                .contains("buckets first bucket acme-logs");
        assertThat(byName("gcs-bucket", "GOOGLECLOUDSTORAGE", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_READER",
                "BUCKET", "acme-logs"))).contains("buckets bucket acme-logs, EU, STANDARD");
        assertThatThrownBy(() -> inline("GOOGLECLOUDSTORAGE", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_READER",
                "BUCKET", "missing-bucket")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("The specified bucket does not exist. (HTTP 404)");
    }

    @Test
    void aKeyGoogleDoesNotKnowFailsAtAuthenticateWithInvalidGrantAndNoKey() {
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_FORGED")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint refused the service account's JWT: Invalid JWT Signature. "
                        + "(error invalid_grant, HTTP 400)")
                .hasMessageNotContaining(privateKey(FORGED).substring(40, 80));
    }

    @Test
    void anAccountWithoutThePermissionFailsAtAuthorizeWithGooglesWords() {
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_NOBODY",
                "PROJECT_ID", "acme-data")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("PERMISSION_DENIED Access Denied: Project acme-data: User does not have "
                        + "bigquery.datasets.list permission")
                .hasMessageContaining("(HTTP 403)");
        assertThatThrownBy(() -> inline("GOOGLECLOUDSTORAGE", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_NOBODY")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("does not have storage.buckets.list access");
    }

    @Test
    void aClosedTokenEndpointFailsAtConnectAndADeniedOneIsRefusedBeforeDialling() {
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_CLOSED")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT");
        int before = GOOGLE.requests().size();
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_DENIED_HOST")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("refused before dialling: 127.0.0.2:");
        assertThat(GOOGLE.requests()).hasSize(before);
    }

    @Test
    void inputProblemsAreNamedBeforeAnyRequest() {
        int before = GOOGLE.requests().size();
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("need a service-account key");
        assertThatThrownBy(() -> inline("BIGQUERY", Map.of("SECRET_ID", "env:DIALTONE_SECRET_GCP_READER",
                "PROJECT_ID", "Not A Project")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a Google Cloud project id");
        Map<String, String> http = new HashMap<>(Map.of("SparkProperties", "[1]"));
        assertThatThrownBy(() -> inline("BIGQUERY", http))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SparkProperties must be one JSON object");
        assertThat(GOOGLE.requests()).hasSize(before);
    }
}
