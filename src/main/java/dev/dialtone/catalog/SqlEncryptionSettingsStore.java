package dev.dialtone.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link EncryptionSettingsStore} in the catalog database, in portable SQL (SQLite and PostgreSQL). */
public final class SqlEncryptionSettingsStore implements EncryptionSettingsStore {
    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SqlEncryptionSettingsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public DataCatalogEncryptionSettings get(CatalogScope catalog) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(
                "SELECT settings FROM encryption_settings WHERE catalog_id = ? AND region = ?")) {
            select.setString(1, catalog.accountId());
            select.setString(2, catalog.region());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? json.readValue(row.getString(1), DataCatalogEncryptionSettings.class)
                        : DataCatalogEncryptionSettings.NONE;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new CatalogException("could not read the encryption settings", e);
        }
    }

    @Override
    public void put(CatalogScope catalog, DataCatalogEncryptionSettings settings) {
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement upsert = db.prepareStatement(
                "INSERT INTO encryption_settings (catalog_id, region, settings) VALUES (?, ?, ?) "
                        + "ON CONFLICT (catalog_id, region) DO UPDATE SET settings = excluded.settings")) {
            upsert.setString(1, catalog.accountId());
            upsert.setString(2, catalog.region());
            upsert.setString(3, json.writeValueAsString(settings));
            upsert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new CatalogException("could not store the encryption settings", e);
        }
    }
}
