package dev.dialtone.sealing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.catalog.SecretsUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingFileTest {

    @Test
    void aDamagedKeyFileIsNamedWithoutQuotingItsContent(@TempDir Path dir) throws Exception {
        // A hand edit that lost a quote: the parser's own message would repeat the key text it choked on.
        Path file = dir.resolve("master.key");
        String material = "c2VjcmV0LWtleS1tYXRlcmlhbC1jYW5hcnktOTk";
        Files.writeString(file, "{\"Format\":\"" + KeyRingFile.FORMAT + "\",\"Keys\":[{\"Id\":\"mk-1\",\"Key\":"
                + material + "}]}");
        assertThatThrownBy(() -> KeyRingFile.read(file))
                .isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON (line 1")
                .hasMessageNotContaining(material).hasMessageNotContaining("c2VjcmV0");
    }
}
