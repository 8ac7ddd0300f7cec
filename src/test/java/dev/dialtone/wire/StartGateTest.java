package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The listener opens before the server is ready; a call that comes meanwhile waits and is then answered. */
class StartGateTest {

    @Test
    void aCallBeforeTheServerIsReadyWaitsAndIsAnsweredOnceItIs() throws Exception {
        WireServer wire = new WireServer("127.0.0.1", 0, Duration.ofSeconds(30));
        try {
            wire.listen();
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> early = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wire.port() + "/")).POST(
                            HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            // Connected and sent, yet not answered: no handler yet.
            Thread.sleep(300);
            assertThat(early).isNotDone();

            wire.serve(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    response.setStatus(200);
                    response.write(true, java.nio.ByteBuffer.wrap("ready".getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
            });

            HttpResponse<String> answer = early.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ready");
            // And later calls go straight through.
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wire.port() + "/"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ready");
        } finally {
            wire.close();
        }
    }
}
