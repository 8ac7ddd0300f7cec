package dev.dialtone.probe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 framing Dialtone writes and reads itself, including the answers real servers rarely send. */
class Http11Test {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static HTTPResponse read(String answer) throws IOException {
        InputStream in = bytes(answer);
        return Http11.readRest(in, Http11.readStatus(in));
    }

    @Test
    void theRequestCarriesHostLengthAndConnectionCloseAndNoHeadersThatContradictTheFraming() throws Exception {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create("http://localhost:8080/a/b?x=1"));
        request.setHeader("Content-Type", "application/x-www-form-urlencoded");
        request.setHeader("Content-Length", "999");
        request.setHeader("Connection", "keep-alive");
        request.setBody("grant_type=client_credentials&é=1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Http11.write(out, request, "localhost:8080");
        String sent = out.toString(StandardCharsets.UTF_8);
        assertThat(sent).startsWith("POST /a/b?x=1 HTTP/1.1\r\nHost: localhost:8080\r\n")
                .contains("\r\nConnection: close\r\n").contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n")
                .contains("\r\nContent-Length: 34\r\n").endsWith("\r\n\r\ngrant_type=client_credentials&é=1")
                .doesNotContain("999").doesNotContain("keep-alive");
    }

    @Test
    void aHeaderValueWithALineBreakIsNeverSent() {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create("http://localhost/services/data/"));
        request.setAuthorization("Bearer abc\r\nX-Injected: 1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Http11.write(out, request, "localhost"))
                .isInstanceOf(IOException.class).hasMessageContaining("line break")
                .hasMessageNotContaining("abc");
        assertThat(out.size()).isZero();
    }

    @Test
    void bodiesAreReadByLengthByChunksOrToTheEnd() throws Exception {
        HTTPResponse sized = read("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n"
                + "Content-Length: 10\r\n\r\n{\"a\":\"é\"}extra");
        assertThat(sized.getStatusCode()).isEqualTo(200);
        assertThat(sized.getStatusMessage()).isEqualTo("OK");
        assertThat(sized.getBody()).isEqualTo("{\"a\":\"é\"}");
        assertThat(sized.getHeaderValue("Content-Type")).isEqualTo("application/json; charset=UTF-8");

        HTTPResponse chunked = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\n[1,2\r\n2\r\n,3\r\n1\r\n]\r\n0\r\nTrailer: x\r\n\r\n");
        assertThat(chunked.getBody()).isEqualTo("[1,2,3]");

        HTTPResponse toTheEnd = read("HTTP/1.0 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n"
                + "no length");
        assertThat(toTheEnd.getStatusCode()).isEqualTo(401);
        assertThat(toTheEnd.getBody()).isEqualTo("no length");
        assertThat(toTheEnd.getWWWAuthenticate()).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void interimAnswersAreSkipped() throws Exception {
        HTTPResponse response = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n");
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
    }

    @Test
    void answersThatAreNotHttpOrBreakOffOrAreTooLargeAreRefused() {
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.6\r\n")).isInstanceOf(Http11.NotHttpException.class);
        assertThatThrownBy(() -> read("HTTP/1.1 abc\r\n\r\n")).isInstanceOf(Http11.NotHttpException.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(EOFException.class)
                .hasMessage("closed the connection without answering");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))
                .isInstanceOf(EOFException.class).hasMessage("closed the connection after 5 of the 10 bytes announced");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n"))
                .isInstanceOf(Http11.MalformedAnswerException.class).hasMessageContaining("beyond the 1048576-byte limit");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isInstanceOf(Http11.MalformedAnswerException.class).hasMessage("a malformed chunk size");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\n" + "X: " + "a".repeat(Http11.MAX_LINE) + "\r\n\r\n"))
                .isInstanceOf(Http11.MalformedAnswerException.class).hasMessageContaining("a line longer than");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\n\r\n" + "a".repeat(Http11.MAX_BODY + 1)))
                .isInstanceOf(Http11.MalformedAnswerException.class).hasMessageContaining("a body larger than");
    }
}
