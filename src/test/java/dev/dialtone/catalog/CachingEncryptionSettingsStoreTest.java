package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.TestCatalogs;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded catalog keeps each catalog's encryption settings in memory (GetConnection asks for them on every
 * call), over the real SQLite store: a second read does not reach the database, a put is seen at once, and a read
 * that raced a put does not keep the settings the put replaced.
 */
class CachingEncryptionSettingsStoreTest {
    private static final CatalogScope ACCOUNT = new CatalogScope("123456789012", "us-east-1");
    private static final DataCatalogEncryptionSettings ENCRYPTED = new DataCatalogEncryptionSettings(Optional.empty(),
            Optional.of(new DataCatalogEncryptionSettings.ConnectionPasswordEncryption(true,
                    Optional.of("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))));

    private Catalog catalog;
    private CountingStore database;

    @BeforeEach
    void open() {
        catalog = TestCatalogs.open(TempDir.scratch("settings-cache-"));
        database = new CountingStore(new SqlEncryptionSettingsStore(catalog.pool()));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void theEmbeddedCatalogServesItsSettingsFromMemory() {
        assertThat(catalog.encryptionSettings()).isInstanceOf(CachingEncryptionSettingsStore.class);
    }

    @Test
    void aSecondReadDoesNotReachTheDatabase() {
        CachingEncryptionSettingsStore cache = new CachingEncryptionSettingsStore(database);
        assertThat(cache.get(ACCOUNT)).isEqualTo(DataCatalogEncryptionSettings.NONE);
        assertThat(cache.get(ACCOUNT)).isEqualTo(DataCatalogEncryptionSettings.NONE);
        assertThat(database.reads.get()).isEqualTo(1);
        // Another catalog (region) is read for itself.
        assertThat(cache.get(new CatalogScope("123456789012", "eu-west-1"))).isEqualTo(DataCatalogEncryptionSettings.NONE);
        assertThat(database.reads.get()).isEqualTo(2);
    }

    @Test
    void aPutIsSeenAtOnceAndStored() {
        CachingEncryptionSettingsStore cache = new CachingEncryptionSettingsStore(database);
        cache.get(ACCOUNT);
        cache.put(ACCOUNT, ENCRYPTED);
        assertThat(cache.get(ACCOUNT)).isEqualTo(ENCRYPTED);
        assertThat(new SqlEncryptionSettingsStore(catalog.pool()).get(ACCOUNT)).isEqualTo(ENCRYPTED);
    }

    @Test
    void aReadThatRacedAPutDoesNotKeepTheOldSettings() throws Exception {
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch putDone = new CountDownLatch(1);
        EncryptionSettingsStore slowReader = new EncryptionSettingsStore() {
            @Override
            public DataCatalogEncryptionSettings get(CatalogScope scope) {
                DataCatalogEncryptionSettings read = database.get(scope);
                if (database.reads.get() == 1) {
                    readDone.countDown();
                    await(putDone); // the put lands after this read, before the reader remembers it
                }
                return read;
            }

            @Override
            public void put(CatalogScope scope, DataCatalogEncryptionSettings settings) {
                database.put(scope, settings);
            }
        };
        CachingEncryptionSettingsStore cache = new CachingEncryptionSettingsStore(slowReader);
        CompletableFuture<DataCatalogEncryptionSettings> racing = CompletableFuture.supplyAsync(() -> cache.get(ACCOUNT));
        await(readDone);
        cache.put(ACCOUNT, ENCRYPTED);
        putDone.countDown();
        assertThat(racing.get(10, TimeUnit.SECONDS)).isEqualTo(DataCatalogEncryptionSettings.NONE);
        assertThat(cache.get(ACCOUNT)).isEqualTo(ENCRYPTED);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingStore implements EncryptionSettingsStore {
        private final EncryptionSettingsStore real;
        private final AtomicInteger reads = new AtomicInteger();

        CountingStore(EncryptionSettingsStore real) {
            this.real = real;
        }

        @Override
        public DataCatalogEncryptionSettings get(CatalogScope catalog) {
            reads.incrementAndGet();
            return real.get(catalog);
        }

        @Override
        public void put(CatalogScope catalog, DataCatalogEncryptionSettings settings) {
            real.put(catalog, settings);
        }
    }
}
