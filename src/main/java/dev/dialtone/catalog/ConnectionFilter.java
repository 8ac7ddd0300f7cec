package dev.dialtone.catalog;

import java.util.List;
import java.util.Optional;

/**
 * GetConnections' {@code Filter}. All given criteria must hold; every listed match criterion must
 * be among the connection's own.
 */
public record ConnectionFilter(
        Optional<String> connectionType, List<String> matchCriteria, Optional<Integer> schemaVersion) {

    public static final ConnectionFilter NONE = new ConnectionFilter(Optional.empty(), List.of(), Optional.empty());

    public ConnectionFilter {
        matchCriteria = List.copyOf(matchCriteria);
    }

    public boolean matches(ConnectionDefinition definition) {
        return connectionType.map(type -> type.equals(definition.connectionType())).orElse(true)
                && schemaVersion.map(version -> version == definition.schemaVersion()).orElse(true)
                && definition.matchCriteria().containsAll(matchCriteria);
    }
}
