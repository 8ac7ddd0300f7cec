package dev.dialtone.probe;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded values of the properties a tester declares (defaults included), made by the registry before
 * the tester plans. Reading a property the tester did not declare with that decoder is a programming error.
 */
public record DeclaredValues(Map<String, Object> values, boolean decoded) {
    /** Not decoded yet: a subject made outside the registry. */
    public static final DeclaredValues UNDECODED = new DeclaredValues(Map.of(), false);

    public DeclaredValues {
        values = Map.copyOf(values);
    }

    public static DeclaredValues of(Map<String, Object> values) {
        return new DeclaredValues(values, true);
    }

    <T> Optional<T> get(String key, Class<T> type) {
        if (!decoded) {
            throw new IllegalStateException("properties are decoded by the TesterRegistry before a tester plans");
        }
        Object value = values.get(key);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalStateException(key + " is not declared as " + type.getSimpleName());
        }
        return Optional.ofNullable(type.cast(value));
    }

    Optional<URI> url(String key) {
        return get(key, URI.class);
    }
}
