package dev.dialtone.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The connection catalog. Every method is scoped by catalog (account and region): a connection in
 * one catalog is invisible from every other. A call that returns has made its change durable.
 */
public interface ConnectionStore extends AutoCloseable {

    /** Stores a new connection; false when the catalog already holds one of that name. */
    boolean create(CatalogScope catalog, ConnectionDefinition definition, Map<String, String> tags, Instant now);

    Optional<Connection> get(CatalogScope catalog, String name);

    /** Up to {@code limit} connections after {@code afterName} (exclusive) that pass the filter, in name order. */
    ConnectionPage list(CatalogScope catalog, ConnectionFilter filter, Optional<String> afterName, int limit);

    /** Replaces the definition of {@code name} (renaming it when the definition's name differs). */
    UpdateOutcome update(CatalogScope catalog, String name, ConnectionDefinition definition, Instant now);

    /** False when there was nothing of that name to delete. Its test history goes with it. */
    boolean delete(CatalogScope catalog, String name);

    /** The tags of a connection; empty when the catalog holds no connection of that name. */
    Optional<Map<String, String>> tags(CatalogScope catalog, String name);

    /**
     * Replaces the tags of a connection with {@code change} applied to its current ones, as one atomic
     * read-modify-write: a concurrent change is never lost. {@code change} may throw to refuse, and then
     * nothing changes.
     *
     * @return the tags now stored; empty when the catalog holds no connection of that name
     */
    Optional<Map<String, String>> changeTags(CatalogScope catalog, String name, UnaryOperator<Map<String, String>> change);

    /** How many test reports are kept per connection. */
    int HISTORY_SIZE = 20;

    /**
     * Records a test result: the status on the connection, unless it was deleted or redefined since
     * {@code revision} was read (the result would describe a definition that no longer exists), and
     * the full report in its history, which keeps the newest {@link #HISTORY_SIZE}.
     */
    boolean recordTest(CatalogScope catalog, String name, long revision, ConnectionStatus status, String reason,
            Instant when, String report);

    /** The kept test reports of a connection, newest first (empty when it has none or does not exist). */
    List<String> testHistory(CatalogScope catalog, String name);

    @Override
    void close();

    /** What an update did. */
    enum UpdateOutcome { UPDATED, NOT_FOUND, NEW_NAME_TAKEN }
}
