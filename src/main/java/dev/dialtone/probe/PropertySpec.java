package dev.dialtone.probe;

import java.util.List;
import java.util.Optional;

/**
 * One connection property a tester understands. The testers' declarations are the single source
 * for input checks, for which keys are secrets (hidden and redacted), and for
 * ListConnectionTypes / DescribeConnectionType.
 *
 * @param required      true only when the property is needed in every case (conditional rules stay in the tester)
 * @param allowedValues when not empty, the value must be one of these (compared without case)
 * @param secret        the value is a credential: never echoed with HidePassword, never in a message
 */
public record PropertySpec(String name, String description, boolean required, List<String> allowedValues,
        boolean secret, Optional<String> defaultValue) {

    public PropertySpec {
        allowedValues = List.copyOf(allowedValues);
    }

    public static PropertySpec optional(String name, String description) {
        return new PropertySpec(name, description, false, List.of(), false, Optional.empty());
    }

    public static PropertySpec required(String name, String description) {
        return new PropertySpec(name, description, true, List.of(), false, Optional.empty());
    }

    public static PropertySpec secret(String name, String description) {
        return new PropertySpec(name, description, false, List.of(), true, Optional.empty());
    }

    public static PropertySpec choice(String name, String description, String defaultValue, String... values) {
        return new PropertySpec(name, description, false, List.of(values), false,
                Optional.ofNullable(defaultValue));
    }
}
