package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawHttp;
import dev.dialtone.fixtures.RawHttp.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests no SDK would send, over a raw socket: whatever Jetty or the handler refuses, the answer is a JSON 1.1
 * error an SDK can read, with a 4xx status (the client's mistake, not retried), never an HTML page or a 500.
 */
class WireRefusalTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(
            config -> config.withWire(config.wire().withIdleTimeout(Duration.ofMillis(800))));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POST = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSGlue.GetConnections\r\n"
            + "Content-Type: application/x-amz-json-1.1\r\n";

    static void assertJsonError(Answer answer, int status, String type) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(answer.header("x-amzn-ErrorType")).hasValue(type);
        String id = answer.header("x-amzn-RequestId").orElseThrow();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        assertThat(body.path("Message").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "chunk size {0}")
    @CsvSource({"zz, 400, SerializationException", "-2, 400, SerializationException",
        "ffffffffffffffffff, 400, SerializationException",
        // A size that parses but whose bytes never come: the body is waited for until the idle timeout.
        "7fffffff, 408, RequestTimeoutException"})
    void aBadChunkSizeIsA4xxAndTheServerKeepsAnswering(String size, int status, String type) throws Exception {
        Answer answer = RawHttp.exchange(SERVER.port(), POST + "Transfer-Encoding: chunked\r\n\r\n" + size
                + "\r\n{}\r\n0\r\n\r\n");
        assertJsonError(answer, status, type);
        assertThat(answer.header("Connection")).hasValue("close");
        assertStillAnswering();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "header without a colon | POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nBad Header\\r\\nContent-Length: 0\\r\\n\\r\\n | 400",
        "unknown HTTP version | POST / HTTP/7.3\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n | 400",
        "Expect junk | POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nExpect: junk\\r\\nContent-Length: 2\\r\\n\\r\\n{} | 417",
        "bad percent escape | POST /%zz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n | 400",
        "bad method token | P@ST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n | 400",
        "no Host | POST / HTTP/1.1\\r\\nContent-Length: 0\\r\\n\\r\\n | 400",
        "length and chunked | POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "non-numeric length | POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: abc\\r\\n\\r\\n{} | 400",
        "unknown transfer coding | POST / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n{} | 400",
    })
    void jettysOwnRefusalsAreJsonErrors(String what, String request, int status) throws Exception {
        Answer answer = RawHttp.exchange(SERVER.port(), request.replace("\\r\\n", "\r\n"));
        assertJsonError(answer, status, "SerializationException");
        assertThat(answer.body()).doesNotContain("<html", "Jetty");
        assertStillAnswering();
    }

    @Test
    void headersTooLargeAre431AsJson() throws Exception {
        Answer answer = RawHttp.exchange(SERVER.port(), POST + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertJsonError(answer, 431, "SerializationException");
        assertStillAnswering();
    }

    @Test
    void aBodyThatNeverArrivesIs408NotA500() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((POST + "Content-Length: 100\r\n\r\n{\"a").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer answer = RawHttp.read(socket.getInputStream());
            assertJsonError(answer, 408, "RequestTimeoutException");
            assertThat(answer.header("Connection")).hasValue("close");
        }
        assertStillAnswering();
    }

    @Test
    void headersThatNeverEndAreClosedOrAnswered408NeverA500() throws Exception {
        int before = CapturedLogs.lines().size();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            if (answer.length > 0) {
                assertJsonError(RawHttp.read(new java.io.ByteArrayInputStream(answer)), 408, "RequestTimeoutException");
            }
        }
        assertStillAnswering();
        // Jetty hands the timed-out connection to the error handler, which logs it (at DEBUG) once the client is gone.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> CapturedLogs.lines()
                .subList(before, CapturedLogs.lines().size()).stream().anyMatch(line -> line.contains("JsonErrorHandler")));
        assertNoStackTraceSince(before);
    }

    @Test
    void aClientThatHangsUpMidBodyIsOneWarnLineWithoutAStackTrace() throws Exception {
        int before = CapturedLogs.lines().size();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((POST + "Content-Length: 100\r\n\r\n{\"a").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        assertStillAnswering();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                CapturedLogs.lines().subList(before, CapturedLogs.lines().size()).stream()
                        .anyMatch(line -> line.contains("ended early")));
        assertNoStackTraceSince(before);
    }

    /**
     * The client's doing is never logged as an error with a stack trace. One line is Jetty's, not ours, and left
     * out: a rare race in Jetty 12 releases a connection's request buffer twice as the idle timeout closes it
     * (jetty/jetty.project#12939, open, not reproducible there either); the client still gets its 408 or close.
     */
    private static void assertNoStackTraceSince(int before) {
        List<String> lines = CapturedLogs.lines();
        List<String> since = lines.subList(before, lines.size()).stream().filter(line -> !isJettyDoubleRelease(line))
                .toList();
        assertThat(since).noneMatch(line -> line.contains("\n\tat ")
                || line.contains("failed outside the API handler") || line.matches("(?s).*GlueHttpHandler request \\S+ \\(.*\\) failed.*"));
    }

    private static boolean isJettyDoubleRelease(String line) {
        return line.contains("IllegalStateException: already released")
                && line.contains("org.eclipse.jetty.server.internal.HttpConnection.releaseRequestBuffer");
    }

    private static void assertStillAnswering() throws IOException {
        Answer ok = RawHttp.exchange(SERVER.port(), POST + "Connection: close\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }
}
