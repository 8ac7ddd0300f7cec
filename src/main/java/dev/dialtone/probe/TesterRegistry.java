package dev.dialtone.probe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The testers Dialtone has, by connection type. */
public final class TesterRegistry {
    private final Map<String, ConnectionTester> byType = new TreeMap<>();

    public TesterRegistry(List<ConnectionTester> testers) {
        for (ConnectionTester tester : testers) {
            String type = tester.connectionType().toUpperCase(Locale.ROOT);
            if (byType.putIfAbsent(type, tester) != null) {
                throw new IllegalArgumentException("two testers for connection type " + type);
            }
        }
    }

    public Optional<ConnectionTester> find(String connectionType) {
        return Optional.ofNullable(byType.get(connectionType.toUpperCase(Locale.ROOT)));
    }

    public SortedSet<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
