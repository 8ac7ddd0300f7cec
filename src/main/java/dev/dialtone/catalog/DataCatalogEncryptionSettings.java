package dev.dialtone.catalog;

import java.util.Optional;

/**
 * Glue's {@code DataCatalogEncryptionSettings} of one catalog, as the caller put them. Dialtone seals
 * secrets at rest whatever these say; {@code ConnectionPasswordEncryption} decides what GetConnection returns.
 */
public record DataCatalogEncryptionSettings(Optional<EncryptionAtRest> encryptionAtRest,
        Optional<ConnectionPasswordEncryption> connectionPasswordEncryption) {

    /** What a catalog has before anyone put settings: as in Glue, both off. */
    public static final DataCatalogEncryptionSettings NONE = new DataCatalogEncryptionSettings(Optional.empty(),
            Optional.empty());

    /** {@code EncryptionAtRest}: stored and echoed. */
    public record EncryptionAtRest(String catalogEncryptionMode, Optional<String> sseAwsKmsKeyId,
            Optional<String> catalogEncryptionServiceRole) {
    }

    /** {@code ConnectionPasswordEncryption}: when on, passwords leave only as KMS ciphertext under the key. */
    public record ConnectionPasswordEncryption(boolean returnConnectionPasswordEncrypted,
            Optional<String> awsKmsKeyId) {
    }

    /** The KMS key passwords are returned under, when the catalog asks for it. */
    public Optional<String> returnPasswordsEncryptedUnder() {
        return connectionPasswordEncryption.filter(ConnectionPasswordEncryption::returnConnectionPasswordEncrypted)
                .flatMap(ConnectionPasswordEncryption::awsKmsKeyId);
    }
}
