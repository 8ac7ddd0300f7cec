package dev.dialtone.secrets;

import java.util.Map;
import java.util.Optional;

/**
 * Reading credentials out of a secret's key/value pairs, the same way for every connection type:
 * keys compared without case, in the spellings AWS's rotation templates and Glue's docs use, and an
 * empty value counted as absent.
 */
public final class SecretValues {
    private SecretValues() {
    }

    /** The user name: {@code username}, {@code user} or {@code user_name} (any case). */
    public static Optional<String> username(Map<String, String> values) {
        return first(values, "username", "user", "user_name");
    }

    /** The password: {@code password} (any case). */
    public static Optional<String> password(Map<String, String> values) {
        return first(values, "password");
    }

    /** The value of the first of {@code keys} present with a non-empty value, keys compared without case. */
    public static Optional<String> first(Map<String, String> values, String... keys) {
        for (String key : keys) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(key) && !entry.getValue().isEmpty()) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
