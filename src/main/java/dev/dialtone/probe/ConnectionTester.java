package dev.dialtone.probe;

/**
 * Tests one connection type. Adding a type means adding one implementation and listing it in
 * {@code ProbeAssembly}; its declarations (properties, authentication types) feed validation, redaction and
 * the connection-type operations, and {@code TesterContractTest} holds it to the behaviours every tester has.
 */
public interface ConnectionTester extends ConnectionTypeSpec {

    /**
     * Checks the definition and prepares the test, without any I/O. Strictly required properties are present
     * and every declared property is decoded (read them with {@link TestSubject#flag}, {@link TestSubject#integer},
     * {@link TestSubject#choice}, {@link TestSubject#url}) when this is called.
     *
     * @throws InvalidTestInput naming the property and the rule it breaks
     */
    TestPlan plan(TestSubject subject);
}
