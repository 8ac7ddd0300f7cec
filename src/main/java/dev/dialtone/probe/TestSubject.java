package dev.dialtone.probe;

import dev.dialtone.catalog.AuthenticationConfiguration;
import java.util.Map;
import java.util.Optional;

/** What to test: a connection type with its properties and authentication, stored or inline. */
public record TestSubject(
        String connectionType, Map<String, String> properties, Optional<AuthenticationConfiguration> authentication) {

    public TestSubject {
        properties = Map.copyOf(properties);
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
