package dev.dialtone.probe.untestable;

import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.UntestableType;
import java.util.List;

/**
 * A connection type Glue documents that Dialtone cannot honestly test here: its properties are declared (so
 * validation, HidePassword and DescribeConnectionType know them), and a test is refused saying why and what
 * Dialtone can check instead, without marking the connection FAILED. Never a success it did not earn.
 */
record DescribedType(String connectionType, String displayName, String reason, String instead,
        List<String> authenticationTypes, List<PropertySpec> properties) implements UntestableType {

    DescribedType {
        authenticationTypes = List.copyOf(authenticationTypes);
        properties = List.copyOf(properties);
    }
}
