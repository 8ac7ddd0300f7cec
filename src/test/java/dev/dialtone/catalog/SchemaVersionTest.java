package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVersionTest {

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws Exception {
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = migrations.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(EmbeddedCatalog.SCHEMA_VERSION).isEqualTo(newest);
        }
    }

    @Test
    void aNewCatalogIsMigratedToTheNewestVersionAndAReopenedOneIsLeftAsIs(@TempDir Path dir) {
        try (ConnectionStore store = dev.dialtone.fixtures.TestCatalogs.open(dir).connections()) {
            assertThat(store.testHistory(new CatalogScope("000000000000", "us-east-1"), "none")).isEmpty();
        }
        org.sqlite.SQLiteDataSource file = new org.sqlite.SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + dir.resolve(EmbeddedCatalog.FILE_NAME));
        assertThat(EmbeddedCatalog.installedVersion(file)).isEqualTo(EmbeddedCatalog.SCHEMA_VERSION);
        try (ConnectionStore reopened = dev.dialtone.fixtures.TestCatalogs.open(dir).connections()) {
            assertThat(reopened.get(new CatalogScope("000000000000", "us-east-1"), "none")).isEmpty();
        }
    }
}
