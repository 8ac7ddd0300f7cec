package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DataDirScan;
import dev.dialtone.fixtures.TestCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A catalog an older version wrote in clear text (schema 3) is sealed at its first start, and no old page survives. */
class ClearTextCatalogUpgradeTest {
    private static final String PASSWORD = "Canary-Legacy-Pw-61c0d9e2";
    private static final String CLIENT_SECRET = "Canary-Legacy-Oauth-4f7a2b90";
    private static final String BASIC_PASSWORD = "Canary-Legacy-Basic-8e3d1c55";

    @Test
    void aClearTextCatalogIsSealedAtFirstStartAndCompacted(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        SQLiteConfig wal = new SQLiteConfig();
        wal.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource file = new SQLiteDataSource(wal);
        file.setUrl("jdbc:sqlite:" + data.resolve(EmbeddedCatalog.FILE_NAME));
        Flyway.configure().dataSource(file).locations("classpath:db/migration").target("3").load().migrate();
        try (Connection db = file.getConnection(); Statement sql = db.createStatement()) {
            for (int i = 0; i < 50; i++) {
                sql.executeUpdate("INSERT INTO connections VALUES ('000000000000', 'us-east-1', 'old-" + i + "', 'JDBC', 1, "
                        + "'{\"name\":\"old-" + i + "\",\"connectionType\":\"JDBC\",\"matchCriteria\":[],"
                        + "\"connectionProperties\":{\"HOST\":\"h\",\"PASSWORD\":\"" + PASSWORD + "\"},"
                        + "\"sparkProperties\":{},\"athenaProperties\":{},\"pythonProperties\":{},"
                        + "\"authenticationConfiguration\":{\"authenticationType\":\"OAUTH2\",\"oauth2Properties\":"
                        + "{\"grantType\":\"CLIENT_CREDENTIALS\",\"clientId\":\"app\",\"tokenUrlParameters\":{},"
                        + "\"clientSecret\":\"" + CLIENT_SECRET + "\"},\"basicCredentials\":{\"username\":\"u\","
                        + "\"password\":\"" + BASIC_PASSWORD + "\"},\"customCredentials\":{}},"
                        + "\"validateForComputeEnvironments\":[]}', '{}', 1, 1000, 2000, 'READY', NULL, NULL)");
            }
            sql.executeUpdate("INSERT INTO test_history VALUES ('000000000000', 'us-east-1', 'old-0', 1, 3000, "
                    + "'{\"Outcome\":\"SUCCEEDED\"}')");
        }
        Files.setPosixFilePermissions(data.resolve(EmbeddedCatalog.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        // The scan sees the clear text an older version left: the check below is not vacuous.
        assertThat(DataDirScan.hits(data, PASSWORD, CLIENT_SECRET, BASIC_PASSWORD)).isNotEmpty();

        try (Catalog catalog = TestCatalogs.open(data)) {
            var stored = catalog.connections().get(new CatalogScope("000000000000", "us-east-1"), "old-7").orElseThrow();
            assertThat(stored.definition().connectionProperties()).containsEntry("PASSWORD", PASSWORD)
                    .containsEntry("HOST", "h");
            var auth = stored.definition().authenticationConfiguration().orElseThrow();
            assertThat(auth.oauth2Properties().orElseThrow().clientSecret()).contains(CLIENT_SECRET);
            assertThat(auth.basicCredentials().orElseThrow().password()).contains(BASIC_PASSWORD);
            assertThat(DataDirScan.hits(data, PASSWORD, CLIENT_SECRET, BASIC_PASSWORD)).as("while open").isEmpty();
        }
        assertThat(DataDirScan.hits(data, PASSWORD, CLIENT_SECRET, BASIC_PASSWORD)).isEmpty();
        assertThat(DataDirScan.modes(data)).containsEntry("", "rwx------").containsEntry("catalog.db", "rw-------")
                .containsEntry("master.key", "rw-------");
    }
}
