package dev.dialtone.secrets;

import dev.dialtone.probe.InvalidTestInput;
import java.util.Map;

/**
 * The secret store Dialtone uses, choosing the source by the form of the id: {@code env:NAME} an
 * environment variable, {@code file:NAME} a file in the secrets directory, anything else a Secrets
 * Manager secret name or ARN.
 */
public final class SecretSources implements SecretStore {
    private static final int LONGEST_ID = 2048;
    private final SecretSource environment;
    private final SecretSource files;
    private final SecretSource secretsManager;

    SecretSources(SecretSource environment, SecretSource files, SecretSource secretsManager) {
        this.environment = environment;
        this.files = files;
        this.secretsManager = secretsManager;
    }

    /** Every source, as configured; the sources not configured explain themselves when used. */
    public static SecretSources of(EnvironmentSecrets environment, FileSecrets files,
            SecretsManagerSecrets secretsManager) {
        return new SecretSources(environment, files, secretsManager);
    }

    @Override
    public Map<String, String> read(String secretId) {
        String id = secretId.trim();
        if (id.isEmpty() || id.length() > LONGEST_ID) {
            throw new InvalidTestInput("SECRET_ID must be a secret name, ARN, env:NAME or file:NAME of at most "
                    + LONGEST_ID + " characters.");
        }
        String text;
        if (id.startsWith("env:")) {
            text = environment.text(id, id.substring(4));
        } else if (id.startsWith("file:")) {
            text = files.text(id, id.substring(5));
        } else {
            text = secretsManager.text(id, id);
        }
        return SecretJson.parse(id, text);
    }
}
