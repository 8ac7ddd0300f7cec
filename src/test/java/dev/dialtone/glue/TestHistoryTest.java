package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Tarpit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** Test history: written by by-name tests, the newest 20 kept, served by the extension, gone with the connection. */
class TestHistoryTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GlueClient glue = SERVER.glue();
    private final HttpClient http = HttpClient.newHttpClient();

    private static ConnectionInput network(String name, int port) {
        return ConnectionInput.builder().name(name).connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(port))).build();
    }

    private HttpResponse<String> history(String catalog, String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/dialtone/v1/catalogs/" + catalog
                + "/connections/" + name + "/tests")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byNameTestsKeepTheNewestTwentyFullReportsNewestFirst() throws Exception {
        int closed = Ports.free();
        glue.createConnection(r -> r.connectionInput(network("hist", closed)));
        for (int i = 0; i < 21; i++) {
            assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("hist")))
                    .isInstanceOf(InvalidInputException.class);
        }
        try (Tarpit listener = new Tarpit()) {
            glue.updateConnection(r -> r.name("hist").connectionInput(network("hist", listener.port())));
            glue.testConnection(r -> r.connectionName("hist"));
        }
        // An inline test writes no history.
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(closed))))))
                .isInstanceOf(InvalidInputException.class);

        HttpResponse<String> response = history("000000000000", "hist");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tests = JSON.readTree(response.body()).path("Tests");
        assertThat(tests).hasSize(20);
        JsonNode newest = tests.get(0);
        assertThat(newest.path("Outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(newest.path("Stages").findValuesAsText("Stage")).containsExactly("RESOLVE", "CONNECT");
        assertThat(newest.path("Details").path("connected to").asText()).startsWith("127.0.0.1:");
        JsonNode older = tests.get(1);
        assertThat(older.path("Outcome").asText()).isEqualTo("FAILED");
        assertThat(older.path("FailedStage").asText()).isEqualTo("CONNECT");
        assertThat(older.path("Message").asText()).startsWith("Connection test failed at CONNECT");
        assertThat(older.path("TestedAt").asDouble()).isLessThanOrEqualTo(newest.path("TestedAt").asDouble());
    }

    @Test
    void historyFollowsARenameAndGoesWithTheConnection() throws Exception {
        glue.createConnection(r -> r.connectionInput(network("short-lived", Ports.free())));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("short-lived")))
                .isInstanceOf(InvalidInputException.class);
        glue.updateConnection(r -> r.name("short-lived").connectionInput(network("renamed", Ports.free())));
        assertThat(JSON.readTree(history("000000000000", "renamed").body()).path("Tests")).hasSize(1);

        glue.deleteConnection(r -> r.connectionName("renamed"));
        HttpResponse<String> gone = history("000000000000", "renamed");
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("EntityNotFoundException");

        glue.createConnection(r -> r.connectionInput(network("renamed", Ports.free())));
        assertThat(JSON.readTree(history("000000000000", "renamed").body()).path("Tests")).isEmpty();
    }

    @Test
    void historyIsScopedByCatalog() throws Exception {
        glue.createConnection(r -> r.catalogId("565656565656").connectionInput(network("scoped", Ports.free())));
        assertThat(history("565656565656", "scoped").statusCode()).isEqualTo(200);
        assertThat(history("000000000000", "scoped").statusCode()).isEqualTo(400);
    }
}
