package dev.dialtone.probe.sftp;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Decides on the server's host key without asking anyone and without a known_hosts file: with an
 * expected fingerprint, the key must match it; without one, the key is accepted and reported so the
 * user can pin it. Remembers the key it saw, for the report and for a mismatch message.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    private final Optional<String> expected;
    private volatile PublicKey seen;
    private volatile boolean rejected;

    HostKeyCheck(Optional<String> expected) {
        this.expected = expected;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        seen = key;
        if (expected.isEmpty()) {
            return true;
        }
        rejected = !KeyUtils.checkFingerPrint(expected.get(), key).getKey();
        return !rejected;
    }

    Optional<String> expected() {
        return expected;
    }

    boolean rejected() {
        return rejected;
    }

    /** The key's type and SHA-256 fingerprint, as OpenSSH prints them. */
    Optional<String> seenKey() {
        PublicKey key = seen;
        return key == null ? Optional.empty() : Optional.of(KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key));
    }

    /**
     * The key seen, for a mismatch message: type and SHA-256 fingerprint, plus its fingerprint in the
     * expected one's digest when that is another (MD5), so the two can be compared by eye.
     */
    String describeMismatch() {
        String sha256 = KeyUtils.getFingerPrint(seen);
        String likeExpected = KeyUtils.checkFingerPrint(expected.orElse(""), seen).getValue();
        return KeyUtils.getKeyType(seen) + " " + sha256 + (likeExpected.equals(sha256) ? "" : " (" + likeExpected + ")");
    }
}
