package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * SECRET_ID through each source, against a real PostgreSQL: AWS Secrets Manager through the real AWS
 * SDK against a local GetSecretValue endpoint (AWS_ENDPOINT_URL_SECRETS_MANAGER), an environment
 * variable, and a file in the secrets directory.
 */
class SecretIdTestConnectionTest {
    private static final String PASSWORD = "Vault-Pw-93c1d";
    private static final FakeSecretsManager SECRETS_MANAGER = FakeSecretsManager.start();
    private static final Path SECRETS_DIR = tempDir();
    private static final String ROTATION_TEMPLATE = "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\","
            + "\"username\":\"vault_user\",\"password\":\"" + PASSWORD + "\",\"dbname\":\"vault\",\"port\":5432}";

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config
            .withServerSecretsAllowed(true)
            .withSecretsDir(SECRETS_DIR)
            .withEnvironment(Map.of(
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS_MANAGER.endpoint(),
                    "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "AKIDDIALTONETEST",
                    "AWS_SECRET_ACCESS_KEY", "dialtone-test-aws-secret",
                    "DIALTONE_SECRET_SALES", ROTATION_TEMPLATE,
                    "DIALTONE_SECRET_BROKEN", "password=" + PASSWORD)));

    private static PostgresServer pg;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void secrets() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("vault_user", PASSWORD);
        pg.createDatabase("vault", "vault_user");
        SECRETS_MANAGER.put("prod/vault", ROTATION_TEMPLATE);
        SECRETS_MANAGER.put("glue/unified", "{\"USERNAME\":\"vault_user\",\"PASSWORD\":\"" + PASSWORD + "\"}");
        SECRETS_MANAGER.put("prod/malformed", "{\"username\":\"vault_user\",\"password\":\"" + PASSWORD);
        SECRETS_MANAGER.put("prod/no-password", "{\"username\":\"vault_user\",\"token\":\"abc\"}");
        SECRETS_MANAGER.put("prod/locked", ROTATION_TEMPLATE);
        SECRETS_MANAGER.deny("prod/locked");
        Files.writeString(SECRETS_DIR.resolve("vault.json"), ROTATION_TEMPLATE);
        Path outside = Files.writeString(Files.createTempFile("outside-secret", ".json"), ROTATION_TEMPLATE);
        Files.createSymbolicLink(SECRETS_DIR.resolve("escape.json"), outside);
    }

    @AfterAll
    static void stop() {
        SECRETS_MANAGER.close();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dialtone-secrets");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void testWithSecret(String secretId) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("vault"),
                        "SECRET_ID", secretId))));
    }

    private void assertRefused(String secretId, String... messageParts) {
        assertThatThrownBy(() -> testWithSecret(secretId))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + secretId + "'")
                .hasMessageContainingAll(messageParts)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThat(CapturedLogs.all()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod/vault", "arn:aws:secretsmanager:eu-west-1:000000000000:secret:prod/vault",
        "glue/unified"})
    void aSecretsManagerSecretByNameOrArnLogsIn(String secretId) {
        int calls = SECRETS_MANAGER.authorizations().size();
        testWithSecret(secretId);
        assertThat(SECRETS_MANAGER.authorizations()).hasSize(calls + 1);
        // The real SDK signed the call with the configured credentials, for the secret's region.
        assertThat(SECRETS_MANAGER.authorizations().get(calls))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDDIALTONETEST/").contains("/eu-west-1/secretsmanager/");
        assertThat(CapturedLogs.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aSecretIsReadAgainForEveryTestWhenNoTtlIsConfigured() {
        int calls = SECRETS_MANAGER.authorizations().size();
        testWithSecret("prod/vault");
        testWithSecret("prod/vault");
        assertThat(SECRETS_MANAGER.authorizations()).hasSize(calls + 2);
    }

    @Test
    void aMissingSecretIsInvalidInputNamingIt() {
        assertRefused("prod/absent", "was not found in AWS Secrets Manager", "eu-west-1");
    }

    @Test
    void aDeniedReadIsInvalidInputNamingThePermission() {
        assertRefused("prod/locked", "access denied", "secretsmanager:GetSecretValue");
    }

    @Test
    void aMalformedSecretIsInvalidInputWithoutItsValue() {
        assertRefused("prod/malformed", "is not valid JSON");
        assertRefused("env:DIALTONE_SECRET_BROKEN", "is not valid JSON");
    }

    @Test
    void aSecretWithoutAPasswordIsInvalidInput() {
        assertRefused("prod/no-password", "has no password key");
    }

    @Test
    void anEnvironmentVariableSecretLogsIn() {
        testWithSecret("env:DIALTONE_SECRET_SALES");
    }

    @Test
    void environmentSecretsAreLimitedToTheirPrefix() {
        assertRefused("env:PATH", "only environment variables whose name starts with DIALTONE_SECRET_");
        assertRefused("env:AWS_SECRET_ACCESS_KEY", "only environment variables whose name starts with DIALTONE_SECRET_");
        assertRefused("env:DIALTONE_SECRET_ABSENT", "was not found");
    }

    @Test
    void aFileSecretLogsIn() {
        testWithSecret("file:vault.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:../vault.json", "file:/etc/passwd", "file:sub/vault.json", "file:..",
        "file:vault.json/..", "file:%2e%2e"})
    void fileSecretsNeverLeaveTheDirectory(String secretId) {
        assertRefused(secretId, "is not a plain file name");
    }

    @Test
    void aLinkOutOfTheSecretsDirectoryIsRefused() {
        assertRefused("file:escape.json", "is not a file of the secrets directory");
        assertRefused("file:absent.json", "was not found in the secrets directory");
    }
}
