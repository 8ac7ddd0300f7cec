package dev.dialtone.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stored connection: its definition plus what the catalog knows about it.
 *
 * @param revision increases on every update, so a test result is recorded only on the definition it tested
 */
public record Connection(
        CatalogScope catalog,
        ConnectionDefinition definition,
        Map<String, String> tags,
        long revision,
        Instant creationTime,
        Instant lastUpdatedTime,
        ConnectionStatus status,
        Optional<String> statusReason,
        Optional<Instant> lastConnectionValidationTime) {

    public Connection {
        tags = Map.copyOf(tags);
    }

    public String name() {
        return definition.name();
    }
}
