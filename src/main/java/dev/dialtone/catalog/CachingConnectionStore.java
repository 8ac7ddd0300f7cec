package dev.dialtone.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Keeps the connections read by name in memory, for a catalog this process alone writes (the
 * embedded file): every write goes through here, so every write can invalidate. Not for a catalog
 * shared by several nodes, whose writes this process would not see.
 *
 * <p>A read that raced a write must not put the old value back: readers note the write count before
 * reading, and cache their result only if no write happened meanwhile (checked under the same lock
 * writers invalidate under).
 */
final class CachingConnectionStore implements ConnectionStore {
    private static final int MAX_ENTRIES = 10_000;

    private final ConnectionStore delegate;
    private final Map<Key, Connection> byName = new ConcurrentHashMap<>();
    private long writes;

    CachingConnectionStore(ConnectionStore delegate) {
        this.delegate = delegate;
    }

    private record Key(CatalogScope catalog, String name) {
    }

    @Override
    public Optional<Connection> get(CatalogScope catalog, String name) {
        Key key = new Key(catalog, name);
        Connection cached = byName.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = writeCount();
        Optional<Connection> read = delegate.get(catalog, name);
        read.ifPresent(connection -> remember(key, connection, before));
        return read;
    }

    @Override
    public boolean create(CatalogScope catalog, ConnectionDefinition definition, Map<String, String> tags, Instant now) {
        try {
            return delegate.create(catalog, definition, tags, now);
        } finally {
            forget(new Key(catalog, definition.name()));
        }
    }

    @Override
    public UpdateOutcome update(CatalogScope catalog, String name, ConnectionDefinition definition, Instant now) {
        try {
            return delegate.update(catalog, name, definition, now);
        } finally {
            forget(new Key(catalog, name), new Key(catalog, definition.name()));
        }
    }

    @Override
    public boolean delete(CatalogScope catalog, String name) {
        try {
            return delegate.delete(catalog, name);
        } finally {
            forget(new Key(catalog, name));
        }
    }

    @Override
    public Optional<Map<String, String>> tags(CatalogScope catalog, String name) {
        // The cached connection carries its tags, and every tag change goes through here and invalidates it.
        return get(catalog, name).map(Connection::tags);
    }

    @Override
    public Optional<Map<String, String>> changeTags(CatalogScope catalog, String name,
            UnaryOperator<Map<String, String>> change) {
        try {
            return delegate.changeTags(catalog, name, change);
        } finally {
            forget(new Key(catalog, name));
        }
    }

    @Override
    public boolean recordTest(CatalogScope catalog, String name, long revision, ConnectionStatus status, String reason,
            Instant when, String report) {
        try {
            return delegate.recordTest(catalog, name, revision, status, reason, when, report);
        } finally {
            forget(new Key(catalog, name));
        }
    }

    @Override
    public ConnectionPage list(CatalogScope catalog, ConnectionFilter filter, Optional<String> afterName, int limit) {
        return delegate.list(catalog, filter, afterName, limit);
    }

    @Override
    public List<String> testHistory(CatalogScope catalog, String name) {
        return delegate.testHistory(catalog, name);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private synchronized long writeCount() {
        return writes;
    }

    private synchronized void remember(Key key, Connection connection, long writesBeforeRead) {
        if (writes == writesBeforeRead) {
            if (byName.size() >= MAX_ENTRIES) {
                byName.clear();
            }
            byName.put(key, connection);
        }
    }

    private synchronized void forget(Key... keys) {
        writes++;
        for (Key key : keys) {
            byName.remove(key);
        }
    }
}
