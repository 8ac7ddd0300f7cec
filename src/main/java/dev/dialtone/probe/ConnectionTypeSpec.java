package dev.dialtone.probe;

import java.util.List;

/**
 * A Glue connection type as Dialtone knows it: what it is and the properties it takes, whether Dialtone can
 * test it ({@link ConnectionTester}) or not ({@link UntestableType}). One class per type, listed once in
 * {@code ProbeAssembly}; its declarations feed validation, redaction and the connection-type operations.
 */
public interface ConnectionTypeSpec {

    /** The Glue {@code ConnectionType}, e.g. {@code JDBC}. */
    String connectionType();

    /** A short human name, e.g. "JDBC database". */
    String displayName();

    /** What the test does (or why there is none), in one or two sentences. */
    String description();

    /** Glue {@code AuthenticationType} values this type accepts (BASIC, OAUTH2, CUSTOM, IAM). */
    List<String> authenticationTypes();

    /** The properties this type takes. */
    List<PropertySpec> properties();

    /**
     * Whether Glue requires an {@code AuthenticationConfiguration} for this type, and when; the registry checks it
     * for every type, before any test and (for a requirement {@code whenDefined}) when a connection is defined.
     */
    default java.util.Optional<AuthenticationRequirement> authenticationRequirement() {
        return java.util.Optional.empty();
    }

    /** Whether the registry refuses a test of this type without an {@code AuthenticationConfiguration}. */
    default boolean requiresAuthenticationConfiguration() {
        return authenticationRequirement().isPresent();
    }
}
