package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.sealing.MasterKeys;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/** Nodes started together on an empty shared catalog migrate it once (Flyway's lock) and all serve it. */
class ConcurrentStartTest {

    @Test
    void threeNodesStartingAtOnceOnAnEmptyCatalogMigrateItOnce() throws Exception {
        SharedCatalogDatabase catalog = SharedCatalogDatabase.create();
        // The operator gives every node the same key file (or KMS key) before the first start.
        new MasterKeys(catalog.keyFile(), Optional.empty(), () -> {
            throw new IllegalStateException("no KMS here");
        }).createIfMissing();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Dialtone>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DialtoneConfig config = catalog.node(new DialtoneConfig("127.0.0.1", 0, TempDir.scratch("node-"),
                    Duration.ofSeconds(2)));
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return Dialtone.start(config);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<Dialtone> nodes = starts.stream().map(CompletableFuture::join).toList();
        try {
            try (GlueClient first = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + nodes.get(0).port()))) {
                first.createConnection(r -> r.connectionInput(i -> i.name("after-start").connectionType("NETWORK")
                        .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1"))));
            }
            for (Dialtone node : nodes) {
                try (GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + node.port()))) {
                    assertThat(glue.getConnection(r -> r.name("after-start")).connection().name()).isEqualTo("after-start");
                }
            }
        } finally {
            for (Dialtone node : nodes) {
                node.close();
            }
        }
        try (Connection db = SharedDatabases.postgres().connectAsSuperuser(catalog.database());
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT version, COUNT(*) FROM flyway_schema_history "
                        + "WHERE success GROUP BY version ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getInt(2)).as("version %s applied once", rows.getString(1)).isEqualTo(1);
                applied.add(rows.getString(1));
            }
            assertThat(applied).contains("1", "2", "3", "4", "6");
        }
    }
}
