package dev.dialtone.guard;

/**
 * What the caller of a request may do, IAM-style: an action ({@code glue:TestConnection},
 * {@code secretsmanager:GetSecretValue}, {@code s3:GetObject}) on a resource ARN. The wire decides
 * it per caller; the operations and the probe ask it before they act on the caller's behalf.
 */
@FunctionalInterface
public interface Permissions {

    /**
     * @throws NotAuthorized when the caller may not, with AWS's own wording of the refusal
     */
    void require(String action, String resourceArn);

    /** The laptop mode, where the server does not know who calls: nothing is refused here. */
    static Permissions unrestricted() {
        return (action, resourceArn) -> { };
    }
}
