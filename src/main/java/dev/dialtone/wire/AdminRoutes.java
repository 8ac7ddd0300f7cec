package dev.dialtone.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of the Glue handler: answers the operator's paths (health, metrics) — on the API's own listener or,
 * with {@code --admin-port}, only on the admin one — and counts the API calls in flight so a stopping node can wait
 * for them. These paths take no credentials and skip the laptop mode's Host check: a load balancer's health check
 * and a Prometheus scraper sign nothing and address the node by IP. They change nothing and carry no secret, no
 * connection name and no host.
 */
public final class AdminRoutes extends Handler.Wrapper {
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";

    private final AdminEndpoints endpoints;
    private final Optional<Connector> adminListener;
    private final boolean adminPathsOnApiListener;
    private final AtomicInteger apiCallsInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param adminListener           the admin port's listener, if it has one of its own
     * @param adminPathsOnApiListener whether the API's listener answers the admin paths too (no admin port given)
     */
    public AdminRoutes(Handler api, AdminEndpoints endpoints, Optional<Connector> adminListener,
            boolean adminPathsOnApiListener) {
        super(api);
        this.endpoints = endpoints;
        this.adminListener = adminListener;
        this.adminPathsOnApiListener = adminPathsOnApiListener;
    }

    /** API calls being handled now, until their answer is written. */
    public int apiCallsInFlight() {
        return apiCallsInFlight.get();
    }

    /**
     * The last step before the listener closes: from now on an API call is answered {@code ServiceUnavailableException}
     * (503, which SDKs retry, on another node behind a load balancer) before anything runs, so once
     * {@link #apiCallsInFlight()} reaches zero no call can be cut halfway by the close — a CreateConnection committed
     * but never answered would make the client's retry fail with AlreadyExistsException.
     */
    public void refuseNewCalls() {
        closing.set(true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean onAdminListener = adminListener.isPresent()
                && request.getConnectionMetaData().getConnector() == adminListener.get();
        if (onAdminListener || adminPathsOnApiListener) {
            Optional<AdminEndpoints.Answer> answer = answer(request);
            if (answer.isPresent()) {
                send(response, callback, answer.get());
                return true;
            }
        }
        if (onAdminListener) {
            send(response, callback, new AdminEndpoints.Answer(404, "application/json",
                    "{\"message\":\"The admin port answers GET /health/live, /health/ready and /metrics.\"}"
                            .getBytes(StandardCharsets.UTF_8)));
            return true;
        }
        if (endpoints.draining()) {
            // Pooled keep-alive connections move to another node after this answer.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        // Counted before the closing flag is read, so the stopping thread either waits for this call or it is refused.
        apiCallsInFlight.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable done = () -> {
            if (counted.compareAndSet(true, false)) {
                apiCallsInFlight.decrementAndGet();
            }
        };
        if (closing.get()) {
            done.run();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            JsonAnswer.error(response, callback, 503, "ServiceUnavailableException",
                    "This node is shutting down and takes no new calls; retry (another node answers).");
            return true;
        }
        boolean handled = false;
        try {
            // Counted until the answer is written, not only until the handler returns.
            handled = super.handle(request, response, new Callback.Nested(callback) {
                @Override
                public void completed() {
                    done.run();
                }
            });
            return handled;
        } finally {
            if (!handled) {
                done.run(); // not handled here (or it threw): Jetty answers with its own callback
            }
        }
    }

    private Optional<AdminEndpoints.Answer> answer(Request request) {
        String path = Request.getPathInContext(request);
        if (!path.equals(LIVE) && !path.equals(READY) && !path.equals(METRICS)) {
            return Optional.empty();
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return Optional.of(new AdminEndpoints.Answer(405, "application/json",
                    ("{\"message\":\"" + path + " answers GET only.\"}").getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(switch (path) {
            case LIVE -> endpoints.live();
            case READY -> endpoints.ready();
            default -> endpoints.metrics();
        });
    }

    private void send(Response response, Callback callback, AdminEndpoints.Answer answer) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (endpoints.draining()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
