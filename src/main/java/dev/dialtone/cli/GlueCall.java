package dev.dialtone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One Glue operation sent to a Dialtone server (AWS JSON 1.1), signed when the user has AWS credentials. */
final class GlueCall {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final RequestSigner signer;

    GlueCall(URI endpoint, RequestSigner signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The answer, whatever its status; {@code timeout} bounds the wait for it (a test takes a while). */
    HttpResponse<String> send(String operation, ObjectNode request, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(signer.request("POST", endpoint.resolve("/"),
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "AWSGlue." + operation),
                request.toString().getBytes(StandardCharsets.UTF_8)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
