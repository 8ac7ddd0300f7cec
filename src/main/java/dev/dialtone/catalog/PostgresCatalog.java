package dev.dialtone.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens a catalog shared by several Dialtone nodes in PostgreSQL, migrated by the same Flyway
 * migrations as the embedded file (plus {@code db/postgresql}, what only PostgreSQL needs).
 *
 * <p>Nothing of the catalog is kept in this process: every read goes to the database, so a write by any
 * node is what every node answers next (no read cache, which another node's writes would make stale).
 * Every wait on the database is bounded, so that when it is down a request fails within about a second
 * (InternalServiceException, which SDKs retry) instead of hanging, and the pool reconnects by itself once
 * it is back.
 */
public final class PostgresCatalog {
    /** How long a request waits for a catalog connection (Hikari) and for a TCP connect (pgjdbc). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** How long a starting node keeps trying to log in to the catalog before it gives up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    /** The longest one catalog statement may run, lock waits included (server side). */
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    /** The longest the driver waits for an answer from the server (a host gone silent). */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

    private PostgresCatalog() {
    }

    /**
     * Opens (migrating, under Flyway's lock, when this node is the first of a newer version) the shared
     * catalog at {@code url}.
     *
     * @throws SecretsUnavailable when {@code keys} does not open the catalog's key check
     * @throws CatalogUnreachable when the database cannot be reached or logged in to
     * @throws CatalogException   when it cannot be migrated
     */
    public static Catalog open(String url, Optional<String> user, Optional<String> password, KeySource keys,
            SecretProperties secrets) {
        HikariDataSource dataSource = dataSource(url, user, password);
        try {
            // Flyway takes PostgreSQL's advisory lock: nodes starting together migrate once, the others wait and
            // find nothing left to do.
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/postgresql")
                    .load().migrate();
            SqlConnectionStore raw = new SqlConnectionStore(dataSource, dataSource, Dialect.POSTGRESQL);
            Sealer sealer = CatalogSealing.prepare(raw, () -> { }, keys, secrets);
            return new Catalog(new SealingConnectionStore(raw, sealer, secrets),
                    new SqlEncryptionSettingsStore(dataSource), new SqlConnectionTypeStore(dataSource), dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource dataSource(String url, Optional<String> user, Optional<String> password) {
        // pgjdbc's own bounds (seconds): connect, login, every read; and the server's on every statement. They are
        // set on a DataSource of the pool's own: given a JDBC URL instead, Hikari applies its login timeout through
        // DriverManager.setLoginTimeout, a JVM-wide setting that every tester's driver then obeys too (MySQL
        // Connector/J cut its handshakes at 1 s that way).
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(url);
        user.ifPresent(postgres::setUser);
        password.ifPresent(postgres::setPassword);
        postgres.setConnectTimeout((int) CONNECTION_TIMEOUT.toSeconds());
        postgres.setLoginTimeout((int) CONNECTION_TIMEOUT.toSeconds() + 1);
        postgres.setSocketTimeout((int) SOCKET_TIMEOUT.toSeconds());
        postgres.setOptions("-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
        postgres.setTcpKeepAlive(true);
        postgres.setApplicationName("dialtone");
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("catalog");
        pool.setDataSource(postgres);
        pool.setMaximumPoolSize(16);
        pool.setMinimumIdle(2);
        pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        pool.setValidationTimeout(Math.min(CONNECTION_TIMEOUT.toMillis(), 500));
        // Hikari bounds each login by its connection timeout (1 s); a cold JVM's first scram login on a busy host can
        // take longer, and a node restarted in a rolling restart then stopped at once. The start tries again for a
        // while instead (requests are still bounded by the 1 s above).
        pool.setInitializationFailTimeout(START_TIMEOUT.toMillis());
        try {
            return new HikariDataSource(pool);
        } catch (HikariPool.PoolInitializationException e) {
            // Hikari's message names the URL (never a password); the cause says why (refused, unknown host, login).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CatalogUnreachable("cannot reach the catalog at " + url + ": " + cause.getMessage(), cause);
        }
    }
}
