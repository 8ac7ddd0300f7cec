package dev.dialtone.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A sealed value as stored: {@code dialtone-sealed:} then base64 of
 * {@code version(1) | keyIdLength(1) | keyId | wrapNonce(12) | wrappedDataKey(48) | valueNonce(12) | ciphertext}.
 * The data key (AES-256, one per value) is AES-GCM-encrypted under the master key named by {@code keyId},
 * with the key id as associated data; the value is AES-GCM-encrypted under the data key, with its binding
 * (catalog, region, connection, field) as associated data. Rotation rewraps the data key and leaves the
 * value's ciphertext as it is.
 */
record Envelope(String keyId, byte[] wrapNonce, byte[] wrappedKey, byte[] valueNonce, byte[] ciphertext) {
    static final String PREFIX = "dialtone-sealed:";
    static final byte VERSION = 1;
    private static final int WRAPPED_KEY_BYTES = AesGcm.KEY_BYTES + 16;

    static boolean looksSealed(String value) {
        return value.startsWith(PREFIX);
    }

    String format() {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + id.length + wrapNonce.length + wrappedKey.length + valueNonce.length
                + ciphertext.length);
        out.put(VERSION).put((byte) id.length).put(id).put(wrapNonce).put(wrappedKey).put(valueNonce).put(ciphertext);
        return PREFIX + Base64.getEncoder().encodeToString(out.array());
    }

    /** The envelope, or empty when the text is not one this version can read. */
    static Optional<Envelope> parse(String value) {
        if (!looksSealed(value)) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(value.substring(PREFIX.length())));
            if (in.get() != VERSION) {
                return Optional.empty();
            }
            byte[] id = new byte[in.get() & 0xff];
            in.get(id);
            byte[] wrapNonce = new byte[AesGcm.NONCE_BYTES];
            in.get(wrapNonce);
            byte[] wrapped = new byte[WRAPPED_KEY_BYTES];
            in.get(wrapped);
            byte[] valueNonce = new byte[AesGcm.NONCE_BYTES];
            in.get(valueNonce);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length < 16 || id.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new Envelope(new String(id, StandardCharsets.UTF_8), wrapNonce, wrapped, valueNonce,
                    ciphertext));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** What the data key's wrapping is bound to: the master key's id, so a key cannot pass for another's. */
    static byte[] wrapBinding(String keyId) {
        return ("dialtone-data-key/1|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
