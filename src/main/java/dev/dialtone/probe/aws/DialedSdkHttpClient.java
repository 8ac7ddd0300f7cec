package dev.dialtone.probe.aws;

import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.http.Http11;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's HTTP client for one connection test: every request the SDK makes (the service's, STS's) is
 * sent by {@link DialedHttp}, so it resolves, passes the egress check and connects through the test's dialer,
 * TLS through {@link TlsClient}, and each failure before an HTTP answer carries its stage. Plain http only to
 * loopback (an endpoint override for local stand-ins), as for every HTTP tester.
 *
 * <p>Why not the SDK's own clients: url-connection-client opens its sockets itself, and apache-client takes a
 * socket factory for https only; either way some socket would bypass the dialer (its egress check, its CONNECT
 * timing, the deadline that closes it).
 */
final class DialedSdkHttpClient implements SdkHttpClient {
    private final ProbeSession session;
    private final DialedHttp http;
    private final String role;
    private final String property;

    /**
     * @param role     what the endpoint is, for messages ("DynamoDB")
     * @param property the setting that names the endpoint, for hints
     */
    DialedSdkHttpClient(ProbeSession session, TlsClient.Settings tls, String role, String property) {
        this.session = session;
        this.http = new DialedHttp(session, tls);
        this.role = role;
        this.property = property;
    }

    /** A StageFailure carried through the SDK, which lets only IOExceptions out of an HTTP client. */
    static final class StageFailureCarrier extends IOException {
        private final StageFailure failure;

        StageFailureCarrier(StageFailure failure) {
            super(failure.reason(), null);
            this.failure = failure;
        }

        StageFailure failure() {
            return failure;
        }
    }

    /** The StageFailure somewhere in {@code error}'s causes, if the HTTP client raised one. */
    static Optional<StageFailure> carried(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StageFailureCarrier carrier) {
                return Optional.of(carrier.failure());
            }
        }
        return Optional.empty();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return send(request);
            }

            @Override
            public void abort() {
                // The test's deadline closes the socket; nothing is pooled here.
            }
        };
    }

    private HttpExecuteResponse send(HttpExecuteRequest request) throws IOException {
        EndpointUrl endpoint;
        try {
            endpoint = EndpointUrl.parse(request.httpRequest().getUri().toString(), property);
        } catch (InvalidTestInput e) {
            throw new StageFailureCarrier(new StageFailure(Stage.RESOLVE, e.getMessage(), "Check " + property + "."));
        }
        byte[] body = null;
        if (request.contentStreamProvider().isPresent()) {
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                body = in.readAllBytes();
            }
        }
        Http11.Answer answer;
        try {
            Stage answered = session.stage().compareTo(Stage.AUTHENTICATE) > 0 ? session.stage() : Stage.AUTHENTICATE;
            answer = http.send(endpoint, request.httpRequest().method().name(), request.httpRequest().getUri(),
                    request.httpRequest().headers(), body, answered, role, property);
        } catch (StageFailure failure) {
            throw new StageFailureCarrier(failure);
        }
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status())
                .statusText(answer.reason());
        answer.headers().forEach(response::putHeader);
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
    }

    @Override
    public String clientName() {
        return "DialtoneDialer";
    }

    @Override
    public void close() {
        // Nothing pooled: every request had its own connection, closed after the answer.
    }
}
