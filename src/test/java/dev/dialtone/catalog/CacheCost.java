package dev.dialtone.catalog;

import dev.dialtone.sealing.MasterKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For the benchmark harness (not a test): reads by name per second from a PostgreSQL catalog store as the
 * node serves it (sealing, no cache), and the same with the embedded catalog's in-process cache above it
 * — what a cache could save at most, before any cross-node invalidation is paid for.
 */
public final class CacheCost {
    private CacheCost() {
    }

    /** {@code [uncached, cached]} gets per second with {@code threads} readers of 50 connections. */
    public static long[] getsPerSecond(String url, String user, String password, Path keyFile, int threads)
            throws InterruptedException {
        MasterKeys keys = new MasterKeys(keyFile, Optional.empty(), () -> {
            throw new IllegalStateException("no KMS in the benchmark");
        });
        try (Catalog catalog = PostgresCatalog.open(url, Optional.of(user), Optional.of(password), keys,
                SecretProperties.PASSWORDS)) {
            CatalogScope scope = new CatalogScope("777777777777", "us-east-1");
            for (int i = 0; i < 50; i++) {
                catalog.connections().create(scope, new ConnectionDefinition("cache-" + i, Optional.of("bench"), "JDBC",
                        List.of(), Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://db.example.com/app", "USERNAME",
                                "app", "PASSWORD", "pw"), Map.of(), Map.of(), Map.of(), Optional.empty(),
                        Optional.empty(), List.of()),
                        Map.of(), Instant.now());
            }
            long uncached = run(catalog.connections(), scope, threads);
            long cached = run(new CachingConnectionStore(catalog.connections()), scope, threads);
            return new long[] {uncached, cached};
        }
    }

    private static long run(ConnectionStore store, CatalogScope scope, int threads) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread reader = new Thread(() -> {
                for (int i = offset; !stop.get(); i++) {
                    store.get(scope, "cache-" + (i % 50)).orElseThrow();
                    if (measuring.get()) {
                        count.incrementAndGet();
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        Thread.sleep(2_000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(4_000);
        long done = count.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        return Math.round(done / seconds);
    }
}
