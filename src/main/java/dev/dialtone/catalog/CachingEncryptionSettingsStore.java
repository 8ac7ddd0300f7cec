package dev.dialtone.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each catalog's encryption settings in memory, for a catalog this process alone writes (the embedded file),
 * as {@link CachingConnectionStore} keeps its connections: every GetConnection and GetConnections asks for them, and
 * reading them from the database each time cost a query per call. Not for a catalog shared by several nodes, whose
 * PutDataCatalogEncryptionSettings this process would not see.
 *
 * <p>A read that raced a put must not keep the old settings: readers note the write count before reading, and
 * keep their result only if no put happened meanwhile (checked under the lock puts invalidate under).
 */
final class CachingEncryptionSettingsStore implements EncryptionSettingsStore {
    private final EncryptionSettingsStore delegate;
    private final Map<CatalogScope, DataCatalogEncryptionSettings> byCatalog = new ConcurrentHashMap<>();
    private long writes;

    CachingEncryptionSettingsStore(EncryptionSettingsStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public DataCatalogEncryptionSettings get(CatalogScope catalog) {
        DataCatalogEncryptionSettings cached = byCatalog.get(catalog);
        if (cached != null) {
            return cached;
        }
        long before = writeCount();
        DataCatalogEncryptionSettings read = delegate.get(catalog);
        remember(catalog, read, before);
        return read;
    }

    @Override
    public void put(CatalogScope catalog, DataCatalogEncryptionSettings settings) {
        try {
            delegate.put(catalog, settings);
        } finally {
            forget(catalog);
        }
    }

    private synchronized long writeCount() {
        return writes;
    }

    private synchronized void remember(CatalogScope catalog, DataCatalogEncryptionSettings settings, long writesBefore) {
        // One entry per account and region a client named: bounded by what callers may name, but cleared if a
        // caller walks through many.
        if (writes == writesBefore) {
            if (byCatalog.size() >= 10_000) {
                byCatalog.clear();
            }
            byCatalog.put(catalog, settings);
        }
    }

    private synchronized void forget(CatalogScope catalog) {
        writes++;
        byCatalog.remove(catalog);
    }
}
