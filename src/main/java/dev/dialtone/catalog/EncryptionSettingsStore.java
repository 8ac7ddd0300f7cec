package dev.dialtone.catalog;

/** The {@link DataCatalogEncryptionSettings} of each catalog (account and region). */
public interface EncryptionSettingsStore {

    /** The settings last put, or {@link DataCatalogEncryptionSettings#NONE}. */
    DataCatalogEncryptionSettings get(CatalogScope catalog);

    /** Replaces the catalog's settings; durable when it returns. */
    void put(CatalogScope catalog, DataCatalogEncryptionSettings settings);
}
