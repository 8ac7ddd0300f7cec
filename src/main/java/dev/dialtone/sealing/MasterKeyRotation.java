package dev.dialtone.sealing;

import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.catalog.SecretsUnavailable;
import dev.dialtone.catalog.SqlConnectionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replaces the master key of a catalog while its server keeps running.
 *
 * <p>The master key file is a key ring: several keys with ids, one of them primary. Every sealed value
 * names the id of the key its data key is wrapped under, so a server can open values under any key in
 * the ring, and it seals new values under the primary. The server looks at the file before every seal
 * and when a value names a key it does not know, and reads it again when it changed. Rotation is then:
 * <ol>
 *   <li>add a new key to the ring and make it primary (the file is replaced atomically, 0600): from
 *       here on the running server seals under the new key and still opens values under the old one;</li>
 *   <li>wait a grace period, so that a write the server had sealed under the old key just before the
 *       change has landed in the catalog;</li>
 *   <li>rewrap every sealed value's data key under the new key, row by row, each row compared-and-set
 *       against what was read (a concurrent update is never overwritten, the row is read again); the
 *       values' own ciphertext is untouched, and so are revisions;</li>
 *   <li>check that no value (nor the catalog's key check) names an old key any more, rewrapping again
 *       if a late write did;</li>
 *   <li>rewrite the ring with the new key alone: the old key is no longer needed, and is gone.</li>
 * </ol>
 * Reads and tests never wait for any of it: the server's clear values are in memory, and every value in
 * the catalog opens under one of the keys in the ring at each step. If rotation stops half way, the ring
 * still holds both keys and running it again finishes the job.
 */
public final class MasterKeyRotation {
    private static final int MAX_PASSES = 5;

    private MasterKeyRotation() {
    }

    /** What a rotation did. */
    public record Result(List<String> retired, String primary, int rowsRewrapped) {
    }

    /**
     * @param kmsKeyId the KMS key the new master key is generated under; empty: the new key is kept in the file
     */
    public static Result rotate(Path dataDir, Path keyFile, Optional<String> kmsKeyId, Supplier<KmsKeys> kms,
            Duration grace, Consumer<String> progress) throws InterruptedException {
        KeyRingFile.Contents before = KeyRingFile.read(keyFile).orElseThrow(() -> new SecretsUnavailable(
                "the master key file " + keyFile + " is missing: there is no key to rotate from"));
        MasterKeys keys = new MasterKeys(keyFile, kmsKeyId, kms);
        keys.existing();
        try (SqlConnectionStore raw = EmbeddedCatalog.openForMaintenance(dataDir)) {
            EmbeddedCatalog.verifyKey(raw, keys);

            KeyRingFile.Entry fresh = kmsKeyId.isPresent() ? KeyRingFile.kmsKey(kms.get(), kmsKeyId.get())
                    : KeyRingFile.fileKey();
            List<KeyRingFile.Entry> both = new ArrayList<>(before.keys());
            both.add(fresh);
            KeyRingFile.write(keyFile, new KeyRingFile.Contents(fresh.id(), both));
            progress.accept("new primary master key " + fresh.id() + kmsKeyId.map(id -> " (KMS key " + id + ")")
                    .orElse("") + " added to " + keyFile);
            Thread.sleep(grace.toMillis());

            int rows = 0;
            Set<String> stale = Set.of();
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                rows += EmbeddedCatalog.rewrapAll(raw, keys);
                stale = new java.util.TreeSet<>(EmbeddedCatalog.keyIdsInUse(raw, keys));
                stale.remove(fresh.id());
                if (stale.isEmpty()) {
                    break;
                }
            }
            if (!stale.isEmpty()) {
                throw new IllegalStateException("values under " + stale + " kept appearing while rewrapping; the ring "
                        + "keeps the old keys: run the rotation again");
            }
            progress.accept("rewrapped the data keys of " + rows + " connection(s) under " + fresh.id());

            KeyRingFile.write(keyFile, new KeyRingFile.Contents(fresh.id(), List.of(fresh)));
            List<String> retired = before.keys().stream().map(KeyRingFile.Entry::id).toList();
            progress.accept("retired " + String.join(", ", retired) + ": " + keyFile + " now holds " + fresh.id()
                    + " only");
            return new Result(retired, fresh.id(), rows);
        }
    }
}
