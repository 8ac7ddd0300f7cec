package dev.dialtone.sealing;

/** A KMS key could not be used (unknown, disabled, denied, unreachable); the message names the key, never a secret. */
public final class KmsUnavailable extends IllegalStateException {
    private final String kmsKeyId;

    KmsUnavailable(String kmsKeyId, String message) {
        super(message);
        this.kmsKeyId = kmsKeyId;
    }

    public String kmsKeyId() {
        return kmsKeyId;
    }
}
