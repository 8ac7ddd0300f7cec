package dev.dialtone.catalog;

/**
 * The catalog's secrets cannot be opened: the master key is missing, wrong, or its KMS key cannot be
 * used. The message is for the operator and names what is missing (key file path, key id or KMS key);
 * it never holds a secret.
 */
public final class SecretsUnavailable extends RuntimeException {
    public SecretsUnavailable(String message) {
        super(message);
    }

    public SecretsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
