package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.fixtures.Tarpit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;

/**
 * Without authentication the server cannot tell its callers apart, so by default it reads none of its own
 * secrets or S3 objects for them: each source is refused, naming the flag that turns it on, before anything
 * is read or dialled.
 */
class LaptopModeServerSecretsTest {
    private static final String PASSWORD = "Laptop-Canary-Pw-0c3";
    private static final FakeSecretsManager SECRETS_MANAGER = FakeSecretsManager.start();

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withSecretsDir(secretsDir()).withEnvironment(Map.of(
            "AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS_MANAGER.endpoint(),
            "DIALTONE_SECRET_SALES", "{\"username\":\"ops\",\"password\":\"" + PASSWORD + "\"}")));

    private static Tarpit tarpit;

    private static java.nio.file.Path secretsDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dialtone-laptop-secrets");
            java.nio.file.Files.writeString(dir.resolve("sales.json"), "{\"username\":\"ops\",\"password\":\""
                    + PASSWORD + "\"}");
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() throws Exception {
        tarpit = new Tarpit();
        SECRETS_MANAGER.put("ops/sales", "{\"username\":\"ops\",\"password\":\"" + PASSWORD + "\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        tarpit.close();
        SECRETS_MANAGER.close();
    }

    @ParameterizedTest
    @CsvSource({"SECRET_ID, env:DIALTONE_SECRET_SALES", "SECRET_ID, file:sales.json", "SECRET_ID, ops/sales",
            "SECRET_ID, arn:aws:secretsmanager:us-east-1:000000000000:secret:ops/sales",
            "CUSTOM_JDBC_CERT, s3://certs/ca.pem"})
    void everyServerSideSourceIsOffUntilTheOperatorAllowsIt(String key, String value) {
        int dialled = tarpit.accepted();
        int reads = SECRETS_MANAGER.authorizations().size();
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + tarpit.port() + "/app", key, value));
        if (!key.equals("SECRET_ID")) {
            properties.putAll(Map.of("USERNAME", "ops", "PASSWORD", "inline"));
        }
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("does not read its own secrets or S3 objects")
                .hasMessageContaining("--allow-server-secrets (DIALTONE_ALLOW_SERVER_SECRETS=true)")
                .hasMessageNotContaining(PASSWORD);
        assertThat(tarpit.accepted()).isEqualTo(dialled);
        assertThat(SECRETS_MANAGER.authorizations()).hasSize(reads);
    }
}
