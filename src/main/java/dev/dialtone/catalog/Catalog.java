package dev.dialtone.catalog;

/** An opened catalog: the connections (secrets sealed) and the catalogs' encryption settings, in one database. */
public record Catalog(ConnectionStore connections, EncryptionSettingsStore encryptionSettings) implements AutoCloseable {
    @Override
    public void close() {
        connections.close();
    }
}
