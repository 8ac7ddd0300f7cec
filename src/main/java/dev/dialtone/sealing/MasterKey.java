package dev.dialtone.sealing;

import javax.crypto.SecretKey;

/** One master key of the ring: its id (stored in every envelope it wraps) and the AES-256 key. */
record MasterKey(String id, SecretKey key) {
    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
