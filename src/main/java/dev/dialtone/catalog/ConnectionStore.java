package dev.dialtone.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The connection catalog. Every method is scoped by catalog id: a connection in one catalog is
 * invisible from every other. A call that returns has made its change durable.
 */
public interface ConnectionStore extends AutoCloseable {

    /** Stores a new connection; false when the catalog already holds one of that name. */
    boolean create(String catalogId, ConnectionDefinition definition, Map<String, String> tags, Instant now);

    Optional<Connection> get(String catalogId, String name);

    /** Up to {@code limit} connections after {@code afterName} (exclusive) that pass the filter, in name order. */
    ConnectionPage list(String catalogId, ConnectionFilter filter, Optional<String> afterName, int limit);

    /** Replaces the definition of {@code name} (renaming it when the definition's name differs). */
    UpdateOutcome update(String catalogId, String name, ConnectionDefinition definition, Instant now);

    /** False when there was nothing of that name to delete. */
    boolean delete(String catalogId, String name);

    /**
     * Records a test result, unless the connection was deleted or redefined since {@code revision}
     * was read (the result would then describe a definition that no longer exists).
     */
    boolean recordTest(String catalogId, String name, long revision, ConnectionStatus status, String reason,
            Instant when);

    @Override
    void close();

    /** What an update did. */
    enum UpdateOutcome { UPDATED, NOT_FOUND, NEW_NAME_TAKEN }
}
