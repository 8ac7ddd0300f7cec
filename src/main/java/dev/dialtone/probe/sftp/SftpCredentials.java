package dev.dialtone.probe.sftp;

import java.security.KeyPair;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who the SFTP test logs in as: a user name with a password, a private key, or both (the key is
 * offered first). {@code secrets} holds every credential text, for redaction.
 */
record SftpCredentials(String user, Optional<String> password, Optional<KeyPair> key, Set<String> secrets) {

    SftpCredentials {
        secrets = Set.copyOf(secrets);
    }

    static SftpCredentials of(String user, Optional<String> password, Optional<KeyPair> key, Optional<String> keyText,
            Optional<String> passphrase) {
        Set<String> secrets = new HashSet<>();
        password.ifPresent(secrets::add);
        keyText.ifPresent(secrets::add);
        passphrase.ifPresent(secrets::add);
        return new SftpCredentials(user, password, key, secrets);
    }

    /** The SSH authentication methods these credentials allow, in the order offered. */
    String methods() {
        return key.isPresent() && password.isPresent() ? "publickey, password" : key.isPresent() ? "publickey" : "password";
    }

    @Override
    public String toString() {
        return "SftpCredentials[user=" + user + ", methods=" + methods() + "]";
    }
}
