package dev.dialtone.secrets;

import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import java.util.Map;

/**
 * Resolves a {@code SECRET_ID} (or an AuthenticationConfiguration {@code SecretArn}) to the
 * key/value pairs the secret holds, e.g. {@code username} and {@code password}, for a caller who must be
 * allowed to read it.
 */
@FunctionalInterface
public interface SecretStore {

    /** No secret source configured: every id is reported as unresolvable. */
    SecretStore NONE = (secretId, permissions) -> {
        throw new InvalidTestInput("SECRET_ID '" + secretId + "' cannot be resolved: this Dialtone has no secret "
                + "store configured. Give the credentials inline instead.");
    };

    /**
     * @param permissions what the caller may read; asked before anything is read
     * @throws InvalidTestInput naming the secret id and the problem (missing, denied, malformed), never its value
     * @throws dev.dialtone.guard.NotAuthorized when the caller may not read the secret
     */
    Map<String, String> read(String secretId, Permissions permissions);
}
