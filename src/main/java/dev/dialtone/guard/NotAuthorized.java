package dev.dialtone.guard;

/**
 * A caller's policy does not allow an action on a resource. The message is AWS's:
 * {@code User: <arn> is not authorized to perform: <action> on resource: <arn>}; the wire answers it
 * as {@code AccessDeniedException}.
 */
public final class NotAuthorized extends RuntimeException {
    public NotAuthorized(String principalArn, String action, String resourceArn) {
        super("User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resourceArn,
                null, false, false);
    }

    /** A refusal worded by the caller (for example with an explicit-deny note). */
    public NotAuthorized(String message) {
        super(message, null, false, false);
    }
}
