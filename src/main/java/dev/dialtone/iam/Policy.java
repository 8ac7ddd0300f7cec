package dev.dialtone.iam;

import java.util.List;

/** An identity-based policy: its statements, evaluated as IAM does (explicit deny, then allow, else deny). */
public record Policy(List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    public Decision evaluate(String action, String resource, RequestFacts facts) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.applies(action, resource, facts)) {
                if (statement.effect() == Effect.DENY) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
