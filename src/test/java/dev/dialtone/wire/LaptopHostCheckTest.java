package dev.dialtone.wire;

import static dev.dialtone.wire.WireRefusalTest.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawHttp;
import dev.dialtone.fixtures.RawHttp.Answer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The laptop mode answers only requests addressed to a loopback name (DNS rebinding: a web page whose name now
 * points at 127.0.0.1 still sends its own name in Host), and no browser preflight is ever granted.
 */
class LaptopHostCheckTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    @RegisterExtension
    static final DialtoneExtension ANY_HOST = new DialtoneExtension(
            config -> config.withWire(config.wire().withLoopbackHostsOnly(false)));

    private static final String CONNECTION = "{\"ConnectionInput\":{\"Name\":\"rebind\",\"ConnectionType\":\"JDBC\","
            + "\"ConnectionProperties\":{\"JDBC_CONNECTION_URL\":\"jdbc:postgresql://db.invalid/x\","
            + "\"USERNAME\":\"u\",\"PASSWORD\":\"canary-rebind-password\"}}}";

    private static String request(String host, String target, String body) {
        return "POST / HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "X-Amz-Target: AWSGlue." + target
                + "\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:4599", "127.8.9.10:80", "localhost", "LOCALHOST:4599", "localhost.",
        "dialtone.localhost:4599", "[::1]", "[::1]:4599", "[0:0:0:0:0:0:0:1]:4599"})
    void loopbackNamesAndAddressesAreAnswered(String host) throws Exception {
        Answer answer = RawHttp.exchange(SERVER.port(), request(host, "GetConnections", "{}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:4599", "localhost.evil.example", "127.0.0.1.evil.example",
        "10.0.0.1", "0.0.0.0:4599", "[::2]", "[::ffff:10.0.0.1]", "127.0.0.300", "127.1", ".localhost"})
    void anyOtherHostIsRefusedBeforeTheOperationRuns(String host) throws Exception {
        Answer refused = RawHttp.exchange(SERVER.port(), request(host, "CreateConnection", CONNECTION));
        assertJsonError(refused, 403, "AccessDeniedException");
        assertThat(refused.body()).contains("laptop mode").contains("loopback");
        assertThat(RawHttp.exchange(SERVER.port(), request("127.0.0.1", "GetConnection", "{\"Name\":\"rebind\"}")).body())
                .as("nothing was created").contains("EntityNotFoundException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:99999", "localhost:x", "[::1", "[::1]junk", ""})
    void aHostHeaderJettyCannotParseIsRefusedByJettyAsJson(String host) throws Exception {
        assertJsonError(RawHttp.exchange(SERVER.port(), request(host, "CreateConnection", CONNECTION)), 400,
                "SerializationException");
    }

    @Test
    void aStoredPasswordIsNotReadThroughAForeignHost() throws Exception {
        assertThat(RawHttp.exchange(SERVER.port(), request("127.0.0.1", "CreateConnection",
                CONNECTION.replace("rebind", "stored"))).status()).isEqualTo(200);
        Answer answer = RawHttp.exchange(SERVER.port(), request("evil.example", "GetConnection", "{\"Name\":\"stored\"}"));
        assertJsonError(answer, 403, "AccessDeniedException");
        assertThat(answer.body()).doesNotContain("canary-rebind-password");
    }

    @Test
    void aRefusalLeavesTheKeptAliveConnectionUsable() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((request("evil.example", "GetConnections", "{}") + request("127.0.0.1", "GetConnections", "{}"))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(RawHttp.read(in).status()).isEqualTo(403);
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void theCheckIsASwitchTheServerIsBuiltWith() throws Exception {
        Answer answer = RawHttp.exchange(ANY_HOST.port(), request("dialtone.internal.example", "GetConnections", "{}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void aCorsPreflightIsRefusedAsJsonWithNoAllowHeaders() throws Exception {
        Answer answer = RawHttp.exchange(SERVER.port(), "OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1:4599\r\n"
                + "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: x-amz-target,content-type\r\n\r\n");
        assertJsonError(answer, 403, "AccessDeniedException");
        assertThat(answer.body()).contains("cross-origin");
        assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        // The same on a server without the Host check: no browser may call the API.
        Answer anyHost = RawHttp.exchange(ANY_HOST.port(), "OPTIONS / HTTP/1.1\r\nHost: dialtone.example\r\n"
                + "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n\r\n");
        assertJsonError(anyHost, 403, "AccessDeniedException");
        assertThat(anyHost.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }
}
