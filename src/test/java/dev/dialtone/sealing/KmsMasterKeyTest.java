package dev.dialtone.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.catalog.SecretsUnavailable;
import dev.dialtone.fixtures.DataDirScan;
import dev.dialtone.fixtures.FakeKms;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key from KMS (through the AWS SDK, AWS_ENDPOINT_URL_KMS): the key file holds only KMS's ciphertext. */
class KmsMasterKeyTest {
    private static final String PASSWORD = "Canary-Kms-Pw-0d2e7f4a19";
    private static FakeKms kms;

    @BeforeAll
    static void startKms() {
        kms = FakeKms.start();
    }

    @AfterAll
    static void stopKms() {
        kms.close();
    }

    private static UnaryOperator<DialtoneConfig> withKms(String keyId) {
        return config -> config.withEnvironment(Map.of("AWS_ENDPOINT_URL_KMS", kms.endpoint()))
                .withKeys(new DialtoneConfig.Keys(Optional.empty(), Optional.of(keyId)));
    }

    private static void create(SealedServer server) {
        server.glue().createConnection(r -> r.connectionInput(c -> c.name("pg").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://db.dialtone.test/x",
                        "USERNAME", "u", "PASSWORD", PASSWORD))));
    }

    @Test
    void theMasterKeyIsAKmsDataKeyAndARestartOpensItThroughKms(@TempDir Path dir) throws Exception {
        String key = kms.createKey();
        try (SealedServer server = SealedServer.start(dir, withKms(key))) {
            create(server);
        }
        JsonNode ring = new ObjectMapper().readTree(dir.resolve("master.key").toFile());
        assertThat(ring.path("Keys").get(0).path("KmsKeyId").asText()).isEqualTo(key);
        assertThat(ring.path("Keys").get(0).has("Key")).as("no key material in the file").isFalse();
        assertThat(DataDirScan.hits(dir, PASSWORD)).isEmpty();
        assertThat(kms.calls()).contains("GenerateDataKey " + key);

        try (SealedServer server = SealedServer.start(dir, withKms(key))) {
            assertThat(server.glue().getConnection(r -> r.name("pg")).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", PASSWORD);
        }
        assertThat(kms.calls()).contains("Decrypt " + key);
    }

    @Test
    void aDisabledOrDeniedKmsKeyStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        String key = kms.createKey();
        try (SealedServer server = SealedServer.start(dir, withKms(key))) {
            create(server);
        }
        kms.disable(key);
        assertThatThrownBy(() -> SealedServer.start(dir, withKms(key))).isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining("is held by KMS key " + key)
                .hasMessageContaining("DisabledException");
        kms.enable(key);
        kms.deny(key);
        assertThatThrownBy(() -> SealedServer.start(dir, withKms(key))).isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining(key).hasMessageContaining("AccessDeniedException")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aFirstStartWithAnUnknownKmsKeyNamesIt(@TempDir Path dir) {
        String unknown = "arn:aws:kms:us-east-1:" + FakeKms.ACCOUNT + ":key/00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> SealedServer.start(dir, withKms(unknown)))
                .hasMessageContaining(unknown).hasMessageContaining("NotFoundException");
    }

    @Test
    void rotationMovesAFileKeyToKms(@TempDir Path dir) throws Exception {
        String key = kms.createKey();
        try (SealedServer server = SealedServer.start(dir)) {
            create(server);
        }
        Map<String, String> env = new java.util.HashMap<>(SealedServer.HERMETIC_AWS);
        env.put("AWS_ENDPOINT_URL_KMS", kms.endpoint());
        int exit = new picocli.CommandLine(new dev.dialtone.cli.RotateMasterKeyCommand(env, System.out))
                .execute("--data-dir", dir.toString(), "--kms-key-id", key, "--grace", "0");
        assertThat(exit).isZero();
        JsonNode ring = new ObjectMapper().readTree(dir.resolve("master.key").toFile());
        assertThat(ring.path("Keys")).hasSize(1);
        assertThat(ring.path("Keys").get(0).path("KmsKeyId").asText()).isEqualTo(key);
        try (SealedServer server = SealedServer.start(dir, withKms(key))) {
            assertThat(server.glue().getConnection(r -> r.name("pg")).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", PASSWORD);
        }
    }
}
