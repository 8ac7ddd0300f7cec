package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.guard.SecretPropertyNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;

/**
 * HidePassword drops every property whose key names a secret — trimmed, in any case, under any of the
 * usual names — and keeps ordinary keys, including references to a secret such as SECRET_ID.
 */
class HidePasswordRuleTest {
    private static final String CANARY = "Hide-Canary-Pw-7e2";
    private static final List<String> SECRET_KEYS = List.of("PASSWORD", "DB_PASSWORD_OLD", "Passwd", "SECRET",
            "PASSWORD ", " password", "dbPassword", "DBPASSWORD", "PWD", "DB_PWD", "CLIENT_SECRET", "clientSecret",
            "ACCESS_TOKEN", "refresh-token", "SFTP_PRIVATE_KEY", "privateKey", "SFTP_PRIVATE_KEY_PASSPHRASE",
            "AWS_CREDENTIALS", "API_KEY", "apiKey", "KAFKA_CLIENT_KEYSTORE_PASSWORD", "ENCRYPTED_PASSWORD");
    private static final Map<String, String> KEPT = Map.of("USERNAME", "analyst", "HOST", "db.internal",
            "SECRET_ID", "arn:aws:secretsmanager:us-east-1:123456789012:secret:sales",
            "KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "true", "PORT", "5432", "TOKEN_URL", "https://login.example/token",
            "KAFKA_CLIENT_KEYSTORE", "client.p12", "SFTP_HOST_KEY_FINGERPRINT", "SHA256:abc",
            "JDBC_CONNECTION_URL", "jdbc:postgresql://db.internal:5432/sales");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private final GlueClient glue = SERVER.glue();

    @ParameterizedTest
    @ValueSource(strings = {"JDBC", "KAFKA", "SFTP", "MONGODB", "CUSTOM"})
    void everySecretKeyIsDroppedAndEveryOrdinaryKeyKeptByGetConnectionAndGetConnections(String type) {
        Map<String, String> properties = new LinkedHashMap<>(KEPT);
        SECRET_KEYS.forEach(key -> properties.put(key, CANARY + "-" + key.trim()));
        String name = "hide-" + type.toLowerCase(java.util.Locale.ROOT);
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType(type)
                .connectionPropertiesWithStrings(properties)));

        Connection hidden = glue.getConnection(r -> r.name(name).hidePassword(true)).connection();
        assertThat(hidden.connectionPropertiesAsStrings()).containsExactlyInAnyOrderEntriesOf(KEPT);
        assertThat(hidden.toString()).doesNotContain(CANARY);

        Connection listed = glue.getConnections(r -> r.hidePassword(true)).connectionList().stream()
                .filter(connection -> connection.name().equals(name)).findFirst().orElseThrow();
        assertThat(listed.connectionPropertiesAsStrings()).containsExactlyInAnyOrderEntriesOf(KEPT);

        // Without HidePassword everything stored comes back, as Glue does.
        assertThat(glue.getConnection(r -> r.name(name)).connection().connectionPropertiesAsStrings())
                .containsAllEntriesOf(properties);
    }

    @Test
    void theRuleOnKeysAlone() {
        assertThat(SECRET_KEYS).allMatch(SecretPropertyNames::looksSecret);
        assertThat(KEPT.keySet()).noneMatch(SecretPropertyNames::looksSecret);
        assertThat(List.of("SECRET_ARN", "secretName", "PASSWORD_URI", "", "  ", "KEYSTORE", "PWDLESS_MODE"))
                .noneMatch(SecretPropertyNames::looksSecret);
    }

    @Test
    void theRuleHoldsAskedAgainAndForMoreKeysThanAreRemembered() {
        for (int round = 0; round < 2; round++) {
            assertThat(SECRET_KEYS).allMatch(SecretPropertyNames::looksSecret);
            assertThat(KEPT.keySet()).noneMatch(SecretPropertyNames::looksSecret);
        }
        // Past the bound of remembered keys (a few thousand), and past the remembered length, keys are still judged.
        for (int i = 0; i < 5_000; i++) {
            assertThat(SecretPropertyNames.looksSecret("X" + i + "_PASSWORD")).isTrue();
            assertThat(SecretPropertyNames.looksSecret("X" + i + "_HOST")).isFalse();
        }
        String longKey = "A".repeat(300);
        assertThat(SecretPropertyNames.looksSecret(longKey + "_TOKEN")).isTrue();
        assertThat(SecretPropertyNames.looksSecret(longKey + "_TOKEN_URL")).isFalse();
    }
}
