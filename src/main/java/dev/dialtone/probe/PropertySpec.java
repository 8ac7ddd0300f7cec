package dev.dialtone.probe;

import java.util.List;
import java.util.Optional;

/**
 * One connection property a tester understands. The testers' declarations are the single source
 * for input checks (presence and the {@link PropertyDecoder decoder}'s rule, applied by the registry before
 * any tester plans), for which keys are secrets (hidden and redacted), and for
 * ListConnectionTypes / DescribeConnectionType.
 *
 * @param required      true only when the property is needed in every case (conditional rules stay in the tester)
 * @param allowedValues when not empty, the value must be one of these (compared without case)
 * @param secret        the value is a credential: never echoed with HidePassword, never in a message
 * @param defaultValue  the value a tester sees when the property is absent (decoded by the same rule)
 * @param decoder       how the text becomes the value the tester reads ({@link TestSubject#flag} and friends)
 */
public record PropertySpec(String name, String description, boolean required, List<String> allowedValues,
        boolean secret, Optional<String> defaultValue, PropertyDecoder decoder) {

    public PropertySpec {
        allowedValues = List.copyOf(allowedValues);
        if (!allowedValues.isEmpty() && decoder instanceof PropertyDecoder.Text) {
            decoder = PropertyDecoder.choice(allowedValues);
        }
    }

    /** A text property, or a choice when {@code allowedValues} is not empty. */
    public PropertySpec(String name, String description, boolean required, List<String> allowedValues,
            boolean secret, Optional<String> defaultValue) {
        this(name, description, required, allowedValues, secret, defaultValue, PropertyDecoder.TEXT);
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

    /** {@code true} or {@code false}; absent means {@code defaultValue}. */
    public static PropertySpec flag(String name, String description, boolean defaultValue) {
        return new PropertySpec(name, description, false, List.of("true", "false"), false,
                Optional.of(String.valueOf(defaultValue)), PropertyDecoder.FLAG);
    }

    /** A TCP port, optional and without a default. */
    public static PropertySpec port(String name, String description) {
        return new PropertySpec(name, description, false, List.of(), false, Optional.empty(), PropertyDecoder.PORT);
    }

    /** A TCP port that is {@code defaultPort} when absent. */
    public static PropertySpec port(String name, String description, int defaultPort) {
        return new PropertySpec(name, description, false, List.of(), false, Optional.of(String.valueOf(defaultPort)),
                PropertyDecoder.PORT);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static PropertySpec integer(String name, String description, int min, int max) {
        return new PropertySpec(name, description, false, List.of(), false, Optional.empty(),
                PropertyDecoder.range(min, max));
    }

    /** An absolute URL of one of {@code schemes}, with a host and no user information. */
    public static PropertySpec url(String name, String description, String... schemes) {
        return new PropertySpec(name, description, false, List.of(), false, Optional.empty(),
                PropertyDecoder.url(schemes));
    }

    /** The same property, needed in every case. */
    public PropertySpec mandatory() {
        return new PropertySpec(name, description, true, allowedValues, secret, defaultValue, decoder);
    }

    /** The same property with another default. */
    public PropertySpec withDefault(String value) {
        return new PropertySpec(name, description, required, allowedValues, secret, Optional.of(value), decoder);
    }
}
