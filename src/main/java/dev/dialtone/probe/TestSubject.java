package dev.dialtone.probe;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.guard.Permissions;
import java.util.Map;
import java.util.Optional;

/**
 * What to test: a connection type with its properties and authentication, stored or inline, and what the
 * caller may read on the server's side for it (secrets, S3 objects): every secret and S3 read a tester makes
 * for the test asks {@code permissions} first.
 */
public record TestSubject(String connectionType, Map<String, String> properties,
        Optional<AuthenticationConfiguration> authentication, Permissions permissions) {

    public TestSubject {
        properties = Map.copyOf(properties);
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
}
