package dev.dialtone.catalog;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An opened catalog: the connections (secrets sealed) and the catalogs' encryption settings, in one
 * database (the embedded SQLite file, or a shared PostgreSQL), reached through one connection pool.
 */
public final class Catalog implements AutoCloseable {
    private final ConnectionStore connections;
    private final EncryptionSettingsStore encryptionSettings;
    private final ConnectionTypeStore connectionTypes;
    private final HikariDataSource pool;
    // Pings run here, so a caller waits no longer than its timeout whatever the database does; at most one
    // ping is in flight (a database that hangs does not pile up threads).
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "catalog-ping");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> lastPing;

    public Catalog(ConnectionStore connections, EncryptionSettingsStore encryptionSettings,
            ConnectionTypeStore connectionTypes, HikariDataSource pool) {
        this.connections = connections;
        this.encryptionSettings = encryptionSettings;
        this.connectionTypes = connectionTypes;
        this.pool = pool;
    }

    public ConnectionStore connections() {
        return connections;
    }

    public EncryptionSettingsStore encryptionSettings() {
        return encryptionSettings;
    }

    /** The REST connection types registered per catalog. */
    public ConnectionTypeStore connectionTypes() {
        return connectionTypes;
    }

    /** The catalog's connection pool (for pool metrics); the catalog closes it. */
    public HikariDataSource pool() {
        return pool;
    }

    /**
     * Whether the catalog's database answers a trivial query within {@code timeout} (readiness). Never
     * waits longer than {@code timeout}; false while an earlier ping is still stuck.
     */
    public boolean ping(Duration timeout) {
        Future<?> ping;
        synchronized (this) {
            if (lastPing != null && !lastPing.isDone()) {
                return false;
            }
            if (pinger.isShutdown()) {
                return false;
            }
            ping = pinger.submit(() -> {
                try (java.sql.Connection db = pool.getConnection(); Statement query = db.createStatement()) {
                    query.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                    query.execute("SELECT 1");
                }
                return null;
            });
            lastPing = ping;
        }
        try {
            ping.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            pinger.shutdownNow();
        }
        connections.close();
    }
}
