package dev.dialtone.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import java.net.http.HttpResponse;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** --admin-port: the operator's paths move to a port of their own, or are off; the API port then has none of them. */
class AdminPortTest {
    @RegisterExtension
    static final DialtoneExtension OWN_PORT = new DialtoneExtension().withOps(OpsSettings.DEFAULT
            .withAdminPort(new OpsSettings.AdminPort(true, OptionalInt.of(0))));
    @RegisterExtension
    static final DialtoneExtension OFF = new DialtoneExtension().withOps(OpsSettings.DEFAULT
            .withAdminPort(OpsSettings.AdminPort.parse("off")));

    @Test
    void anAdminPortOfItsOwnAnswersTheAdminPathsAndNothingElse() throws Exception {
        int admin = OWN_PORT.dialtone().adminPort().orElseThrow();
        assertThat(admin).isNotEqualTo(OWN_PORT.port());
        assertThat(MetricsScrape.get(admin, "/health/ready").body()).contains("\"status\":\"ready\"");
        assertThat(MetricsScrape.get(admin, "/metrics").body()).contains("dialtone_bulkhead_places 64.0");
        HttpResponse<String> other = MetricsScrape.get(admin, "/");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("/health/live, /health/ready and /metrics");
        // The Glue API is not on the admin port, and the admin paths are not on the API's.
        assertThat(RawGlue.post(admin, "GetConnections", "{}")).startsWith("HTTP/1.1 404");
        assertThat(MetricsScrape.get(OWN_PORT.port(), "/metrics").body()).contains("UnknownOperationException");
        OWN_PORT.glue().getConnections(r -> { });
    }

    @Test
    void offMeansNoAdminPathAnywhere() throws Exception {
        assertThat(OFF.dialtone().adminPort()).isEmpty();
        HttpResponse<String> metrics = MetricsScrape.get(OFF.port(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(400);
        assertThat(metrics.body()).contains("UnknownOperationException").doesNotContain("dialtone_");
        assertThat(MetricsScrape.get(OFF.port(), "/health/live").body()).contains("UnknownOperationException");
    }

    @Test
    void theAdminPathsAnswerOnlyGet() throws Exception {
        HttpResponse<String> post = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + OWN_PORT.dialtone().adminPort().orElseThrow() + "/metrics"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("answers GET only");
    }

    @Test
    void settingsParseOrNameTheFlag() {
        assertThat(OpsSettings.AdminPort.parse("9090").ownPort()).hasValue(9090);
        assertThat(OpsSettings.AdminPort.parse("OFF").enabled()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsSettings.AdminPort.parse("70000"))
                .hasMessageContaining("--admin-port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsSettings.LogFormat.parse("xml"))
                .hasMessageContaining("--log-format");
        assertThat(OpsSettings.fromEnvironment(java.util.Map.of("DIALTONE_LOG_FORMAT", "json", "DIALTONE_DRAIN_TIMEOUT",
                "30s")).logFormat()).isEqualTo(OpsSettings.LogFormat.JSON);
        assertThat(OpsSettings.fromEnvironment(java.util.Map.of("DIALTONE_DRAIN_TIMEOUT", "30s")).drainTimeout())
                .hasValue(java.time.Duration.ofSeconds(30));
    }
}
