package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;

/** Encrypts a password under a catalog's KMS key, as Glue's {@code ENCRYPTED_PASSWORD} carries it. */
@FunctionalInterface
public interface PasswordEncryptor {

    /**
     * @return base64 of the KMS ciphertext blob ({@code aws kms decrypt} gives the password back)
     * @throws IllegalStateException naming the key when it cannot be used (unknown, disabled, denied, unreachable)
     */
    String encrypt(CatalogScope catalog, String kmsKeyId, String password);
}
