package dev.dialtone.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@link ConnectionStore} over any JDBC database, in SQL that SQLite and PostgreSQL both speak.
 * The database-specific part (pooling, pragmas, migrations) lives in whoever builds the DataSource.
 */
public final class SqlConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "catalog_id, region, name, connection_type, schema_version, definition, tags, "
            + "revision, creation_time, last_updated_time, status, status_reason, last_validation_time";
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
    // How many rows one list query reads when a MatchCriteria filter (applied here) may drop some.
    private static final int SCAN_BATCH = 200;

    private final DataSource dataSource;
    private final AutoCloseable onClose;
    private final Dialect dialect;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A store over the embedded SQLite catalog. */
    public SqlConnectionStore(DataSource dataSource, AutoCloseable onClose) {
        this(dataSource, onClose, Dialect.SQLITE);
    }

    SqlConnectionStore(DataSource dataSource, AutoCloseable onClose, Dialect dialect) {
        this.dataSource = dataSource;
        this.onClose = onClose;
        this.dialect = dialect;
    }

    @Override
    public boolean create(CatalogScope catalog, ConnectionDefinition definition, Map<String, String> tags, Instant now) {
        String sql = "INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, NULL, NULL) "
                + "ON CONFLICT (catalog_id, region, name) DO NOTHING";
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(sql)) {
            insert.setString(1, catalog.accountId());
            insert.setString(2, catalog.region());
            insert.setString(3, definition.name());
            insert.setString(4, definition.connectionType());
            insert.setInt(5, definition.schemaVersion());
            insert.setString(6, toJson(definition));
            insert.setString(7, toJson(tags));
            insert.setLong(8, now.toEpochMilli());
            insert.setLong(9, now.toEpochMilli());
            insert.setString(10, ConnectionStatus.READY.name());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("could not create connection", e);
        }
    }

    @Override
    public Optional<Connection> get(CatalogScope catalog, String name) {
        String sql = "SELECT " + COLUMNS + " FROM connections WHERE catalog_id = ? AND region = ? AND name = ?";
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            select.setString(3, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read connection", e);
        }
    }

    @Override
    public ConnectionPage list(CatalogScope catalog, ConnectionFilter filter, Optional<String> afterName, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM connections WHERE catalog_id = ? AND region = ?");
        filter.connectionType().ifPresent(type -> sql.append(" AND connection_type = ?"));
        filter.schemaVersion().ifPresent(version -> sql.append(" AND schema_version = ?"));
        sql.append(" AND name > ? ORDER BY name LIMIT ?");
        List<Connection> page = new ArrayList<>();
        String cursor = afterName.orElse("");
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql.toString())) {
            // One more match than asked tells whether another page exists.
            while (page.size() <= limit) {
                int batch = Math.max(limit + 1 - page.size(), filter.matchCriteria().isEmpty() ? 0 : SCAN_BATCH);
                int index = 1;
                select.setString(index++, catalog.accountId());
                select.setString(index++, catalog.region());
                if (filter.connectionType().isPresent()) {
                    select.setString(index++, filter.connectionType().get());
                }
                if (filter.schemaVersion().isPresent()) {
                    select.setInt(index++, filter.schemaVersion().get());
                }
                select.setString(index++, cursor);
                select.setInt(index, batch);
                int rows = 0;
                try (ResultSet row = select.executeQuery()) {
                    while (row.next() && page.size() <= limit) {
                        rows++;
                        Connection connection = read(row);
                        cursor = connection.name();
                        if (filter.matches(connection.definition())) {
                            page.add(connection);
                        }
                    }
                }
                if (rows < batch) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("could not list connections", e);
        }
        if (page.size() > limit) {
            List<Connection> shown = page.subList(0, limit);
            return new ConnectionPage(shown, Optional.of(shown.get(limit - 1).name()));
        }
        return new ConnectionPage(page, Optional.empty());
    }

    @Override
    public UpdateOutcome update(CatalogScope catalog, String name, ConnectionDefinition definition, Instant now) {
        // A redefinition makes the last test result meaningless, so it is cleared with it.
        String sql = "UPDATE connections SET name = ?, connection_type = ?, schema_version = ?, definition = ?, "
                + "revision = revision + 1, last_updated_time = ?, status = ?, status_reason = NULL, "
                + "last_validation_time = NULL WHERE catalog_id = ? AND region = ? AND name = ?";
        try (java.sql.Connection db = dataSource.getConnection()) {
            return inTransaction(db, () -> {
                if (!definition.name().equals(name) && exists(db, catalog, definition.name())) {
                    return UpdateOutcome.NEW_NAME_TAKEN;
                }
                // The connection's row is written first: it is the lock every writer of this connection
                // (update, delete, recordTest, changeTags) takes before touching its history, so none of
                // them interleaves with another on a shared catalog.
                int updated = execute(db, sql, definition.name(), definition.connectionType(),
                        definition.schemaVersion(), toJson(definition), now.toEpochMilli(),
                        ConnectionStatus.READY.name(), catalog.accountId(), catalog.region(), name);
                if (updated == 1 && !definition.name().equals(name)) {
                    // The history follows the connection to its new name.
                    execute(db, "UPDATE test_history SET connection_name = ? WHERE catalog_id = ? AND region = ? "
                            + "AND connection_name = ?", definition.name(), catalog.accountId(), catalog.region(), name);
                }
                return updated == 1 ? UpdateOutcome.UPDATED : UpdateOutcome.NOT_FOUND;
            });
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                // Another node created (or renamed to) the new name between the check and the write.
                return UpdateOutcome.NEW_NAME_TAKEN;
            }
            throw new CatalogException("could not update connection", e);
        }
    }

    @Override
    public boolean delete(CatalogScope catalog, String name) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            return inTransaction(db, () -> {
                // The row first (see update): a test result being recorded meanwhile either commits before
                // this (and its history entry is deleted below) or finds the connection gone.
                boolean deleted = execute(db, "DELETE FROM connections WHERE catalog_id = ? AND region = ? AND name = ?",
                        catalog.accountId(), catalog.region(), name) == 1;
                execute(db, "DELETE FROM test_history WHERE catalog_id = ? AND region = ? AND connection_name = ?",
                        catalog.accountId(), catalog.region(), name);
                return deleted;
            });
        } catch (SQLException e) {
            throw new CatalogException("could not delete connection", e);
        }
    }

    @Override
    public Optional<Map<String, String>> tags(CatalogScope catalog, String name) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            return storedTags(db, catalog, name, "").map(this::tagsFromJson);
        } catch (SQLException e) {
            throw new CatalogException("could not read the tags", e);
        }
    }

    @Override
    public Optional<Map<String, String>> changeTags(CatalogScope catalog, String name,
            UnaryOperator<Map<String, String>> change) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            return inTransaction(db, () -> {
                // The read locks the row (SQLite's IMMEDIATE transactions hold the write lock already,
                // PostgreSQL's SELECT ... FOR UPDATE the row), so nothing changes it between this read and the
                // write. The write is still conditional on the tags read, so should a database lock less than
                // that, no concurrent change is lost either: it tries again with the newer tags.
                for (int attempt = 0; ; attempt++) {
                    Optional<String> stored = storedTags(db, catalog, name, dialect.lockingRead());
                    if (stored.isEmpty()) {
                        return Optional.<Map<String, String>>empty();
                    }
                    Map<String, String> changed = Map.copyOf(change.apply(tagsFromJson(stored.get())));
                    int updated = execute(db, "UPDATE connections SET tags = ? WHERE catalog_id = ? AND region = ? "
                            + "AND name = ? AND tags = ?", toJson(new java.util.TreeMap<>(changed)), catalog.accountId(),
                            catalog.region(), name, stored.get());
                    if (updated == 1) {
                        return Optional.of(changed);
                    }
                    if (attempt == 10) {
                        throw new CatalogException("the tags kept changing under a tag update", null);
                    }
                }
            });
        } catch (SQLException e) {
            throw new CatalogException("could not change the tags", e);
        }
    }

    private static Optional<String> storedTags(java.sql.Connection db, CatalogScope catalog, String name,
            String lockingRead) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT tags FROM connections WHERE catalog_id = ? AND region = ? AND name = ?" + lockingRead)) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            select.setString(3, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private Map<String, String> tagsFromJson(String stored) {
        try {
            return json.readValue(stored, TAGS);
        } catch (JsonProcessingException e) {
            throw new CatalogException("stored tags could not be read", e);
        }
    }

    @Override
    public boolean recordTest(CatalogScope catalog, String name, long revision, ConnectionStatus status, String reason,
            Instant when, String report) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            return inTransaction(db, () -> {
                // Conditional on the revision the test ran against, in SQL: a result never lands on a definition
                // changed since (by any node). The update also locks the row until the commit, so two results
                // recorded at once (from two nodes) take their history sequence numbers one after the other.
                boolean current = execute(db, "UPDATE connections SET status = ?, status_reason = ?, "
                        + "last_validation_time = ? WHERE catalog_id = ? AND region = ? AND name = ? AND revision = ?",
                        status.name(), reason, when.toEpochMilli(), catalog.accountId(), catalog.region(), name,
                        revision) == 1;
                if (!current) {
                    return false;
                }
                long sequence;
                try (PreparedStatement next = db.prepareStatement("SELECT COALESCE(MAX(sequence), 0) + 1 FROM "
                        + "test_history WHERE catalog_id = ? AND region = ? AND connection_name = ?")) {
                    next.setString(1, catalog.accountId());
                    next.setString(2, catalog.region());
                    next.setString(3, name);
                    try (ResultSet row = next.executeQuery()) {
                        row.next();
                        sequence = row.getLong(1);
                    }
                }
                execute(db, "INSERT INTO test_history (catalog_id, region, connection_name, sequence, tested_at, "
                        + "report) VALUES (?, ?, ?, ?, ?, ?)", catalog.accountId(), catalog.region(), name, sequence,
                        when.toEpochMilli(), report);
                execute(db, "DELETE FROM test_history WHERE catalog_id = ? AND region = ? AND connection_name = ? "
                        + "AND sequence <= ?", catalog.accountId(), catalog.region(), name, sequence - HISTORY_SIZE);
                return true;
            });
        } catch (SQLException e) {
            throw new CatalogException("could not record the test result", e);
        }
    }

    @Override
    public List<String> testHistory(CatalogScope catalog, String name) {
        String sql = "SELECT report FROM test_history WHERE catalog_id = ? AND region = ? AND connection_name = ? "
                + "ORDER BY sequence DESC";
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            select.setString(3, name);
            List<String> reports = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    reports.add(row.getString(1));
                }
            }
            return reports;
        } catch (SQLException e) {
            throw new CatalogException("could not read the test history", e);
        }
    }

    /** Changes a stored definition into another meaning the same (sealed differently); null leaves it. */
    @FunctionalInterface
    public interface DefinitionRewrite {
        ConnectionDefinition apply(CatalogScope catalog, ConnectionDefinition stored);
    }

    /**
     * Rewrites every stored definition through {@code rewrite}, a batch of rows at a time, each row
     * compared-and-set against the text it was read as: a concurrent update is never overwritten (the
     * row is read again and rewritten). The revision stays, as the definition's meaning does.
     *
     * @return how many rows changed
     */
    public int rewriteDefinitions(DefinitionRewrite rewrite) {
        String page = "SELECT catalog_id, region, name, definition FROM connections WHERE "
                + "(catalog_id > ?) OR (catalog_id = ? AND region > ?) OR (catalog_id = ? AND region = ? AND name > ?) "
                + "ORDER BY catalog_id, region, name LIMIT 500";
        int changed = 0;
        String[] cursor = {"", "", ""};
        try (java.sql.Connection db = dataSource.getConnection()) {
            while (true) {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement select = db.prepareStatement(page)) {
                    select.setString(1, cursor[0]);
                    select.setString(2, cursor[0]);
                    select.setString(3, cursor[1]);
                    select.setString(4, cursor[0]);
                    select.setString(5, cursor[1]);
                    select.setString(6, cursor[2]);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            rows.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)});
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return changed;
                }
                for (String[] row : rows) {
                    if (rewriteRow(db, new CatalogScope(row[0], row[1]), row[2], row[3], rewrite)) {
                        changed++;
                    }
                }
                String[] last = rows.get(rows.size() - 1);
                cursor = new String[] {last[0], last[1], last[2]};
            }
        } catch (SQLException e) {
            throw new CatalogException("could not rewrite the stored definitions", e);
        }
    }

    private boolean rewriteRow(java.sql.Connection db, CatalogScope catalog, String name, String text,
            DefinitionRewrite rewrite) throws SQLException {
        String current = text;
        while (current != null) {
            ConnectionDefinition stored = fromJson(current);
            ConnectionDefinition rewritten = rewrite.apply(catalog, stored);
            if (rewritten == null || rewritten.equals(stored)) {
                return false;
            }
            if (execute(db, "UPDATE connections SET definition = ? WHERE catalog_id = ? AND region = ? AND name = ? "
                    + "AND definition = ?", toJson(rewritten), catalog.accountId(), catalog.region(), name, current) == 1) {
                return true;
            }
            // Changed (or deleted) meanwhile: rewrite what is there now.
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT definition FROM connections WHERE catalog_id = ? AND region = ? AND name = ?")) {
                select.setString(1, catalog.accountId());
                select.setString(2, catalog.region());
                select.setString(3, name);
                try (ResultSet row = select.executeQuery()) {
                    current = row.next() ? row.getString(1) : null;
                }
            }
        }
        return false;
    }

    /** A value of the catalog's own bookkeeping (such as the master key check), by name. */
    public Optional<String> metadata(String name) {
        try (java.sql.Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement("SELECT value FROM catalog_metadata WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("could not read the catalog's metadata", e);
        }
    }

    /**
     * Stores {@code value} under {@code name} unless a value is there already (another node may have
     * stored one first).
     *
     * @return whether this call stored it
     */
    public boolean putMetadataIfAbsent(String name, String value) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            return execute(db, "INSERT INTO catalog_metadata (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    name, value) == 1;
        } catch (SQLException e) {
            throw new CatalogException("could not write the catalog's metadata", e);
        }
    }

    public void putMetadata(String name, String value) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            execute(db, "INSERT INTO catalog_metadata (name, value) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value);
        } catch (SQLException e) {
            throw new CatalogException("could not write the catalog's metadata", e);
        }
    }

    private ConnectionDefinition fromJson(String text) {
        try {
            return json.readValue(text, ConnectionDefinition.class);
        } catch (JsonProcessingException e) {
            throw new CatalogException("a stored definition could not be read", e);
        }
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new CatalogException("could not close the catalog", e);
        }
    }

    /** Runs {@code work} in one transaction: all of it lands, or none. */
    private static <T> T inTransaction(java.sql.Connection db, SqlWork<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static int execute(java.sql.Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static boolean exists(java.sql.Connection db, CatalogScope catalog, String name) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT 1 FROM connections WHERE catalog_id = ? AND region = ? AND name = ?")) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            select.setString(3, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private Connection read(ResultSet row) throws SQLException {
        long validated = row.getLong("last_validation_time");
        Optional<Instant> lastValidation = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(validated));
        try {
            return new Connection(
                    new CatalogScope(row.getString("catalog_id"), row.getString("region")),
                    json.readValue(row.getString("definition"), ConnectionDefinition.class),
                    json.readValue(row.getString("tags"), TAGS),
                    row.getLong("revision"),
                    Instant.ofEpochMilli(row.getLong("creation_time")),
                    Instant.ofEpochMilli(row.getLong("last_updated_time")),
                    ConnectionStatus.valueOf(row.getString("status")),
                    Optional.ofNullable(row.getString("status_reason")),
                    lastValidation);
        } catch (JsonProcessingException e) {
            throw new CatalogException("a stored definition could not be read", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CatalogException("a definition could not be serialised", e);
        }
    }

}
