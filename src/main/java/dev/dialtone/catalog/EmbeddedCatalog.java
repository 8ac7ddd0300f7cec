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
    public static final int SCHEMA_VERSION = 3;

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

    public static ConnectionStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new CatalogException("cannot create the data directory " + dataDir, e);
        }
        SqliteNativeLibrary.useCopyIn(dataDir);
        SQLiteConfig config = new SQLiteConfig();
        // WAL with FULL sync: an acknowledged write is on disk before the 200 goes out.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // Writers take the lock up front, so read-then-write transactions cannot deadlock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            if (installedVersion(dataSource) < SCHEMA_VERSION) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        // This process is the catalog file's only writer, so reads by name can be served from memory.
        return new CachingConnectionStore(new SqlConnectionStore(dataSource, dataSource));
    }
}
