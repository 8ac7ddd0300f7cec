package dev.dialtone.probe;

import java.util.List;

/**
 * Tests one connection type. Adding a type means adding one implementation and registering it;
 * its declarations (properties, authentication types) feed validation, redaction and the
 * connection-type operations.
 */
public interface ConnectionTester {

    /** The Glue {@code ConnectionType} this tester serves, e.g. {@code JDBC}. */
    String connectionType();

    /** A short human name, e.g. "JDBC database". */
    String displayName();

    /** What the test does, in one or two sentences. */
    String description();

    /** Glue {@code AuthenticationType} values this tester accepts (BASIC, OAUTH2, CUSTOM, IAM). */
    List<String> authenticationTypes();

    /** The properties this tester understands. */
    List<PropertySpec> properties();

    /**
     * Checks the definition and prepares the test, without any I/O. Declared allowed values and
     * strictly required properties are already checked when this is called.
     *
     * @throws InvalidTestInput naming the property and the rule it breaks
     */
    TestPlan plan(TestSubject subject);
}
