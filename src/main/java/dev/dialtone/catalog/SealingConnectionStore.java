package dev.dialtone.catalog;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.Optional;

/**
 * The sealing layer every {@link ConnectionStore} gets: secret values are sealed on the way in and
 * opened on the way out, so the store underneath (SQLite today, PostgreSQL later) only ever sees and
 * writes ciphertext. Each value is bound to its catalog, region, connection name and field; a rename
 * reseals under the new name, because UpdateConnection hands over the whole clear definition.
 */
final class SealingConnectionStore implements ConnectionStore {
    private final ConnectionStore sealed;
    private final Sealer sealer;
    private final SecretFields fields;

    SealingConnectionStore(ConnectionStore sealed, Sealer sealer, SecretProperties secretProperties) {
        this.sealed = sealed;
        this.sealer = sealer;
        this.fields = new SecretFields(secretProperties, sealer);
    }

    /** What a sealed value of this connection's field is bound to. */
    static List<String> binding(CatalogScope catalog, String connectionName, String field) {
        return List.of("dialtone-connection/1", catalog.accountId(), catalog.region(), connectionName, field);
    }

    /** Every secret value sealed; so is any value that merely looks sealed, so that reading never guesses. */
    ConnectionDefinition seal(CatalogScope catalog, ConnectionDefinition clear) {
        return fields.map(clear, (field, value) -> sealer.seal(value, binding(catalog, clear.name(), field)));
    }

    ConnectionDefinition open(CatalogScope catalog, ConnectionDefinition stored) {
        return fields.map(stored, (field, value) -> sealer.isSealed(value)
                ? sealer.unseal(value, binding(catalog, stored.name(), field))
                // Clear text in a catalog not yet resealed (a secret key the testers declared only lately).
                : value);
    }

    private Connection open(Connection connection) {
        return new Connection(connection.catalog(), open(connection.catalog(), connection.definition()),
                connection.tags(), connection.revision(), connection.creationTime(), connection.lastUpdatedTime(),
                connection.status(), connection.statusReason(), connection.lastConnectionValidationTime());
    }

    @Override
    public boolean create(CatalogScope catalog, ConnectionDefinition definition, Map<String, String> tags, Instant now) {
        return sealed.create(catalog, seal(catalog, definition), tags, now);
    }

    @Override
    public Optional<Connection> get(CatalogScope catalog, String name) {
        return sealed.get(catalog, name).map(this::open);
    }

    @Override
    public ConnectionPage list(CatalogScope catalog, ConnectionFilter filter, Optional<String> afterName, int limit) {
        ConnectionPage page = sealed.list(catalog, filter, afterName, limit);
        return new ConnectionPage(page.connections().stream().map(this::open).toList(), page.lastName());
    }

    @Override
    public UpdateOutcome update(CatalogScope catalog, String name, ConnectionDefinition definition, Instant now) {
        return sealed.update(catalog, name, seal(catalog, definition), now);
    }

    @Override
    public boolean delete(CatalogScope catalog, String name) {
        return sealed.delete(catalog, name);
    }

    @Override
    public boolean recordTest(CatalogScope catalog, String name, long revision, ConnectionStatus status, String reason,
            Instant when, String report) {
        return sealed.recordTest(catalog, name, revision, status, reason, when, report);
    }

    @Override
    public List<String> testHistory(CatalogScope catalog, String name) {
        return sealed.testHistory(catalog, name);
    }

    // Tags are not secrets (Glue returns them to anyone who may read them): they pass through as they are.
    @Override
    public Optional<Map<String, String>> tags(CatalogScope catalog, String name) {
        return sealed.tags(catalog, name);
    }

    @Override
    public Optional<Map<String, String>> changeTags(CatalogScope catalog, String name,
            UnaryOperator<Map<String, String>> change) {
        return sealed.changeTags(catalog, name, change);
    }

    @Override
    public void close() {
        sealed.close();
    }
}
