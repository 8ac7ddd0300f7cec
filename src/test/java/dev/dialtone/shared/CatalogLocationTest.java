package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared catalog's settings: from the environment, never a credential in the URL, never the password shown. */
class CatalogLocationTest {
    @Test
    void theEnvironmentNamesTheCatalogAndItsLoginAndThePasswordIsNeverShown() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of("DIALTONE_CATALOG_URL",
                "jdbc:postgresql://db.internal:5432/dialtone", "DIALTONE_CATALOG_USER", "dialtone",
                "DIALTONE_CATALOG_PASSWORD", "Pw-Never-Shown"));
        assertThat(config.catalog().shared()).isTrue();
        assertThat(config.catalog().resolvePassword()).contains("Pw-Never-Shown");
        assertThat(config.catalog()).hasToString("jdbc:postgresql://db.internal:5432/dialtone as dialtone");
        assertThat(config.toString()).doesNotContain("Pw-Never-Shown");
        assertThat(DialtoneConfig.fromEnvironment(Map.of()).catalog().shared()).isFalse();
    }

    @Test
    void aUrlCarryingCredentialsOrNotPostgresIsRefusedWithoutEchoingIt() {
        for (String url : new String[] {"jdbc:postgresql://db:5432/x?password=Leak-1",
                "jdbc:postgresql://db:5432/x?user=a&sslpassword=Leak-1", "jdbc:postgresql://a:Leak-1@db:5432/x"}) {
            assertThatThrownBy(() -> DialtoneConfig.fromEnvironment(Map.of("DIALTONE_CATALOG_URL", url)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not carry credentials")
                    .message().doesNotContain("Leak-1");
        }
        assertThatThrownBy(() -> DialtoneConfig.fromEnvironment(Map.of("DIALTONE_CATALOG_URL", "jdbc:mysql://db/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://");
    }
}
