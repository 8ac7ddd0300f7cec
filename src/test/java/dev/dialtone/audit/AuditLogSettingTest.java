package dev.dialtone.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the trail goes: off on a laptop unless asked for, on by default on a shared address. */
class AuditLogSettingTest {

    @Test
    void unsetIsOffOnALoopbackAddressAndAFileInTheDataDirectoryOnAnyOther(@TempDir Path dataDir) {
        for (String loopback : new String[] {"127.0.0.1", "::1", "localhost"}) {
            try (AuditTrail trail = AuditLogSetting.UNSET.open(loopback, dataDir)) {
                assertThat(trail.enabled()).as(loopback).isFalse();
            }
            assertThat(AuditLogSetting.UNSET.describe(loopback, dataDir)).isEqualTo("off");
        }
        assertThat(dataDir.resolve("audit.log")).doesNotExist();

        try (AuditTrail trail = AuditLogSetting.UNSET.open("0.0.0.0", dataDir)) {
            assertThat(trail.enabled()).isTrue();
        }
        assertThat(dataDir.resolve("audit.log")).exists();
        assertThat(AuditLogSetting.UNSET.describe("0.0.0.0", dataDir)).isEqualTo(dataDir.resolve("audit.log").toString());
    }

    @Test
    void noneTurnsItOffEverywhereAndAFileOrStandardOutputTurnItOn(@TempDir Path dataDir) {
        try (AuditTrail trail = AuditLogSetting.of("none").open("0.0.0.0", dataDir)) {
            assertThat(trail.enabled()).isFalse();
        }
        assertThat(dataDir.resolve("audit.log")).doesNotExist();
        Path file = dataDir.resolve("logs/audit.jsonl");
        try (AuditTrail trail = AuditLogSetting.of(file.toString()).open("127.0.0.1", dataDir)) {
            assertThat(trail.enabled()).isTrue();
        }
        assertThat(file).exists();
        assertThat(AuditLogSetting.of("-").describe("127.0.0.1", dataDir)).isEqualTo("standard output");
    }

    @Test
    void theEnvironmentVariableSetsItAndABlankOrUnopenableValueIsRefusedAtStart(@TempDir Path dataDir) throws Exception {
        assertThat(DialtoneConfig.fromEnvironment(Map.of("DIALTONE_AUDIT_LOG", "/var/log/dialtone/audit.log")).auditLog())
                .isEqualTo(AuditLogSetting.of("/var/log/dialtone/audit.log"));
        assertThat(DialtoneConfig.fromEnvironment(Map.of()).auditLog()).isEqualTo(AuditLogSetting.UNSET);
        assertThatThrownBy(() -> DialtoneConfig.fromEnvironment(Map.of("DIALTONE_AUDIT_LOG", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIALTONE_AUDIT_LOG");
        Path aDirectory = Files.createDirectory(dataDir.resolve("not-a-file"));
        assertThatThrownBy(() -> AuditLogSetting.of(aDirectory.toString()).open("127.0.0.1", dataDir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit log");
    }
}
