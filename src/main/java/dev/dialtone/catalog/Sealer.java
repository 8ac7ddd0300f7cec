package dev.dialtone.catalog;

import java.util.List;

/**
 * Encrypts and decrypts the secret values of the catalog (envelope encryption: each value under a
 * data key of its own, the data key wrapped by the server's master key). The catalog only ever
 * hands clear text to this and stores what comes back.
 */
public interface Sealer {

    /**
     * @param binding what the value belongs to (catalog, region, connection, field): authenticated with the
     *                ciphertext, so a sealed value copied to another connection or field does not open
     */
    String seal(String clearText, List<String> binding);

    /** @throws SecretsUnavailable when the key is missing or the value does not authenticate */
    String unseal(String sealed, List<String> binding);

    /** Whether a stored value is one this sealer wrote (by its prefix). */
    boolean isSealed(String value);

    /** The id of the master key that wraps a sealed value's data key. */
    String keyId(String sealed);

    /** The same sealed value with its data key wrapped under the current master key (unchanged if it already is). */
    String rewrap(String sealed);
}
