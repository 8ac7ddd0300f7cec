package dev.dialtone.iam;

import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.guard.Permissions;

/**
 * What an authenticated caller may do: its principal's policy, evaluated for each action and
 * resource with the request's facts. Any action and resource string is evaluated the same way, so
 * {@code glue:*}, {@code secretsmanager:GetSecretValue} or {@code s3:GetObject} all work.
 */
public record PolicyPermissions(Policy policy, RequestFacts facts) implements Permissions {

    @Override
    public void require(String action, String resourceArn) {
        Decision decision = policy.evaluate(action, resourceArn, facts);
        if (decision == Decision.ALLOW) {
            return;
        }
        String refusal = "User: " + facts.principalArn() + " is not authorized to perform: " + action + " on resource: "
                + resourceArn;
        // AWS's own wording says when a Deny statement, rather than the lack of an Allow, refused it.
        throw new NotAuthorized(decision == Decision.EXPLICIT_DENY
                ? refusal + " with an explicit deny in an identity-based policy" : refusal);
    }
}
