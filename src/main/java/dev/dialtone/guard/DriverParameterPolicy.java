package dev.dialtone.guard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The driver parameters a user may set for one JDBC driver: an allow-list, plus the reasons for
 * refusing the parameters known to be dangerous (class loading, file access, deserialisation).
 *
 * <p>Keys are compared case-insensitively in {@link Locale#ROOT} after the caller percent-decoded
 * them, because drivers accept {@code SOCKETfactory} and {@code %73ocketFactory} alike.
 */
public final class DriverParameterPolicy {
    private final String driverName;
    private final Map<String, String> allowed = new LinkedHashMap<>();
    private final Map<String, String> refusedReasons = new LinkedHashMap<>();

    private DriverParameterPolicy(String driverName) {
        this.driverName = driverName;
    }

    public static DriverParameterPolicy forDriver(String driverName) {
        return new DriverParameterPolicy(driverName);
    }

    /** Allows these parameters, spelled as the driver expects them. */
    public DriverParameterPolicy allow(String... canonicalNames) {
        for (String name : canonicalNames) {
            allowed.put(fold(name), name);
        }
        return this;
    }

    /** Refuses these parameters, giving {@code reason} (e.g. "makes the driver load a class"). */
    public DriverParameterPolicy refuse(String reason, String... names) {
        for (String name : names) {
            refusedReasons.put(fold(name), reason);
        }
        return this;
    }

    /**
     * Checks user-given parameters and returns them under the driver's own spelling.
     *
     * @throws IllegalArgumentException naming the first parameter that is not allowed, and why
     */
    public Map<String, String> check(Map<String, String> parameters) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = fold(parameter.getKey());
            String reason = refusedReasons.get(key);
            if (reason != null) {
                throw new IllegalArgumentException("The " + driverName + " driver parameter '" + parameter.getKey()
                        + "' is not allowed: it " + reason + ".");
            }
            if (!allowed.containsKey(key)) {
                throw new IllegalArgumentException("The " + driverName + " driver parameter '" + parameter.getKey()
                        + "' is not on Dialtone's allow-list for this driver. Allowed: "
                        + String.join(", ", new TreeSet<>(allowed.values())) + ".");
            }
            result.put(allowed.get(key), parameter.getValue());
        }
        return result;
    }

    public Set<String> allowedNames() {
        return Set.copyOf(allowed.values());
    }

    private static String fold(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
