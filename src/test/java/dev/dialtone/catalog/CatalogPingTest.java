package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.TestCatalogs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded catalog's ping (readiness): true while its file answers, false once it is closed. */
class CatalogPingTest {
    @Test
    void theEmbeddedCatalogAnswersItsPingUntilClosed() {
        Catalog catalog = TestCatalogs.open(TempDir.scratch("ping-"));
        assertThat(catalog.ping(Duration.ofSeconds(1))).isTrue();
        assertThat(catalog.ping(Duration.ofMillis(200))).isTrue();
        catalog.close();
        assertThat(catalog.ping(Duration.ofSeconds(1))).isFalse();
    }
}
