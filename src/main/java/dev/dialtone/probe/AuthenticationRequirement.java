package dev.dialtone.probe;

/**
 * Glue's rule that connections of a type carry an {@code AuthenticationConfiguration}, declared by the type
 * ({@link ConnectionTypeSpec#authenticationRequirement}) and checked by the {@link TesterRegistry} for every type,
 * wherever a connection is defined or tested: the Glue operations and the CLI alike.
 *
 * @param whenDefined also when a connection is created or updated, not only when it is tested
 * @param how         how connections of the type authenticate, ending the message ("authenticate through OAuth2.")
 */
public record AuthenticationRequirement(boolean whenDefined, String how) {

    /** Glue's unified database connections: BASIC, with a SecretArn. */
    public static final AuthenticationRequirement UNIFIED_DATABASE = whenTested("authenticate with "
            + "AuthenticationConfiguration (AuthenticationType BASIC and a SecretArn naming a secret with username and "
            + "password), as in Glue.");

    /** When a connection is defined or tested; where one is missing, the owner is named, as Glue does. */
    public enum Moment {
        DEFINED,
        TESTED
    }

    /** Required when a connection is tested (Glue's unified database types). */
    public static AuthenticationRequirement whenTested(String how) {
        return new AuthenticationRequirement(false, how);
    }

    /** Required when a connection is created, updated or tested (SALESFORCE). */
    public static AuthenticationRequirement always(String how) {
        return new AuthenticationRequirement(true, how);
    }

    boolean appliesAt(Moment moment) {
        return moment == Moment.TESTED || whenDefined;
    }

    /**
     * @param owner the member holding the AuthenticationConfiguration ("ConnectionInput"), or empty when the
     *              question comes from outside a Glue request
     */
    String refusal(String connectionType, String owner) {
        return "[" + (owner.isEmpty() ? "" : owner + ".") + "AuthenticationConfiguration is required.] "
                + connectionType + " connections " + how;
    }
}
