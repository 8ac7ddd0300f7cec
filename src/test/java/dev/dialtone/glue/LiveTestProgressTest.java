package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.SignedRequests;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TempDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code GET /dialtone/v1/tests/{id}/progress}: the stages of a test its client started with an
 * {@code X-Dialtone-Test-Id}, while it runs and after, the same answer from TestConnection with the header or
 * without, and only the caller who started a test may see it.
 */
class LiveTestProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ANA_KEY = "AKIAPROGRESSANA00001";
    private static final String ANA_SECRET = "ana-progress-secret";
    private static final String BOB_KEY = "AKIAPROGRESSBOB00001";
    private static final String BOB_SECRET = "bob-progress-secret";
    private static final Path CREDENTIALS = credentials();

    @RegisterExtension
    static final DialtoneExtension LAPTOP = new DialtoneExtension(Duration.ofSeconds(2));

    @RegisterExtension
    static final DialtoneExtension SIGNED = new DialtoneExtension(config -> config.withCredentialsFile(CREDENTIALS)
            .withTestTimeout(Duration.ofSeconds(2)));

    private static Tarpit tarpit;

    @BeforeAll
    static void start() throws Exception {
        tarpit = new Tarpit();
    }

    @AfterAll
    static void stop() throws Exception {
        tarpit.close();
    }

    private static String silentTest() {
        return "{\"TestConnectionInput\":{\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                + "\"JDBC_CONNECTION_URL\":\"jdbc:postgresql://127.0.0.1:" + tarpit.port() + "/x\","
                + "\"USERNAME\":\"u\",\"PASSWORD\":\"progress-canary\"}}}";
    }

    private static HttpRequest.Builder testRequest(URI endpoint, String body) {
        return HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSGlue.TestConnection")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> progress(URI endpoint, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/dialtone/v1/tests/" + id + "/progress")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRunningTestShowsTheStagesItFinishedAndTheOneItIsInThenItsEnd() throws Exception {
        String id = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(
                testRequest(LAPTOP.endpoint(), silentTest()).header("X-Dialtone-Test-Id", id).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode running = await().atMost(Duration.ofSeconds(5)).until(() -> {
            HttpResponse<String> now = progress(LAPTOP.endpoint(), id);
            return now.statusCode() == 200 ? JSON.readTree(now.body()) : null;
        }, node -> node != null && node.path("Stages").size() >= 2 && "RUNNING".equals(node.path("State").asText()));
        assertThat(running.get("Stages").get(0).get("Stage").asText()).isEqualTo("RESOLVE");
        assertThat(running.get("Stages").get(1).get("Stage").asText()).isEqualTo("CONNECT");
        assertThat(running.get("Stages").get(0).get("Millis").asDouble()).isPositive();
        assertThat(running.get("CurrentStage").asText()).isIn("TLS", "HANDSHAKE");
        assertThat(running.has("Message")).isFalse();

        HttpResponse<String> done = answer.get();
        JsonNode error = JSON.readTree(done.body());
        assertThat(error.get("__type").asText()).isEqualTo("OperationTimeoutException");
        JsonNode ended = JSON.readTree(progress(LAPTOP.endpoint(), id).body());
        assertThat(ended.get("State").asText()).isEqualTo("ENDED");
        assertThat(ended.get("Outcome").asText()).isEqualTo("TIMED_OUT");
        assertThat(ended.get("ErrorCode").asText()).isEqualTo("OperationTimeoutException");
        // The message the SDK and the CLI get, word for word; no secret in any of it.
        assertThat(ended.get("Message").asText()).isEqualTo(error.get("Message").asText());
        assertThat(ended.toString()).doesNotContain("progress-canary");
    }

    @Test
    void theHeaderChangesNothingTestConnectionAnswers() throws Exception {
        String refused = "{\"TestConnectionInput\":{\"ConnectionType\":\"NETWORK\",\"ConnectionProperties\":{"
                + "\"HOST\":\"127.0.0.1\",\"PORT\":\"9\"}}}";
        HttpResponse<String> plain = HTTP.send(testRequest(LAPTOP.endpoint(), refused).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = UUID.randomUUID().toString();
        HttpResponse<String> watched = HTTP.send(testRequest(LAPTOP.endpoint(), refused)
                .header("X-Dialtone-Test-Id", id).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(watched.statusCode()).isEqualTo(plain.statusCode()).isEqualTo(400);
        assertThat(withoutTimings(watched.body())).isEqualTo(withoutTimings(plain.body()));
        assertThat(watched.headers().map().keySet()).isEqualTo(plain.headers().map().keySet());
        JsonNode ended = JSON.readTree(progress(LAPTOP.endpoint(), id).body());
        assertThat(ended.get("FailedStage").asText()).isEqualTo("CONNECT");
        assertThat(ended.get("Message").asText()).isEqualTo(JSON.readTree(watched.body()).get("Message").asText());
    }

    @Test
    void anUnknownIdIsNotFoundAndAMalformedOneIsTheCallersMistake() throws Exception {
        HttpResponse<String> unknown = progress(LAPTOP.endpoint(), UUID.randomUUID().toString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("__type").asText()).isEqualTo("EntityNotFoundException");
        HttpResponse<String> malformed = progress(LAPTOP.endpoint(), "short");
        assertThat(JSON.readTree(malformed.body()).get("__type").asText()).isEqualTo("InvalidInputException");
        HttpResponse<String> badHeader = HTTP.send(testRequest(LAPTOP.endpoint(), silentTest())
                .header("X-Dialtone-Test-Id", "not/an id").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(badHeader.body()).get("__type").asText()).isEqualTo("InvalidInputException");
        // Refused before any test ran: nothing reached the silent server for it.
        int accepted = tarpit.accepted();
        HTTP.send(testRequest(LAPTOP.endpoint(), silentTest()).header("X-Dialtone-Test-Id", "x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tarpit.accepted()).isEqualTo(accepted);
    }

    @Test
    void onlyTheCallerWhoStartedATestSeesItsProgressAndOnlySigned() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"TestConnectionInput\":{\"ConnectionType\":\"NETWORK\",\"ConnectionProperties\":{"
                + "\"HOST\":\"127.0.0.1\",\"PORT\":\"9\"}}}";
        SdkHttpFullRequest post = SignedRequests.post(SIGNED.endpoint(), "TestConnection").toBuilder()
                .putHeader("X-Dialtone-Test-Id", id).build();
        SdkHttpRequest signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(sign -> sign
                .identity(AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET)).request(post)
                .payload(() -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        assertThat(SignedRequests.send(signed, body).body()).contains("Connection test failed at CONNECT");

        String path = "/dialtone/v1/tests/" + id + "/progress";
        HttpResponse<String> ana = get(path, ANA_KEY, ANA_SECRET);
        assertThat(ana.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ana.body()).get("FailedStage").asText()).isEqualTo("CONNECT");
        HttpResponse<String> bob = get(path, BOB_KEY, BOB_SECRET);
        assertThat(JSON.readTree(bob.body()).get("__type").asText()).isEqualTo("EntityNotFoundException");
        HttpResponse<String> unsigned = SignedRequests.send(SignedRequests.get(SIGNED.endpoint(), path), "");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unsigned.body()).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        HttpResponse<String> wrong = get(path, ANA_KEY, "not-the-secret");
        assertThat(JSON.readTree(wrong.body()).get("__type").asText()).isEqualTo("InvalidSignatureException");
    }

    private static HttpResponse<String> get(String path, String key, String secret) throws Exception {
        SdkHttpRequest signed = SignedRequests.presign(SignedRequests.get(SIGNED.endpoint(), path), "",
                AwsCredentialsIdentity.create(key, secret), "us-east-1", Instant.now(), Duration.ofMinutes(1));
        return SignedRequests.send(signed, "");
    }

    private static String withoutTimings(String body) {
        return body.replaceAll("\\d+ ms", "_ ms");
    }

    private static Path credentials() {
        String allow = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"glue:*\", "
                + "\"Resource\": \"*\"}]}";
        String file = "{\"Principals\": [" + String.join(", ", Map.of(ANA_KEY, ANA_SECRET, BOB_KEY, BOB_SECRET)
                .entrySet().stream().map(p -> "{\"AccessKeyId\": \"" + p.getKey() + "\", \"SecretAccessKey\": \""
                        + p.getValue() + "\", \"Arn\": \"arn:aws:iam::111122223333:user/" + p.getKey().substring(12, 15)
                        .toLowerCase() + "\", \"Policy\": " + allow + "}").toList()) + "]}";
        try {
            Path path = TempDir.scratch("dialtone-progress-credentials").resolve("credentials.json");
            Files.createDirectories(path.getParent());
            return Files.writeString(path, file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
