package dev.dialtone.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses a resolved secret for a short, configured time (DIALTONE_SECRETS_TTL), so a burst of tests
 * does not call the store for each one; with no TTL nothing is kept past the test. It sits below the
 * authorization ({@link SecretSources}), which asks the caller's permissions on every read, hit or miss.
 */
public final class CachingSecretStore implements SecretStore {
    private final SecretStore store;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CachingSecretStore(SecretStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The store itself when there is no TTL: values then live only as long as the test that read them. */
    public static SecretStore withTtl(SecretStore store, Duration ttl, Clock clock) {
        return ttl.isZero() ? store : new CachingSecretStore(store, ttl, clock);
    }

    @Override
    public Map<String, String> read(String secretId, dev.dialtone.guard.Permissions permissions) {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !entry.expires().isAfter(now));
        Entry cached = entries.get(secretId);
        if (cached != null) {
            return cached.values();
        }
        Map<String, String> values = Map.copyOf(store.read(secretId, permissions));
        entries.put(secretId, new Entry(values, now.plus(ttl)));
        return values;
    }

    private record Entry(Map<String, String> values, Instant expires) {
    }
}
