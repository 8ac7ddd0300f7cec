package dev.dialtone.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    private record Key(String catalogId, String name) {
    }

    @Override
    public Optional<Connection> get(String catalogId, String name) {
        Key key = new Key(catalogId, name);
        Connection cached = byName.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = writeCount();
        Optional<Connection> read = delegate.get(catalogId, name);
        read.ifPresent(connection -> remember(key, connection, before));
        return read;
    }

    @Override
    public boolean create(String catalogId, ConnectionDefinition definition, Map<String, String> tags, Instant now) {
        try {
            return delegate.create(catalogId, definition, tags, now);
        } finally {
            forget(new Key(catalogId, definition.name()));
        }
    }

    @Override
    public UpdateOutcome update(String catalogId, String name, ConnectionDefinition definition, Instant now) {
        try {
            return delegate.update(catalogId, name, definition, now);
        } finally {
            forget(new Key(catalogId, name), new Key(catalogId, definition.name()));
        }
    }

    @Override
    public boolean delete(String catalogId, String name) {
        try {
            return delegate.delete(catalogId, name);
        } finally {
            forget(new Key(catalogId, name));
        }
    }

    @Override
    public boolean recordTest(String catalogId, String name, long revision, ConnectionStatus status, String reason,
            Instant when, String report) {
        try {
            return delegate.recordTest(catalogId, name, revision, status, reason, when, report);
        } finally {
            forget(new Key(catalogId, name));
        }
    }

    @Override
    public ConnectionPage list(String catalogId, ConnectionFilter filter, Optional<String> afterName, int limit) {
        return delegate.list(catalogId, filter, afterName, limit);
    }

    @Override
    public List<String> testHistory(String catalogId, String name) {
        return delegate.testHistory(catalogId, name);
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
