package dev.dialtone.probe.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.http.Http11;
import dev.dialtone.probe.http.ServerText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One OPENSEARCH test: {@code GET /} (the cluster's name and version) answered means the credentials were
 * accepted (AUTHENTICATE); then {@code GET /_cluster/health} (AUTHORIZE), whose refusal is reported, not failed:
 * a user allowed to read indices may not be allowed cluster monitoring.
 */
final class OpenSearchPlan implements TestPlan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final EndpointUrl endpoint;
    private final OpenSearchAuth auth;
    private final TlsClient.Settings tls;
    private final Set<String> secrets;

    OpenSearchPlan(EndpointUrl endpoint, OpenSearchAuth auth, TlsClient.Settings tls, Set<String> secrets) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.tls = tls;
        this.secrets = secrets;
    }

    @Override
    public String destination() {
        return endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public Set<String> secrets() {
        return Collections.unmodifiableSet(secrets);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        DialedHttp http = new DialedHttp(session, tls);
        session.detail("endpoint", endpoint.origin());
        session.detail("authentication", auth instanceof OpenSearchAuth.Basic basic ? "basic, user " + basic.user()
                : "SigV4 (" + ((OpenSearchAuth.SigV4) auth).service() + ", " + ((OpenSearchAuth.SigV4) auth).region()
                        + "), " + ((OpenSearchAuth.SigV4) auth).identity().source());
        Http11.Answer info = get(http, "/", Stage.AUTHENTICATE);
        if (info.status() != 200) {
            throw refusal(info, "/");
        }
        JsonNode cluster = json(info).orElseThrow(() -> new StageFailure(Stage.AUTHENTICATE, endpoint.origin()
                + "/ answered HTTP 200 with something other than OpenSearch's cluster information",
                "Check that opensearch.nodes names the cluster's REST endpoint."));
        JsonNode version = cluster.path("version");
        session.detail("cluster", clean(cluster.path("cluster_name").asText("?")) + ", "
                + clean(version.path("distribution").asText("elasticsearch")) + " "
                + clean(version.path("number").asText("?")));
        session.enter(Stage.AUTHORIZE);
        Http11.Answer health = get(http, "/_cluster/health", Stage.AUTHORIZE);
        if (health.status() == 200) {
            json(health).ifPresent(h -> session.detail("health", clean(h.path("status").asText("?")) + ", "
                    + h.path("number_of_nodes").asInt() + " nodes"));
        } else {
            session.detail("health", "not readable with these credentials (HTTP " + health.status() + ")");
        }
    }

    private Http11.Answer get(DialedHttp http, String path, Stage answered) throws StageFailure {
        URI uri = endpoint.at(path);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (auth instanceof OpenSearchAuth.Basic basic) {
            headers.put("Authorization", List.of("Basic " + Base64.getEncoder().encodeToString(
                    (basic.user() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8))));
        } else {
            headers.putAll(signed((OpenSearchAuth.SigV4) auth, uri));
        }
        return http.send(endpoint, "GET", uri, headers, null, answered, "the OpenSearch cluster", "opensearch.nodes");
    }

    /** The SigV4 headers of a GET of {@code uri}, made by the SDK's signer. */
    private Map<String, List<String>> signed(OpenSearchAuth.SigV4 sigv4, URI uri) {
        var credentials = sigv4.identity().base().resolveCredentials();
        AwsCredentialsIdentity identity = credentials instanceof software.amazon.awssdk.auth.credentials
                .AwsSessionCredentials session
                ? software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(session.accessKeyId(),
                        session.secretAccessKey(), session.sessionToken())
                : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        SdkHttpRequest signedRequest = SIGNER.sign(sign -> sign.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, sigv4.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, sigv4.region())).request();
        Map<String, List<String>> headers = new LinkedHashMap<>(signedRequest.headers());
        headers.remove("Host");
        return headers;
    }

    private StageFailure refusal(Http11.Answer answer, String path) {
        String said = clean(serverMessage(answer)) + " (HTTP " + answer.status() + ")";
        boolean signature = said.toLowerCase().contains("signature") || said.toLowerCase().contains("security token");
        if (answer.status() == 401 || (answer.status() == 403 && signature)) {
            return new StageFailure(Stage.AUTHENTICATE, "the cluster did not accept the credentials: " + said,
                    auth instanceof OpenSearchAuth.Basic ? "Check the user and password in the secret "
                            + "(opensearch.net.http.auth.user / opensearch.net.http.auth.pass)."
                            : "Check the access key pair in the secret and opensearch.aws.sigv4.region.");
        }
        if (answer.status() == 403) {
            return new StageFailure(Stage.AUTHORIZE, "the cluster accepted the credentials but refused GET " + path
                    + ": " + said, "Allow the user (or IAM identity, es:ESHttpGet) to call the cluster API.");
        }
        return new StageFailure(Stage.AUTHENTICATE, endpoint.origin() + path + " answered " + said,
                "Check that opensearch.nodes names the cluster's REST endpoint.");
    }

    /** OpenSearch's {"error":{"reason":…}} or {"error":"…"}, AWS's {"message":…}, else the start of the body. */
    private static String serverMessage(Http11.Answer answer) {
        Optional<JsonNode> body = json(answer);
        if (body.isPresent()) {
            JsonNode error = body.get().path("error");
            if (error.isObject() && error.hasNonNull("reason")) {
                return error.get("reason").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
            if (body.get().hasNonNull("message")) {
                return body.get().get("message").asText();
            }
            if (body.get().hasNonNull("Message")) {
                return body.get().get("Message").asText();
            }
        }
        String text = answer.text();
        return text.isBlank() ? "no explanation" : text;
    }

    private static Optional<JsonNode> json(Http11.Answer answer) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String clean(String text) {
        return ServerText.clean(text, secrets);
    }
}
