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
        assertThat(config.wire().loopbackHostsOnly()).as("the laptop mode's Host check is on by default").isTrue();
        assertThat(config.wire().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of("DIALTONE_PORT", "5000",
                "DIALTONE_DATA_DIR", "/var/lib/dialtone", "DIALTONE_TEST_TIMEOUT", "2500ms", "DIALTONE_HOST", "::1"));
        assertThat(config).isEqualTo(new DialtoneConfig("::1", 5000, Path.of("/var/lib/dialtone"),
                Duration.ofMillis(2500)));
    }

    @Test
    void secretCertificateAndDriverSettingsComeFromTheEnvironment() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of("DIALTONE_SECRETS_DIR", "/etc/dialtone/secrets",
                "DIALTONE_SECRETS_TTL", "30s", "DIALTONE_CERT_DIR", "/etc/dialtone/certs",
                "DIALTONE_DRIVER_DIR", "/opt/dialtone/drivers", "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:4566", "DIALTONE_SECRET_SALES", "{}",
                "HOME", "/root", "PATH", "/usr/bin"));
        assertThat(config.sources().secretsDir()).contains(Path.of("/etc/dialtone/secrets"));
        assertThat(config.sources().secretsTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sources().certDir()).contains(Path.of("/etc/dialtone/certs"));
        assertThat(config.sources().driverDir()).contains(Path.of("/opt/dialtone/drivers"));
        // Only AWS settings and secret variables are kept: nothing else of the environment reaches a test.
        assertThat(config.sources().environment()).containsOnlyKeys("AWS_REGION", "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                "DIALTONE_SECRET_SALES");
    }

    @Test
    void withoutThoseSettingsNothingIsConfiguredAndSecretsAreNeverCached() {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(Map.of());
        assertThat(config.sources().secretsDir()).isEmpty();
        assertThat(config.sources().certDir()).isEmpty();
        assertThat(config.sources().driverDir()).isEmpty();
        assertThat(config.sources().secretsTtl()).isZero();
    }

    @Test
    void aSecretsTtlIsAtMostFifteenMinutes() {
        assertThat(DialtoneConfig.parseTtl("0")).isZero();
        assertThat(DialtoneConfig.parseTtl("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> DialtoneConfig.parseTtl("1h")).hasMessageContaining("DIALTONE_SECRETS_TTL");
        assertThatThrownBy(() -> DialtoneConfig.parseTtl("16m")).hasMessageContaining("DIALTONE_SECRETS_TTL");
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
