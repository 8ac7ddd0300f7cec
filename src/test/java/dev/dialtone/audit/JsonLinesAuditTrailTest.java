package dev.dialtone.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file itself: appended to, private to its owner, and never left with a torn last line. */
class JsonLinesAuditTrailTest {
    private static final AuditRecord RECORD = new AuditRecord(Instant.parse("2026-11-26T10:15:30Z"), "req-1", "anonymous",
            "127.0.0.1", Optional.of("us-east-1"), "GetConnection", List.of("arn:aws:glue:us-east-1:000000000000:connection/a\nb"),
            "ok", Optional.empty(), Optional.empty(), Optional.empty(), 3);

    @Test
    void aRecordIsOneLineWithControlCharactersEscaped() {
        String line = new String(JsonLinesAuditTrail.encode(RECORD), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"time\":\"2026-11-26T10:15:30.000Z\",\"requestId\":\"req-1\",\"principal\":\"anonymous\","
                + "\"sourceAddress\":\"127.0.0.1\",\"region\":\"us-east-1\",\"operation\":\"GetConnection\","
                + "\"resources\":[\"arn:aws:glue:us-east-1:000000000000:connection/a\\nb\"],\"outcome\":\"ok\",\"millis\":3}\n");
    }

    @Test
    void aNewFileIsPrivateAndAnExistingOneIsAppendedTo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.toFile(file)) {
            trail.write(RECORD);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.toFile(file)) {
            trail.write(RECORD);
        }
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"time\""));
    }

    @Test
    void aTornLastLineIsCutWhenTheFileIsReopened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        Files.writeString(file, "{\"whole\":1}\n{\"torn\":");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.toFile(file)) {
            trail.write(RECORD);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"whole\":1}");
        assertThat(lines.get(1)).contains("\"requestId\":\"req-1\"");

        Path onlyTorn = dir.resolve("torn.log");
        Files.writeString(onlyTorn, "{\"torn\":");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.toFile(onlyTorn)) {
            trail.write(RECORD);
        }
        assertThat(Files.readAllLines(onlyTorn)).hasSize(1).first().asString().contains("req-1");
    }
}
