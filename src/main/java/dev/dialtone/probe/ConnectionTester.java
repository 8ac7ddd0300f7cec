package dev.dialtone.probe;

/** Tests one connection type. Adding a type means adding one implementation and registering it. */
public interface ConnectionTester {

    /** The Glue {@code ConnectionType} this tester serves, e.g. {@code JDBC}. */
    String connectionType();

    /**
     * Checks the definition and prepares the test, without any I/O.
     *
     * @throws InvalidTestInput naming the property and the rule it breaks
     */
    TestPlan plan(TestSubject subject);
}
