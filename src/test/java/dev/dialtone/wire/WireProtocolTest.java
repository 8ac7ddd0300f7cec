package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS JSON 1.1 envelope, checked byte by byte with a plain HTTP client. */
class WireProtocolTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String messagePart)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertRequestId(response);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        assertThat(body.has("message")).as("capital-M Message only").isFalse();
        assertThat(body.path("Message").asText()).contains(messagePart);
    }

    private static void assertRequestId(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void successCarriesARequestIdAndJson11ContentType() throws Exception {
        HttpResponse<String> response = post("AWSGlue.GetConnections", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertRequestId(response);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(JSON.readTree(response.body()).path("ConnectionList").isArray()).isTrue();
    }

    @Test
    void answersDoNotAdvertiseTheHttpServerOrItsVersion() throws Exception {
        HttpResponse<String> ok = post("AWSGlue.GetConnections", "{}");
        HttpResponse<String> refused = post("AWSGlue.CreateTable", "{}");
        assertThat(ok.headers().firstValue("Server")).isEmpty();
        assertThat(refused.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void emptyOutputShapesAreAnEmptyObject() throws Exception {
        post("AWSGlue.CreateConnection", "{\"ConnectionInput\":{\"Name\":\"wire-del\",\"ConnectionType\":\"JDBC\","
                + "\"ConnectionProperties\":{}}}");
        HttpResponse<String> response = post("AWSGlue.DeleteConnection", "{\"ConnectionName\":\"wire-del\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void malformedJsonIsSerializationException() throws Exception {
        assertError(post("AWSGlue.GetConnection", "{\"Name\": "), 400, "SerializationException", "not valid JSON");
        assertError(post("AWSGlue.GetConnection", "[1,2]"), 400, "SerializationException", "JSON object");
        assertError(post("AWSGlue.GetConnection", "{\"Name\":\"a\"} trailing"), 400, "SerializationException",
                "not valid JSON");
        assertError(post("AWSGlue.GetConnection", "{\"Name\":\"a\",\"Name\":\"b\"}"), 400, "SerializationException",
                "Name");
    }

    @Test
    void unknownOrMissingTargetIsUnknownOperationException() throws Exception {
        assertError(post("AWSGlue.CreateTable", "{}"), 400, "UnknownOperationException", "AWSGlue.CreateTable");
        assertError(post("AmazonS3.GetConnection", "{}"), 400, "UnknownOperationException", "not supported");
        assertError(post(null, "{}"), 400, "UnknownOperationException", "X-Amz-Target");
    }

    @Test
    void wrongMemberTypesAreInvalidInputNamingTheMember() throws Exception {
        assertError(post("AWSGlue.GetConnection", "{\"Name\": 5}"), 400, "InvalidInputException", "Name must be a string");
        assertError(post("AWSGlue.GetConnection", "{\"Name\":\"a\",\"HidePassword\":\"yes\"}"), 400,
                "InvalidInputException", "HidePassword must be a boolean");
        assertError(post("AWSGlue.GetConnections", "{\"MaxResults\": \"10\"}"), 400, "InvalidInputException",
                "MaxResults must be an integer");
        assertError(post("AWSGlue.CreateConnection", "{\"ConnectionInput\":{\"Name\":\"x\",\"ConnectionType\":\"JDBC\","
                + "\"ConnectionProperties\":{\"PORT\":5432}}}"), 400, "InvalidInputException",
                "ConnectionInput.ConnectionProperties.PORT must be a string");
        assertError(post("AWSGlue.CreateConnection", "{\"ConnectionInput\":[]}"), 400, "InvalidInputException",
                "ConnectionInput must be an object");
        assertError(post("AWSGlue.CreateConnection", "{\"ConnectionInput\":{\"Name\":\"x\",\"ConnectionType\":\"JDBC\","
                + "\"ConnectionProperties\":{},\"MatchCriteria\":\"a\"}}"), 400, "InvalidInputException",
                "ConnectionInput.MatchCriteria must be a list");
        assertError(post("AWSGlue.CreateConnection", "{}"), 400, "InvalidInputException", "ConnectionInput is required");
        assertError(post("AWSGlue.CreateConnection", "{\"ConnectionInput\":{\"Name\":\"x\",\"ConnectionType\":\"JDBC\"}}"),
                400, "InvalidInputException", "ConnectionInput.ConnectionProperties is required");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWithoutBeingReadAndTheServerKeepsAnswering() throws Exception {
        // Declare 2 MiB and send none of it: an answer can only come if the server did not wait for the body.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSGlue.GetConnections\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("x-amzn-ErrorType: SerializationException")
                    .containsIgnoringCase("Connection: close");
        }
        // A chunked body with no declared length is cut off at the limit too.
        HttpRequest chunked = HttpRequest.newBuilder(SERVER.endpoint().resolve("/"))
                .header("X-Amz-Target", "AWSGlue.GetConnections")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}")))
                .build();
        HttpResponse<String> response = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertError(response, 400, "SerializationException", "larger than");
        assertThat(post("AWSGlue.GetConnections", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedRequestWaitsForItsBodySoTheKeptAliveConnectionCarriesTheNext() throws Exception {
        // Headers first, body later: answering before the body arrives made the server drop a connection the
        // client had already pooled, and the client's next request died with a bare EOF.
        String first = answerThenNextOnTheSameConnection("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Amz-Target: AWSGlue.CreateTable\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: 2\r\n\r\n");
        assertThat(first).startsWith("HTTP/1.1 400").containsIgnoringCase("x-amzn-ErrorType: UnknownOperationException")
                .doesNotContainIgnoringCase("Connection: close");
    }

    @Test
    void aHistoryReadWithABodyAlsoLeavesTheConnectionUsable() throws Exception {
        String first = answerThenNextOnTheSameConnection("GET /dialtone/v1/catalogs/000000000000/connections/none/tests "
                + "HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n");
        assertThat(first).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("Connection: close");
    }

    /**
     * Sends {@code head} (announcing a 2-byte body) alone, checks nothing is answered before the body, then sends
     * the body and a GetConnections on the same connection, checks that one is answered 200, and returns the head
     * of the first answer.
     */
    private static String answerThenNextOnTheSameConnection(String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(300);
            assertThatThrownBy(in::read).as("no answer before the body is in").isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(5_000);
            out.write(("{}POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSGlue.GetConnections\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readHead(in);
            in.readNBytes(contentLength(first));
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            return first;
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }

    @Test
    void getIsNotTheApi() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(SERVER.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(response, 400, "UnknownOperationException", "POST /");
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        return head.toString();
    }
}
