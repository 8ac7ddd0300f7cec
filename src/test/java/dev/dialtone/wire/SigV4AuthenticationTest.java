package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import dev.dialtone.fixtures.SignedRequests;
import dev.dialtone.fixtures.TempDir;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;

/**
 * A server with a credentials file: every request must be signed, and each refusal is AWS's, with its
 * code, status and message. Driven through the real GlueClient, and with raw HTTP signed by the SDK's
 * signer where a client cannot express the request (a chosen date, a presigned URL, a changed body).
 */
class SigV4AuthenticationTest {
    static final String ANA_KEY = "AKIAANA0000000000001";
    static final String ANA_SECRET = "ana-secret-Kx8dQ2mV9pLw4zR7tY1uE3iO5aS6dF0g";
    static final String TESS_KEY = "ASIATESS000000000001";
    static final String TESS_SECRET = "tess-secret-Zq2wE4rT6yU8iO0pA1sD3fG5hJ7kL9x";
    static final String TESS_TOKEN = "tess-session-token-FwoGZXIvYXdzEJr";
    static final String INVALID_SIGNATURE = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String ALL = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"glue:*\", "
            + "\"Resource\": \"*\"}]}";
    static final Path CREDENTIALS = write(TempDir.scratch("dialtone-credentials").resolve("credentials.json"),
            principals(List.of(
                    principal(ANA_KEY, ANA_SECRET, null, "arn:aws:iam::111122223333:user/ana", ALL),
                    principal(TESS_KEY, TESS_SECRET, TESS_TOKEN, "arn:aws:sts::111122223333:assumed-role/tester/tess", ALL))));

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCredentialsFile(CREDENTIALS));

    @Test
    void theRightKeysAreAnsweredAndTheCallerIsTheAccountOfItsArn() {
        try (GlueClient ana = client(AwsBasicCredentials.create(ANA_KEY, ANA_SECRET), Region.US_EAST_1)) {
            ana.createConnection(r -> r.connectionInput(jdbc("signed-sales")));
            assertThat(ana.getConnection(r -> r.name("signed-sales")).connection().name()).isEqualTo("signed-sales");
            // The account of the ARN is the default catalog.
            assertThat(ana.getConnection(r -> r.catalogId("111122223333").name("signed-sales")).connection().name())
                    .isEqualTo("signed-sales");
        }
        assertThat(SERVER.dialtone().accessMode()).isEqualTo(dev.dialtone.iam.AccessMode.SIGNED);
    }

    @Test
    void aWrongSecretKeyIsInvalidSignatureException() {
        try (GlueClient wrong = client(AwsBasicCredentials.create(ANA_KEY, "not-the-secret"), Region.US_EAST_1)) {
            refused(() -> wrong.getConnections(r -> { }), "InvalidSignatureException", 403, INVALID_SIGNATURE);
        }
    }

    @Test
    void anUnknownKeyIsUnrecognizedClientException() {
        try (GlueClient stranger = client(AwsBasicCredentials.create("AKIASTRANGER00000001", "whatever"),
                Region.US_EAST_1)) {
            refused(() -> stranger.getConnections(r -> { }), "UnrecognizedClientException", 400, INVALID_TOKEN);
        }
    }

    @Test
    void anUnsignedRequestIsMissingAuthenticationToken() throws IOException {
        String response = RawGlue.post(SERVER.port(), "GetConnections", "{}");
        assertThat(response).startsWith("HTTP/1.1 403").contains("x-amzn-RequestId")
                .endsWith("{\"__type\":\"MissingAuthenticationTokenException\",\"Message\":\"Missing Authentication Token\"}");
        // Not even the body's or the operation's faults are judged before the caller is known.
        assertThat(RawGlue.post(SERVER.port(), "NoSuchOperation", "{not json")).startsWith("HTTP/1.1 403")
                .contains("MissingAuthenticationTokenException");
    }

    @Test
    void anUnsignedHistoryRequestIsMissingAuthenticationTokenToo() throws Exception {
        HttpResponse<String> response = SignedRequests.send(SignedRequests.get(SERVER.endpoint(),
                "/dialtone/v1/catalogs/111122223333/connections/x/tests"), "");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void aMalformedAuthorizationHeaderIsIncompleteSignatureException() throws Exception {
        SdkHttpFullRequest request = SignedRequests.post(SERVER.endpoint(), "GetConnections").toBuilder()
                .putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + ANA_KEY + "/20260101/us-east-1/glue/aws4_request")
                .build();
        HttpResponse<String> response = SignedRequests.send(request, "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo(Map.of("__type", "IncompleteSignatureException", "Message",
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' "
                        + "parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        HttpResponse<String> basic = SignedRequests.send(SignedRequests.post(SERVER.endpoint(), "GetConnections")
                .toBuilder().putHeader("Authorization", "Basic YW5hOnNlY3JldA==").build(), "{}");
        assertThat(basic.statusCode()).isEqualTo(400);
        assertThat(basic.body()).contains("IncompleteSignatureException").doesNotContain("YW5hOnNlY3JldA");
    }

    @Test
    void aStaleDateIsRefusedAsAwsWordsIt() throws Exception {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = SignedRequests.send(SignedRequests.glue(SERVER.endpoint(), "GetConnections", "{}",
                AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET), "us-east-1", tenMinutesAgo), "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        Map<String, String> error = error(response);
        assertThat(error.get("__type")).isEqualTo("InvalidSignatureException");
        assertThat(error.get("Message")).matches("Signature expired: " + SigV4Authorization.AMZ_DATE.format(tenMinutesAgo)
                + " is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
    }

    @Test
    void aFutureDateIsRefusedAsAwsWordsIt() throws Exception {
        Instant inTenMinutes = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = SignedRequests.send(SignedRequests.glue(SERVER.endpoint(), "GetConnections", "{}",
                AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET), "us-east-1", inTenMinutes), "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).get("Message")).matches("Signature not yet current: "
                + SigV4Authorization.AMZ_DATE.format(inTenMinutes)
                + " is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 5 min\\.\\)");
    }

    @Test
    void aReplayedRequestWhoseBodyWasChangedAfterSigningIsInvalidSignature() throws Exception {
        SdkHttpRequest signed = SignedRequests.glue(SERVER.endpoint(), "GetConnection", "{\"Name\":\"a\"}",
                AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET), "us-east-1", Instant.now());
        HttpResponse<String> original = SignedRequests.send(signed, "{\"Name\":\"a\"}");
        assertThat(original.statusCode()).isEqualTo(400);
        assertThat(original.body()).contains("EntityNotFoundException");
        HttpResponse<String> tampered = SignedRequests.send(signed, "{\"Name\":\"b\"}");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(error(tampered)).isEqualTo(Map.of("__type", "InvalidSignatureException", "Message", INVALID_SIGNATURE));
    }

    @Test
    void aRequestSignedAsBotocoreSignsItWithoutXAmzContentSha256IsAccepted() throws Exception {
        // botocore (the AWS CLI, boto3) signs content-type;host;x-amz-date;x-amz-target and no content hash header.
        String body = "{\"Name\":\"botocore-form\"}";
        SdkHttpFullRequest signed = legacySigned(SignedRequests.post(SERVER.endpoint(), "GetConnection"), body);
        assertThat(signed.firstMatchingHeader("Authorization").orElseThrow())
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
        HttpResponse<String> accepted = SignedRequests.send(signed, body);
        assertThat(accepted.body()).contains("EntityNotFoundException").contains("botocore-form");
        HttpResponse<String> tampered = SignedRequests.send(signed, "{\"Name\":\"botocore-forn\"}");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("InvalidSignatureException");
    }

    @Test
    void unsignedPayloadIsRefusedWhereABodyTravelsOverPlainHttp() throws Exception {
        SdkHttpRequest unsigned = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(sign -> sign
                .identity(AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET))
                .request(SignedRequests.post(SERVER.endpoint(), "GetConnections").toBuilder().protocol("https").build())
                .payload(() -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false))
                .request().toBuilder().protocol("http").build();
        assertThat(unsigned.firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        HttpResponse<String> response = SignedRequests.send(unsigned, "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("InvalidSignatureException");
    }

    @Test
    void aPresignedUrlReadsTheHistoryAndRunsAnOperation() throws Exception {
        try (GlueClient ana = client(AwsBasicCredentials.create(ANA_KEY, ANA_SECRET), Region.US_EAST_1)) {
            ana.createConnection(r -> r.connectionInput(jdbc("presigned")));
        }
        AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(ANA_KEY, ANA_SECRET);
        SdkHttpRequest history = SignedRequests.presign(SignedRequests.get(SERVER.endpoint(),
                "/dialtone/v1/catalogs/111122223333/connections/presigned/tests"), "", identity, "us-east-1",
                Instant.now(), Duration.ofMinutes(5));
        assertThat(history.getUri().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        HttpResponse<String> read = SignedRequests.send(history, "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"ConnectionName\":\"presigned\"");

        String body = "{\"Name\":\"presigned\"}";
        SdkHttpRequest post = SignedRequests.presign(SignedRequests.post(SERVER.endpoint(), "GetConnection"), body,
                identity, "us-east-1", Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> got = SignedRequests.send(post, body);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(got.body()).contains("\"Name\":\"presigned\"");

        SdkHttpRequest expired = SignedRequests.presign(SignedRequests.get(SERVER.endpoint(),
                "/dialtone/v1/catalogs/111122223333/connections/presigned/tests"), "", identity, "us-east-1",
                Instant.now().minus(Duration.ofMinutes(3)), Duration.ofSeconds(60));
        HttpResponse<String> late = SignedRequests.send(expired, "");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(error(late).get("Message")).startsWith("Signature expired: ").endsWith(" - 60 sec.)");
    }

    @Test
    void temporaryKeysNeedTheirSessionToken() {
        try (GlueClient withToken = client(AwsSessionCredentials.create(TESS_KEY, TESS_SECRET, TESS_TOKEN), Region.US_EAST_1);
                GlueClient withoutToken = client(AwsBasicCredentials.create(TESS_KEY, TESS_SECRET), Region.US_EAST_1);
                GlueClient wrongToken = client(AwsSessionCredentials.create(TESS_KEY, TESS_SECRET, "stolen-token"),
                        Region.US_EAST_1);
                GlueClient tokenOnLongTermKey = client(AwsSessionCredentials.create(ANA_KEY, ANA_SECRET, TESS_TOKEN),
                        Region.US_EAST_1)) {
            assertThat(withToken.getConnections(r -> { }).connectionList()).isNotNull();
            refused(() -> withoutToken.getConnections(r -> { }), "UnrecognizedClientException", 400, INVALID_TOKEN);
            refused(() -> wrongToken.getConnections(r -> { }), "UnrecognizedClientException", 400, INVALID_TOKEN);
            refused(() -> tokenOnLongTermKey.getConnections(r -> { }), "UnrecognizedClientException", 400, INVALID_TOKEN);
        }
        // The same, presigned: the token travels in the query string.
        SdkHttpRequest presigned = SignedRequests.presign(SignedRequests.post(SERVER.endpoint(), "GetConnections"), "{}",
                AwsSessionCredentialsIdentity.create(TESS_KEY, TESS_SECRET, TESS_TOKEN), "us-east-1", Instant.now(),
                Duration.ofMinutes(1));
        assertThat(presigned.getUri().getQuery()).contains("X-Amz-Security-Token=");
        try {
            assertThat(SignedRequests.send(presigned, "{}").statusCode()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void noRefusalOrLogLineHoldsASecretKeyOrToken() {
        try (GlueClient wrong = client(AwsSessionCredentials.create(TESS_KEY, "not-it", TESS_TOKEN), Region.US_EAST_1)) {
            refused(() -> wrong.getConnections(r -> { }), "InvalidSignatureException", 403, INVALID_SIGNATURE);
        }
        assertThat(CapturedLogs.all()).doesNotContain(ANA_SECRET).doesNotContain(TESS_SECRET).doesNotContain(TESS_TOKEN);
    }

    // --- helpers shared with the other authenticated-server tests

    static GlueClient client(AwsCredentials credentials, Region region) {
        return client(SERVER.endpoint(), credentials, region);
    }

    static GlueClient client(URI endpoint, AwsCredentials credentials, Region region) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static void refused(Runnable call, String code, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    static ConnectionInput jdbc(String name) {
        return ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://db.dialtone.test:5432/x",
                        "USERNAME", "u", "PASSWORD", "p"))
                .build();
    }

    static String principal(String key, String secret, String token, String arn, String policy) {
        return "{\"AccessKeyId\": \"" + key + "\", \"SecretAccessKey\": \"" + secret + "\", "
                + (token == null ? "" : "\"SessionToken\": \"" + token + "\", ")
                + "\"Arn\": \"" + arn + "\", \"Policy\": " + policy + "}";
    }

    static String principals(List<String> principals) {
        return "{\"Principals\": [" + String.join(", ", principals) + "]}";
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("deprecation")
    private static SdkHttpFullRequest legacySigned(SdkHttpFullRequest request, String body) {
        return software.amazon.awssdk.auth.signer.Aws4Signer.create().sign(request.toBuilder()
                        .contentStreamProvider(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).build(),
                software.amazon.awssdk.auth.signer.params.Aws4SignerParams.builder()
                        .awsCredentials(AwsBasicCredentials.create(ANA_KEY, ANA_SECRET))
                        .signingName("glue").signingRegion(Region.US_EAST_1).build());
    }

    private static Map<String, String> error(HttpResponse<String> response) throws IOException {
        JsonNode node = JSON.readTree(response.body());
        return Map.of("__type", node.path("__type").asText(), "Message", node.path("Message").asText());
    }
}
