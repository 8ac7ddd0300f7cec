package dev.dialtone.probe;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.guard.Permissions;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What to test: a connection type with its properties and authentication, stored or inline, and what the
 * caller may read on the server's side for it (secrets, S3 objects): every secret and S3 read a tester makes
 * for the test asks {@code permissions} first.
 */
public record TestSubject(String connectionType, Map<String, String> properties,
        Optional<AuthenticationConfiguration> authentication, Permissions permissions, DeclaredValues declared) {

    public TestSubject {
        properties = Map.copyOf(properties);
    }

    /** A subject as a caller gives it, its properties not decoded yet (the registry does that). */
    public TestSubject(String connectionType, Map<String, String> properties,
            Optional<AuthenticationConfiguration> authentication, Permissions permissions) {
        this(connectionType, properties, authentication, permissions, DeclaredValues.UNDECODED);
    }

    /**
     * A test run by the operator themself (the {@code dialtone test} command, in-process): the server-side
     * sources are theirs, so nothing is refused. The server never uses this form for a caller's request.
     */
    public TestSubject(String connectionType, Map<String, String> properties,
            Optional<AuthenticationConfiguration> authentication) {
        this(connectionType, properties, authentication, Permissions.unrestricted());
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** The same subject with its declared properties decoded. */
    public TestSubject withDeclared(DeclaredValues values) {
        return new TestSubject(connectionType, properties, authentication, permissions, values);
    }

    /** A declared flag's value (its default when absent; false when it has none). */
    public boolean flag(String key) {
        return declared.get(key, Boolean.class).orElse(false);
    }

    /** A declared port or number (its default when absent). */
    public Optional<Integer> integer(String key) {
        return declared.get(key, Integer.class);
    }

    /** A declared choice, in its declared spelling (its default when absent). */
    public Optional<String> choice(String key) {
        return declared.get(key, String.class);
    }

    /** A declared URL (its default when absent). */
    public Optional<URI> url(String key) {
        return declared.url(key);
    }
}
