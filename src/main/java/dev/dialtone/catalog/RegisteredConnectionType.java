package dev.dialtone.catalog;

import java.time.Instant;
import java.util.Map;

/** A REST connection type registered in one catalog: its declaration (RegisterConnectionType's input, JSON). */
public record RegisteredConnectionType(CatalogScope catalog, String name, String declaration, Map<String, String> tags,
        Instant creationTime) {

    public RegisteredConnectionType {
        tags = Map.copyOf(tags);
    }
}
