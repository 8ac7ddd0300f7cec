package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.Connection;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.catalog.EncryptionSettingsStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glue's {@code ConnectionPasswordEncryption} on the way out: when the catalog has
 * {@code ReturnConnectionPasswordEncrypted}, GetConnection(s) return each password as {@code ENCRYPTED_<key>}
 * (KMS ciphertext under the catalog's {@code AwsKmsKeyId}, base64) instead of the clear {@code <key>}:
 * {@code PASSWORD} and the Kafka passwords Glue's property keys have an {@code ENCRYPTED_} form for.
 * A key that cannot be used fails the call with GlueEncryptionException naming it; HidePassword skips all of it.
 */
final class ReturnedPasswords {
    private static final List<String> ENCRYPTABLE = List.of("PASSWORD", "KAFKA_CLIENT_KEYSTORE_PASSWORD",
            "KAFKA_CLIENT_KEY_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD");

    /** For servers without encryption settings: connections are shown as stored. */
    static final ReturnedPasswords AS_STORED = new ReturnedPasswords(null, null);

    private final EncryptionSettingsStore settings;
    private final PasswordEncryptor encryptor;

    ReturnedPasswords(EncryptionSettingsStore settings, PasswordEncryptor encryptor) {
        this.settings = settings;
        this.encryptor = encryptor;
    }

    /** How connections of this catalog are shown: as stored, or with their passwords encrypted. */
    Shown forCatalog(CatalogScope catalog, boolean hidePassword) {
        Optional<String> key = hidePassword || settings == null ? Optional.empty() : settings.get(catalog).returnPasswordsEncryptedUnder();
        return connection -> key.map(kmsKeyId -> encrypted(connection, catalog, kmsKeyId)).orElse(connection);
    }

    @FunctionalInterface
    interface Shown {
        Connection apply(Connection connection);
    }

    private Connection encrypted(Connection connection, CatalogScope catalog, String kmsKeyId) {
        ConnectionDefinition definition = connection.definition();
        Map<String, String> properties = new LinkedHashMap<>(definition.connectionProperties());
        boolean changed = false;
        for (String key : ENCRYPTABLE) {
            String clear = properties.remove(key);
            if (clear != null) {
                changed = true;
                try {
                    properties.put("ENCRYPTED_" + key, encryptor.encrypt(catalog, kmsKeyId, clear));
                } catch (IllegalStateException e) {
                    throw new GlueException(ErrorCode.GLUE_ENCRYPTION, "The connection password of '"
                            + definition.name() + "' cannot be encrypted with the catalog's KMS key " + kmsKeyId + ": "
                            + e.getMessage());
                }
            }
        }
        if (!changed) {
            return connection;
        }
        return new Connection(connection.catalog(), definition.withConnectionProperties(properties), connection.tags(),
                connection.revision(), connection.creationTime(), connection.lastUpdatedTime(), connection.status(),
                connection.statusReason(), connection.lastConnectionValidationTime());
    }
}
