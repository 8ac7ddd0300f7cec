package dev.dialtone.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the single-file SQLite catalog under the data directory, migrated to the current schema. */
public final class EmbeddedCatalog {
    public static final String FILE_NAME = "catalog.db";
    /** The newest migration in db/migration; a test keeps it in step with the files. */
    public static final int SCHEMA_VERSION = 7;

    private EmbeddedCatalog() {
    }

    /**
     * The schema version Flyway last applied, or 0 for a new catalog. Reading it directly lets a
     * restart skip Flyway's start-up (a third of a second) when there is nothing to migrate.
     */
    static int installedVersion(DataSource dataSource) {
        try (Connection db = dataSource.getConnection(); Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT version FROM flyway_schema_history "
                        + "WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() ? Integer.parseInt(row.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Opens (creating, migrating, sealing) the catalog in {@code dataDir}: the directory 0700, the
     * catalog file and its WAL 0600, every secret sealed by a master key from {@code keys}.
     *
     * @throws SecretsUnavailable when the catalog's master key is missing or not the one it was sealed with
     */
    public static Catalog open(Path dataDir, KeySource keys, SecretProperties secrets) {
        HikariDataSource dataSource = dataSource(dataDir);
        try {
            if (installedVersion(dataSource) < SCHEMA_VERSION) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
            SqlConnectionStore raw = new SqlConnectionStore(dataSource, dataSource);
            Sealer sealer = CatalogSealing.prepare(raw, () -> CatalogSealing.compact(dataSource), keys, secrets);
            // This process is the catalog file's only writer, so reads by name and the encryption settings can be
            // served from memory (opened: the cache above the sealing layer holds clear values, in memory only).
            return new Catalog(new CachingConnectionStore(new SealingConnectionStore(raw, sealer, secrets)),
                    new CachingEncryptionSettingsStore(new SqlEncryptionSettingsStore(dataSource)),
                    new SqlConnectionTypeStore(dataSource), dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The raw catalog of an existing data directory, for maintenance beside a running server (key
     * rotation): no migration, no sealing, no cache. The caller closes it.
     */
    public static SqlConnectionStore openForMaintenance(Path dataDir) {
        if (!Files.isRegularFile(dataDir.resolve(FILE_NAME))) {
            throw new IllegalArgumentException("no catalog in " + dataDir + " (expected " + dataDir.resolve(FILE_NAME) + ")");
        }
        HikariDataSource dataSource = dataSource(dataDir);
        if (installedVersion(dataSource) < SCHEMA_VERSION) {
            dataSource.close();
            throw new IllegalArgumentException("the catalog in " + dataDir + " is from an older version: start the "
                    + "server on it once first");
        }
        return new SqlConnectionStore(dataSource, dataSource);
    }

    /** Rewraps every sealed value of the catalog under the sealer's current master key (see MasterKeyRotation). */
    public static int rewrapAll(SqlConnectionStore raw, Sealer sealer) {
        return CatalogSealing.rewrap(raw, sealer, SecretProperties.PASSWORDS);
    }

    /** The ids of the master keys the catalog's sealed values are wrapped by (key rotation's final check). */
    public static java.util.Set<String> keyIdsInUse(SqlConnectionStore raw, Sealer sealer) {
        return CatalogSealing.keyIdsInUse(raw, sealer, SecretProperties.PASSWORDS);
    }

    /** @throws SecretsUnavailable when the sealer's keys do not open the catalog's key check */
    public static void verifyKey(SqlConnectionStore raw, Sealer sealer) {
        CatalogSealing.verify(raw, sealer);
    }

    private static HikariDataSource dataSource(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            PrivateFiles.directory(dataDir);
            PrivateFiles.file(file);
            // SQLite gives its WAL and shared-memory files the catalog file's mode; older ones are tightened.
            PrivateFiles.tightenIfPresent(dataDir.resolve(FILE_NAME + "-wal"));
            PrivateFiles.tightenIfPresent(dataDir.resolve(FILE_NAME + "-shm"));
            PrivateFiles.tightenIfPresent(dataDir.resolve(FILE_NAME + "-journal"));
        } catch (IOException e) {
            throw new CatalogException("cannot create the data directory " + dataDir + " privately", e);
        }
        SqliteNativeLibrary.useCopyIn(dataDir);
        SQLiteConfig config = new SQLiteConfig();
        // WAL with FULL sync: an acknowledged write is on disk before the 200 goes out.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // Writers take the lock up front, so read-then-write transactions cannot deadlock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Freed space is zeroed, and VACUUM's scratch copy stays in memory rather than in a temporary file.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
        return new HikariDataSource(pool);
    }
}
