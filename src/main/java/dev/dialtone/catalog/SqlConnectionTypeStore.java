package dev.dialtone.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ConnectionTypeStore} in the catalog database, in portable SQL (SQLite and PostgreSQL). */
public final class SqlConnectionTypeStore implements ConnectionTypeStore {
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };
    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public SqlConnectionTypeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean register(RegisteredConnectionType type) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO connection_types (catalog_id, region, name, declaration, tags, creation_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (catalog_id, region, name) DO NOTHING")) {
            insert.setString(1, type.catalog().accountId());
            insert.setString(2, type.catalog().region());
            insert.setString(3, type.name());
            insert.setString(4, type.declaration());
            insert.setString(5, json.writeValueAsString(type.tags()));
            insert.setLong(6, type.creationTime().toEpochMilli());
            return insert.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new CatalogException("could not register the connection type", e);
        }
    }

    @Override
    public Optional<RegisteredConnectionType> get(CatalogScope catalog, String name) {
        List<RegisteredConnectionType> found = select("SELECT name, declaration, tags, creation_time FROM "
                + "connection_types WHERE catalog_id = ? AND region = ? AND name = ?", catalog, name);
        return found.stream().findFirst();
    }

    @Override
    public List<RegisteredConnectionType> list(CatalogScope catalog) {
        List<RegisteredConnectionType> found = new ArrayList<>(select("SELECT name, declaration, tags, creation_time "
                + "FROM connection_types WHERE catalog_id = ? AND region = ?", catalog, null));
        // Sorted here: SQLite and PostgreSQL collate differently.
        found.sort(Comparator.comparing(RegisteredConnectionType::name));
        return found;
    }

    @Override
    public List<String> declarationsNamed(String name) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(
                "SELECT declaration FROM connection_types WHERE name = ?")) {
            select.setString(1, name);
            List<String> declarations = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    declarations.add(rows.getString(1));
                }
            }
            return declarations;
        } catch (SQLException e) {
            throw new CatalogException("could not read the connection types", e);
        }
    }

    @Override
    public int connectionsUsing(CatalogScope catalog, String name) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement count = db.prepareStatement(
                "SELECT COUNT(*) FROM connections WHERE catalog_id = ? AND region = ? AND connection_type = ?")) {
            count.setString(1, catalog.accountId());
            count.setString(2, catalog.region());
            count.setString(3, name);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("could not count the connections of a type", e);
        }
    }

    @Override
    public boolean delete(CatalogScope catalog, String name) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement delete = db.prepareStatement(
                "DELETE FROM connection_types WHERE catalog_id = ? AND region = ? AND name = ?")) {
            delete.setString(1, catalog.accountId());
            delete.setString(2, catalog.region());
            delete.setString(3, name);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("could not delete the connection type", e);
        }
    }

    private List<RegisteredConnectionType> select(String sql, CatalogScope catalog, String name) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            if (name != null) {
                select.setString(3, name);
            }
            List<RegisteredConnectionType> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new RegisteredConnectionType(catalog, rows.getString(1), rows.getString(2),
                            json.readValue(rows.getString(3), TAGS), Instant.ofEpochMilli(rows.getLong(4))));
                }
            }
            return found;
        } catch (SQLException | JsonProcessingException e) {
            throw new CatalogException("could not read the connection types", e);
        }
    }
}
