package dev.dialtone.glue;

import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.guard.Permissions;
import java.util.Set;

/**
 * What a test may read on the server's side for its caller: the operator's secrets (env:, file:, Secrets
 * Manager) and S3 objects, each read with the server's own rights and sent to a host the caller picks.
 * An authenticated caller needs their policy's permission for each; an unauthenticated one (the laptop
 * mode, where the server cannot tell callers apart) none of them, unless the operator allowed it with
 * {@code --allow-server-secrets}.
 */
public final class ServerSideAccess {
    /** The actions that read the server's secrets and objects; everything else is the caller's own permissions. */
    static final Set<String> SERVER_SIDE_ACTIONS = Set.of("secretsmanager:GetSecretValue", "s3:GetObject");

    private ServerSideAccess() {
    }

    /** The permissions a test runs with for {@code caller}. */
    public static Permissions forCaller(Caller caller, boolean allowedWithoutAuthentication) {
        if (caller.principalArn().isPresent() || allowedWithoutAuthentication) {
            return caller.permissions();
        }
        Permissions own = caller.permissions();
        return (action, resourceArn) -> {
            if (SERVER_SIDE_ACTIONS.contains(action)) {
                throw new NotAuthorized("This Dialtone does not read its own secrets or S3 objects (" + resourceArn
                        + ") for unauthenticated callers: give the credentials or certificate inline, or ask the "
                        + "operator to start it with --allow-server-secrets (DIALTONE_ALLOW_SERVER_SECRETS=true) or "
                        + "with a credentials file.");
            }
            own.require(action, resourceArn);
        };
    }
}
