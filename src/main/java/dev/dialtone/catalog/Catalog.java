package dev.dialtone.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * An opened catalog: the connections (secrets sealed) and the catalogs' encryption settings, in one database,
 * and the database itself (readiness asks it; its pool reports to the metrics).
 */
public record Catalog(ConnectionStore connections, EncryptionSettingsStore encryptionSettings, DataSource dataSource)
        implements AutoCloseable {

    /**
     * Whether the catalog's database answers a trivial query within {@code timeout}. A database that hangs
     * leaves its query running on a daemon thread (bounded by the pool's own timeouts), never the caller.
     */
    public boolean ping(Duration timeout) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread query = new Thread(() -> {
            try (Connection db = dataSource.getConnection(); var statement = db.createStatement();
                    var row = statement.executeQuery("SELECT 1")) {
                answer.complete(row.next() && row.getInt(1) == 1);
            } catch (SQLException | RuntimeException e) {
                answer.complete(false);
            }
        }, "dialtone-catalog-ping");
        query.setDaemon(true);
        query.start();
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}
