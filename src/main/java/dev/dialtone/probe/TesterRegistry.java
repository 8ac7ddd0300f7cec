package dev.dialtone.probe;

import dev.dialtone.guard.SecretPropertyNames;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The connection types Dialtone knows, by name: those it can test (a {@link ConnectionTester}) and those it
 * only describes ({@link UntestableType}), and what their declarations say about properties.
 */
public final class TesterRegistry {
    private final Map<String, ConnectionTypeSpec> byType = new TreeMap<>();
    private final Map<String, Set<String>> secretKeysByType = new java.util.concurrent.ConcurrentHashMap<>();
    // The secret property names of a type registered in some catalog (RegisterConnectionType), read from the
    // catalog on each question: set once the catalog is open; none before.
    private volatile java.util.function.Function<String, Set<String>> registeredSecrets = type -> Set.of();

    /** One entry per type; a type listed twice is a programming error. */
    public TesterRegistry(List<? extends ConnectionTypeSpec> types) {
        for (ConnectionTypeSpec spec : types) {
            String type = spec.connectionType().toUpperCase(Locale.ROOT);
            if (byType.putIfAbsent(type, spec) != null) {
                throw new IllegalArgumentException("two declarations for connection type " + type);
            }
        }
    }

    /**
     * Makes {@link #isSecret} consult the registered types too: {@code secretKeys} names a registered type's
     * SECRET and SECRET_OR_USER_INPUT properties, from the catalog (no copy is kept here).
     */
    public void consultRegistered(java.util.function.Function<String, Set<String>> secretKeys) {
        this.registeredSecrets = secretKeys;
    }

    /** The tester of a type Dialtone can test. */
    public Optional<ConnectionTester> find(String connectionType) {
        return declared(connectionType).filter(ConnectionTester.class::isInstance).map(ConnectionTester.class::cast);
    }

    /** What Dialtone knows of a type, testable or not. */
    public Optional<ConnectionTypeSpec> declared(String connectionType) {
        return Optional.ofNullable(byType.get(connectionType.toUpperCase(Locale.ROOT)));
    }

    /** The types Dialtone can test. */
    public SortedSet<String> types() {
        return testers().stream().map(tester -> tester.connectionType().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** All testers, in connection-type order. */
    public List<ConnectionTester> testers() {
        return byType.values().stream().filter(ConnectionTester.class::isInstance).map(ConnectionTester.class::cast)
                .toList();
    }

    /** Every type Dialtone knows, testable or not, in connection-type order. */
    public List<ConnectionTypeSpec> declarations() {
        return List.copyOf(byType.values());
    }

    /**
     * The tester for a subject, or why there is none: a type Dialtone describes but cannot test says why and
     * what to check instead; an unknown type names the testable ones.
     *
     * @throws NotTestable when Dialtone cannot run a test of this type
     */
    public ConnectionTester testerFor(String connectionType) {
        Optional<ConnectionTypeSpec> spec = declared(connectionType);
        if (spec.isPresent() && spec.get() instanceof ConnectionTester tester) {
            return tester;
        }
        if (spec.isPresent() && spec.get() instanceof UntestableType untestable) {
            throw new NotTestable(untestable.description());
        }
        throw new NotTestable("Connection type " + connectionType + " cannot be tested yet; the types Dialtone can "
                + "test are: " + String.join(", ", types()) + ".");
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
        if (declared(connectionType).map(spec -> secretKeysOf(spec).contains(normalised)).orElse(false)) {
            return true;
        }
        return connectionType.regionMatches(true, 0, "REST-", 0, 5) && registeredSecrets.apply(connectionType)
                .stream().map(SecretPropertyNames::normalised).anyMatch(normalised::equals);
    }

    /** The values of a definition's secret properties, for redaction. */
    public Set<String> secretValues(TestSubject subject) {
        return subject.properties().entrySet().stream()
                .filter(entry -> isSecret(subject.connectionType(), entry.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.toSet());
    }

    /**
     * Why a connection of this type may not be defined or tested without an AuthenticationConfiguration, when its
     * declaration says so (empty for a type Dialtone does not know: the caller says what it makes of that).
     *
     * @param owner the member that lacks it, for the message ("ConnectionInput", "TestConnectionInput")
     */
    public Optional<String> missingAuthentication(String connectionType, boolean hasAuthentication, String owner,
            AuthenticationRequirement.Moment moment) {
        return declared(connectionType).flatMap(spec -> missingAuthentication(spec, hasAuthentication, owner, moment));
    }

    private static Optional<String> missingAuthentication(ConnectionTypeSpec spec, boolean hasAuthentication,
            String owner, AuthenticationRequirement.Moment moment) {
        return spec.authenticationRequirement().filter(requirement -> !hasAuthentication
                && requirement.appliesAt(moment)).map(requirement -> requirement.refusal(spec.connectionType(), owner));
    }

    /**
     * Checks what the declarations say, before the tester sees the subject: an AuthenticationConfiguration where
     * Glue requires one, strictly required properties present, and every declared property's value (or default)
     * decoded by its rule; the subject returned carries the decoded values.
     *
     * @throws InvalidTestInput naming the property and the rule it breaks
     */
    public static TestSubject decode(ConnectionTester tester, TestSubject subject) {
        Optional<String> missing = missingAuthentication(tester, subject.authentication().isPresent(), "",
                AuthenticationRequirement.Moment.TESTED);
        if (missing.isPresent()) {
            throw new InvalidTestInput(missing.get());
        }
        Map<String, Object> values = new HashMap<>();
        for (PropertySpec spec : tester.properties()) {
            Optional<String> given = subject.property(spec.name()).map(String::trim);
            if (spec.required() && given.filter(value -> !value.isEmpty()).isEmpty()) {
                throw new InvalidTestInput(tester.connectionType() + " connections need " + spec.name() + " ("
                        + spec.description() + ").");
            }
            Optional<String> text = given.or(spec::defaultValue);
            if (text.isEmpty()) {
                continue;
            }
            try {
                values.put(spec.name(), spec.decoder().decode(text.get()));
            } catch (PropertyDecoder.Refused refused) {
                String shown = spec.secret() ? "****" : text.get();
                if (spec.decoder() instanceof PropertyDecoder.Choice choice) {
                    // A value Glue may know (another SASL mechanism, another engine) that Dialtone cannot test.
                    throw new InvalidTestInput(spec.name() + " '" + shown + "' cannot be tested; the values Dialtone "
                            + "can test are: " + String.join(", ", new TreeSet<>(choice.values())) + ".");
                }
                throw new InvalidTestInput(spec.name() + " must be " + spec.decoder().rule() + " (got '" + shown
                        + "').");
            }
        }
        return subject.withDeclared(DeclaredValues.of(values));
    }

    /**
     * A known type's secret property names, worked out once per type (they are asked for on every test and every
     * read of a definition), when first asked for: a built-in SaaS type's declaration is read only then.
     */
    private Set<String> secretKeysOf(ConnectionTypeSpec spec) {
        return secretKeysByType.computeIfAbsent(spec.connectionType().toUpperCase(Locale.ROOT),
                type -> secretKeys(spec));
    }

    private static Set<String> secretKeys(ConnectionTypeSpec spec) {
        return spec.properties().stream().filter(PropertySpec::secret).map(PropertySpec::name)
                .map(SecretPropertyNames::normalised).collect(Collectors.toSet());
    }
}
