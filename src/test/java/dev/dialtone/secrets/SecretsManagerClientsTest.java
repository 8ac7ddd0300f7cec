package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.probe.InvalidTestInput;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A caller names the region in a secret's ARN: 1 000 tests naming 1 000 made-up regions leave at most a
 * few Secrets Manager clients alive, and every request goes to the loopback stand-in.
 */
class SecretsManagerClientsTest {

    private static String region(int i) {
        return "zz-" + (char) ('a' + i / 676) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "-1";
    }

    @Test
    void athousandRegionsLeaveAtMostTheBoundOfClientsAlive() {
        try (FakeSecretsManager fake = FakeSecretsManager.start();
                SecretsManagerSecrets secrets = new SecretsManagerSecrets(new AwsSettings(Map.of(
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.endpoint(), "AWS_ACCESS_KEY_ID", "AKIDDIALTONETEST",
                        "AWS_SECRET_ACCESS_KEY", "dialtone-test-only"), Duration.ofSeconds(5)))) {
            fake.put("ops/sales", "{\"username\":\"ops\",\"password\":\"p\"}");
            int most = 0;
            for (int i = 0; i < 1000; i++) {
                String arn = "arn:aws:secretsmanager:" + region(i) + ":123456789012:secret:ops/sales";
                assertThat(secrets.text(arn, arn)).contains("\"username\"");
                most = Math.max(most, secrets.liveClients());
            }
            assertThat(most).isLessThanOrEqualTo(SecretsManagerSecrets.CLIENTS);
            assertThat(fake.authorizations()).hasSize(1000);

            String odd = "arn:aws:secretsmanager:not_a_region!:123456789012:secret:ops/sales";
            assertThatThrownBy(() -> secrets.text(odd, odd)).isInstanceOf(InvalidTestInput.class)
                    .hasMessageContaining("is not a Secrets Manager secret ARN");
            assertThat(fake.authorizations()).hasSize(1000);
        }
    }
}
