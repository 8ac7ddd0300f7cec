package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A catalog written before catalogs were regional keeps its connections, in us-east-1. */
class RegionalCatalogMigrationTest {

    @Test
    void rowsOfAVersion2CatalogMoveToUsEast1WithTheirHistory(@TempDir Path dir) throws Exception {
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + dir.resolve(EmbeddedCatalog.FILE_NAME));
        Flyway.configure().dataSource(file).locations("classpath:db/migration").target("2").load().migrate();
        try (Connection db = file.getConnection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO connections VALUES ('111122223333', 'old', 'JDBC', 1, "
                    + "'{\"name\":\"old\",\"connectionType\":\"JDBC\",\"matchCriteria\":[],"
                    + "\"connectionProperties\":{\"HOST\":\"h\"},\"sparkProperties\":{},\"athenaProperties\":{},"
                    + "\"pythonProperties\":{},\"validateForComputeEnvironments\":[]}', '{}', "
                    + "4, 1000, 2000, 'FAILED', 'was failing', 3000)");
            sql.executeUpdate("INSERT INTO test_history VALUES ('111122223333', 'old', 1, 3000, '{\"Outcome\":\"FAILED\"}')");
        }

        try (ConnectionStore store = dev.dialtone.fixtures.TestCatalogs.open(dir).connections()) {
            CatalogScope east = new CatalogScope("111122223333", "us-east-1");
            var migrated = store.get(east, "old").orElseThrow();
            assertThat(migrated.definition().connectionProperties()).containsEntry("HOST", "h");
            assertThat(migrated.revision()).isEqualTo(4);
            assertThat(migrated.status()).isEqualTo(ConnectionStatus.FAILED);
            assertThat(migrated.statusReason()).contains("was failing");
            assertThat(store.testHistory(east, "old")).containsExactly("{\"Outcome\":\"FAILED\"}");
            assertThat(store.get(new CatalogScope("111122223333", "eu-west-1"), "old")).isEmpty();
        }
    }
}
