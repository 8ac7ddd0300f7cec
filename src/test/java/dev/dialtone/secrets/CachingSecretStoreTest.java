package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.guard.Permissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A configured TTL lets a secret be reused that long, and no longer; without one nothing is kept. */
class CachingSecretStoreTest {
    private final AtomicInteger reads = new AtomicInteger();
    private final SecretStore counting = (id, permissions) -> Map.of("username", "u", "password", "p" + reads.incrementAndGet());

    @Test
    void withoutATtlEveryReadGoesToTheStore() {
        SecretStore store = CachingSecretStore.withTtl(counting, Duration.ZERO, Clock.systemUTC());
        store.read("a", Permissions.unrestricted());
        store.read("a", Permissions.unrestricted());
        assertThat(reads).hasValue(2);
    }

    @Test
    void withATtlASecretIsReusedUntilItExpires() {
        MutableClock clock = new MutableClock();
        SecretStore store = CachingSecretStore.withTtl(counting, Duration.ofSeconds(30), clock);
        assertThat(store.read("a", Permissions.unrestricted())).containsEntry("password", "p1");
        clock.now = clock.now.plusSeconds(29);
        assertThat(store.read("a", Permissions.unrestricted())).containsEntry("password", "p1");
        clock.now = clock.now.plusSeconds(1);
        assertThat(store.read("a", Permissions.unrestricted())).containsEntry("password", "p2");
        assertThat(reads).hasValue(2);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
