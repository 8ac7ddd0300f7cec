package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.InvalidTestInput;

/** Reaches the package-private parts of {@link SecretsManagerSecrets} for tests in other packages. */
public final class SecretsManagerSecretsAccess {
    private SecretsManagerSecretsAccess() {
    }

    /** A name and an ARN, looked up without an AWS identity: refused, naming what to configure. */
    public static void assertNoIdentityRefusal(AwsSettings settings) {
        try (SecretsManagerSecrets secrets = new SecretsManagerSecrets(settings)) {
            for (String id : new String[] {"ops/sales", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ops"}) {
                assertThatThrownBy(() -> secrets.text(id, id)).isInstanceOf(InvalidTestInput.class)
                        .hasMessageContaining("has no AWS identity configured").hasMessageContaining("AWS_PROFILE");
            }
        }
    }
}
