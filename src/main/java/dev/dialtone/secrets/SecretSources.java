package dev.dialtone.secrets;

import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The secret store Dialtone uses, choosing the source by the form of the id: {@code env:NAME} an
 * environment variable, {@code file:NAME} a file in the secrets directory, anything else a Secrets
 * Manager secret name or ARN.
 *
 * <p>Each source holds the operator's secrets, read on a caller's behalf, so the caller must be allowed
 * {@value #ACTION} on the secret's resource ARN before anything is read (cached values included):
 * the ARN itself for a Secrets Manager ARN, {@code arn:aws:secretsmanager:<region>:<AWS_ACCOUNT_ID>:secret:<name>}
 * for a name, {@code arn:dialtone:secret:env/NAME} and {@code arn:dialtone:secret:file/NAME} for the others.
 */
public final class SecretSources implements SecretStore {
    /** The action every secret read needs, whatever the source. */
    public static final String ACTION = "secretsmanager:GetSecretValue";
    private static final int LONGEST_ID = 2048;
    private final SecretSource environment;
    private final SecretSource files;
    private final SecretSource secretsManager;
    private final SecretStore reads;

    SecretSources(SecretSource environment, SecretSource files, SecretSource secretsManager, Duration ttl,
            Clock clock) {
        this.environment = environment;
        this.files = files;
        this.secretsManager = secretsManager;
        // The cache sits below the authorization: a cached value is handed only to a caller allowed to read it.
        this.reads = CachingSecretStore.withTtl((id, ignored) -> SecretJson.parse(id, source(id).text(id, name(id))),
                ttl, clock);
    }

    /** Every source, as configured; the sources not configured explain themselves when used. */
    public static SecretSources of(EnvironmentSecrets environment, FileSecrets files,
            SecretsManagerSecrets secretsManager, Duration ttl, Clock clock) {
        return new SecretSources(environment, files, secretsManager, ttl, clock);
    }

    @Override
    public Map<String, String> read(String secretId, Permissions permissions) {
        String id = secretId.trim();
        if (id.isEmpty() || id.length() > LONGEST_ID) {
            throw new InvalidTestInput("SECRET_ID must be a secret name, ARN, env:NAME or file:NAME of at most "
                    + LONGEST_ID + " characters.");
        }
        permissions.require(ACTION, source(id).resource(id, name(id)));
        return reads.read(id, permissions);
    }

    private SecretSource source(String id) {
        if (id.startsWith("env:")) {
            return environment;
        }
        return id.startsWith("file:") ? files : secretsManager;
    }

    private static String name(String id) {
        if (id.startsWith("env:")) {
            return id.substring(4);
        }
        return id.startsWith("file:") ? id.substring(5) : id;
    }
}
