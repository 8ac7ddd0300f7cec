package dev.dialtone.probe;

import dev.dialtone.guard.SecretPropertyNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The testers Dialtone has, by connection type, and what their declarations say about properties. */
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

    /** All testers, in connection-type order. */
    public List<ConnectionTester> testers() {
        return List.copyOf(byType.values());
    }

    /**
     * Whether a property of a connection of this type holds a secret: every key the type's tester declares
     * secret (compared trimmed and without case), and every key whose form names a secret
     * ({@link SecretPropertyNames}: ending in PASSWORD as Glue's own rule, or a PASSWORD, PASSWD, PWD, SECRET,
     * TOKEN, PRIVATE_KEY, PASSPHRASE, CREDENTIAL or API_KEY part, references such as SECRET_ID excepted).
     * The one predicate for HidePassword, redaction and what is encrypted at rest.
     */
    public boolean isSecret(String connectionType, String key) {
        if (SecretPropertyNames.looksSecret(key)) {
            return true;
        }
        String normalised = SecretPropertyNames.normalised(key);
        return find(connectionType).map(tester -> secretKeys(tester).contains(normalised)).orElse(false);
    }

    /** The values of a definition's secret properties, for redaction. */
    public Set<String> secretValues(TestSubject subject) {
        return subject.properties().entrySet().stream()
                .filter(entry -> isSecret(subject.connectionType(), entry.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.toSet());
    }

    /**
     * Checks what the declarations say: strictly required properties are present, and values with
     * a fixed set of choices are among them.
     */
    static void checkDeclared(ConnectionTester tester, TestSubject subject) {
        for (PropertySpec spec : tester.properties()) {
            Optional<String> value = subject.property(spec.name());
            if (spec.required() && value.isEmpty()) {
                throw new InvalidTestInput(tester.connectionType() + " connections need " + spec.name() + " ("
                        + spec.description() + ").");
            }
            if (value.isPresent() && !spec.allowedValues().isEmpty()
                    && spec.allowedValues().stream().noneMatch(allowed -> allowed.equalsIgnoreCase(value.get().trim()))) {
                throw new InvalidTestInput(spec.name() + " '" + (spec.secret() ? "****" : value.get())
                        + "' cannot be tested; the values Dialtone can test are: "
                        + String.join(", ", new TreeSet<>(spec.allowedValues())) + ".");
            }
        }
    }

    private static Set<String> secretKeys(ConnectionTester tester) {
        return tester.properties().stream().filter(PropertySpec::secret).map(PropertySpec::name)
                .map(SecretPropertyNames::normalised).collect(Collectors.toSet());
    }
}
