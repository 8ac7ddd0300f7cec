package dev.dialtone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DialtoneConfigTest {

    @Test
    void defaultsListenOnLoopbackPort4599WithTheCatalogInDataAndATenSecondDeadline() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4599);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of("DIALTONE_PORT", "5000",
                "DIALTONE_DATA_DIR", "/var/lib/dialtone", "DIALTONE_TEST_TIMEOUT", "2500ms", "DIALTONE_HOST", "::1"));
        assertThat(config).isEqualTo(new DialtoneConfig("::1", 5000, Path.of("/var/lib/dialtone"),
                Duration.ofMillis(2500)));
    }

    @Test
    void timeoutsAcceptSecondsMillisecondsMinutesAndIso() {
        assertThat(DialtoneConfig.parseDuration("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DialtoneConfig.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DialtoneConfig.parseDuration("750ms")).isEqualTo(Duration.ofMillis(750));
        assertThat(DialtoneConfig.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DialtoneConfig.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void nonsenseIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> DialtoneConfig.parseDuration("soon")).hasMessageContaining("test timeout");
        assertThatThrownBy(() -> DialtoneConfig.parseDuration("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DialtoneConfig.fromEnvironment(Map.of("DIALTONE_PORT", "70000")))
                .hasMessageContaining("DIALTONE_PORT");
    }
}
