package dev.dialtone.ops;

import dev.dialtone.catalog.Catalog;
import dev.dialtone.probe.Probe;
import dev.dialtone.wire.AdminEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The operator's paths: live while the process answers at all; ready when the catalog answers a query within a
 * second and the node is not draining (a load balancer then sends it no more work); the metrics scrape.
 */
public final class Health implements AdminEndpoints {
    static final Duration CATALOG_PING = Duration.ofSeconds(1);
    private static final String JSON = "application/json";

    private final Catalog catalog;
    private final Probe probe;
    private final ServerMetrics metrics;

    public Health(Catalog catalog, Probe probe, ServerMetrics metrics) {
        this.catalog = catalog;
        this.probe = probe;
        this.metrics = metrics;
    }

    @Override
    public Answer live() {
        return new Answer(200, JSON, bytes("{\"status\":\"live\"}"));
    }

    @Override
    public Answer ready() {
        boolean draining = probe.draining();
        // A draining node is not ready whatever its catalog says; the ping is skipped so shutdown stays quick.
        boolean catalogUp = !draining && catalog.ping(CATALOG_PING);
        boolean ready = catalogUp && !draining;
        return new Answer(ready ? 200 : 503, JSON, bytes("{\"status\":\"" + (ready ? "ready" : "not ready")
                + "\",\"catalog\":\"" + (draining ? "not checked" : catalogUp ? "up" : "down")
                + "\",\"draining\":" + draining + "}"));
    }

    @Override
    public Answer metrics() {
        return new Answer(200, "text/plain; version=0.0.4; charset=utf-8", bytes(metrics.scrape()));
    }

    @Override
    public boolean draining() {
        return probe.draining();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
