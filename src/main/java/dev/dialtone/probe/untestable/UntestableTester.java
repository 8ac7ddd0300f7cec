package dev.dialtone.probe.untestable;

import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import java.util.List;

/**
 * A connection type Glue documents that Dialtone cannot honestly test here: its properties are declared (so
 * validation, HidePassword and DescribeConnectionType know them), and a test answers InvalidInputException
 * saying why and what Dialtone can check instead. Never a success it did not earn.
 */
public final class UntestableTester implements ConnectionTester {
    private final String type;
    private final String displayName;
    private final String why;
    private final List<String> authenticationTypes;
    private final List<PropertySpec> properties;

    UntestableTester(String type, String displayName, String why, List<String> authenticationTypes,
            List<PropertySpec> properties) {
        this.type = type;
        this.displayName = displayName;
        this.why = why;
        this.authenticationTypes = List.copyOf(authenticationTypes);
        this.properties = List.copyOf(properties);
    }

    @Override
    public String connectionType() {
        return type;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String description() {
        return "Not testable by Dialtone: " + why;
    }

    @Override
    public List<String> authenticationTypes() {
        return authenticationTypes;
    }

    @Override
    public List<PropertySpec> properties() {
        return properties;
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        throw new InvalidTestInput(type + " connections cannot be tested by Dialtone: " + why);
    }
}
