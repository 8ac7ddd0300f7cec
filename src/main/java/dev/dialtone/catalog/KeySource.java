package dev.dialtone.catalog;

/** Where the catalog's master key comes from (a key file, or KMS); the catalog decides which of the two it needs. */
public interface KeySource {

    /**
     * The master key of a catalog whose secrets are already sealed: never a new one.
     *
     * @throws SecretsUnavailable naming the key file or KMS key that is missing or unusable
     */
    Sealer existing();

    /** The master key, created when there is none yet (a new catalog, or one written before sealing). */
    Sealer createIfMissing();
}
