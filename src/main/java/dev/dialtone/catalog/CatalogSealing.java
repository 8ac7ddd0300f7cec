package dev.dialtone.catalog;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a catalog's sealing at start. A catalog holds a check value sealed under its master key,
 * so a start with a missing or different key stops at once with an error naming the key, instead of
 * serving garbage or failing request by request. Then every secret still in clear text (a catalog from
 * before sealing, or a key the testers declared secret only lately) is sealed; when anything was, the
 * file is vacuumed and the WAL checkpointed and truncated, so the clear-text pages are gone from disk.
 */
final class CatalogSealing {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSealing.class);
    static final String CHECK_NAME = "master-key-check";
    private static final String CHECK_VALUE = "dialtone master key check";
    static final List<String> CHECK_BINDING = List.of("dialtone-catalog/1", CHECK_NAME);

    private CatalogSealing() {
    }

    /**
     * @param compaction what removes the clear-text pages once secrets were sealed in place (the embedded file's
     *                   {@link #compact}); PostgreSQL's own VACUUM reclaims dead rows in its time
     */
    static Sealer prepare(SqlConnectionStore raw, Runnable compaction, KeySource keys, SecretProperties secrets) {
        Sealer sealer = keyOf(raw, keys);
        SecretFields fields = new SecretFields(secrets, sealer);
        int sealed = raw.rewriteDefinitions((catalog, stored) -> fields.map(stored, (field, value) ->
                sealer.isSealed(value) ? value
                        : sealer.seal(value, SealingConnectionStore.binding(catalog, stored.name(), field))));
        if (sealed > 0) {
            LOG.info("sealed the clear-text secrets of {} stored connection(s); compacting the catalog file", sealed);
            compaction.run();
        }
        return sealer;
    }

    private static Sealer keyOf(SqlConnectionStore raw, KeySource keys) {
        java.util.Optional<String> check = raw.metadata(CHECK_NAME);
        if (check.isEmpty()) {
            Sealer sealer = keys.createIfMissing();
            // Only if still absent: nodes starting together on a new shared catalog all get here, and the
            // first check stored is the catalog's. A node whose key is not that one must then refuse below.
            if (raw.putMetadataIfAbsent(CHECK_NAME, sealer.seal(CHECK_VALUE, CHECK_BINDING))) {
                return sealer;
            }
            check = raw.metadata(CHECK_NAME);
        }
        Sealer sealer = keys.existing();
        if (!CHECK_VALUE.equals(sealer.unseal(check.orElseThrow(), CHECK_BINDING))) {
            throw new SecretsUnavailable("the master key does not open this catalog's key check");
        }
        return sealer;
    }

    /** Rewrites the file without free pages and empties the WAL: no old page image survives. */
    static void compact(DataSource dataSource) {
        // SQLite only (VACUUM, PRAGMA wal_checkpoint).
        try (java.sql.Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("VACUUM");
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new CatalogException("could not compact the catalog after sealing its secrets", e);
        }
    }

    /** The ids of the master keys the catalog's sealed values are wrapped by. */
    static java.util.Set<String> keyIdsInUse(SqlConnectionStore raw, Sealer sealer, SecretProperties secrets) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        SecretFields fields = new SecretFields(secrets, sealer);
        raw.rewriteDefinitions((catalog, stored) -> {
            fields.map(stored, (field, value) -> {
                if (sealer.isSealed(value)) {
                    ids.add(sealer.keyId(value));
                }
                return value;
            });
            return null;
        });
        raw.metadata(CHECK_NAME).ifPresent(check -> ids.add(sealer.keyId(check)));
        return ids;
    }

    /** Checks that the sealer's keys open the catalog's key check. */
    static void verify(SqlConnectionStore raw, Sealer sealer) {
        raw.metadata(CHECK_NAME).ifPresent(check -> {
            if (!CHECK_VALUE.equals(sealer.unseal(check, CHECK_BINDING))) {
                throw new SecretsUnavailable("the master key does not open this catalog's key check");
            }
        });
    }

    /** Rewraps every sealed value's data key under the sealer's current master key (key rotation). */
    static int rewrap(SqlConnectionStore raw, Sealer sealer, SecretProperties secrets) {
        SecretFields fields = new SecretFields(secrets, sealer);
        int rows = raw.rewriteDefinitions((catalog, stored) -> fields.map(stored, (field, value) ->
                sealer.isSealed(value) ? sealer.rewrap(value)
                        : sealer.seal(value, SealingConnectionStore.binding(catalog, stored.name(), field))));
        raw.metadata(CHECK_NAME).ifPresent(check -> raw.putMetadata(CHECK_NAME, sealer.rewrap(check)));
        return rows;
    }
}
