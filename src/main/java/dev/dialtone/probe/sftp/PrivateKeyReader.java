package dev.dialtone.probe.sftp;

import dev.dialtone.probe.InvalidTestInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads a private key given as text (OpenSSH {@code BEGIN OPENSSH PRIVATE KEY}, or PEM: PKCS#1,
 * PKCS#8, EC), decrypting it with the passphrase when it is encrypted. Never names the key's
 * content or the passphrase in a message.
 */
final class PrivateKeyReader {
    private static final Pattern ONE_LINE_KEY =
            Pattern.compile("^(-----BEGIN [A-Z0-9 ]+-----)\\s*(.*?)\\s*(-----END [A-Z0-9 ]+-----)$");
    private static final Pattern PEM_HEADERS = Pattern.compile("^((?:[A-Za-z-]+: \\S+\\s+)+)(.*)$");
    private PrivateKeyReader() {
    }

    /**
     * @param source where the key came from, for messages (a property name, or "the secret's privateKey")
     * @throws InvalidTestInput when the text is not a key, or the passphrase is missing or wrong
     */
    static KeyPair read(String keyText, Optional<String> passphrase, String source, String passphraseSource) {
        String text = normalise(keyText);
        if (!text.contains("-----BEGIN ") || !text.contains(" PRIVATE KEY-----")) {
            throw new InvalidTestInput(source + " is not a private key: give the whole key text, from "
                    + "'-----BEGIN ... PRIVATE KEY-----' to its END line (OpenSSH or PEM format).");
        }
        NamedResource name = NamedResource.ofName(source);
        FilePasswordProvider passwords = passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY);
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, name,
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), passwords);
            Iterator<KeyPair> first = keys == null ? null : keys.iterator();
            if (first == null || !first.hasNext()) {
                throw new InvalidTestInput(source + " holds no private key Dialtone can read (OpenSSH or PEM: RSA, "
                        + "ECDSA, Ed25519).");
            }
            return first.next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof InvalidTestInput invalid) {
                throw invalid;
            }
            throw explain(e, text, passphrase.isPresent(), source, passphraseSource);
        }
    }

    private static InvalidTestInput explain(Exception error, String text, boolean hasPassphrase, String source,
            String passphraseSource) {
        boolean encrypted = isEncrypted(text);
        if (encrypted && !hasPassphrase) {
            return new InvalidTestInput(source + " is encrypted: give its passphrase in " + passphraseSource + ".");
        }
        if (encrypted) {
            return new InvalidTestInput(passphraseSource + " does not decrypt " + source
                    + " (wrong passphrase, or an encryption Dialtone cannot read).");
        }
        // The parser's message describes the format problem; it never contains key material.
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new InvalidTestInput(source + " cannot be read as a private key: " + reason + ".");
    }

    /** PEM marks encryption in its headers; OpenSSH keys name their cipher inside the base64 body. */
    private static boolean isEncrypted(String text) {
        if (text.contains("ENCRYPTED")) {
            return true;
        }
        if (!text.contains("BEGIN OPENSSH PRIVATE KEY")) {
            return false;
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] decoded = Base64.getDecoder().decode(body);
            String head = new String(decoded, 0, Math.min(decoded.length, 64), StandardCharsets.ISO_8859_1);
            return !head.contains("none");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Keys pasted into a one-line field often arrive with literal "\n" sequences, or with the line
     * breaks turned into spaces; both are put back so the parsers see PEM lines.
     */
    static String normalise(String keyText) {
        String text = keyText.trim().replace("\\n", "\n").replace("\r\n", "\n");
        if (text.contains("\n")) {
            return text + "\n";
        }
        Matcher key = ONE_LINE_KEY.matcher(text);
        if (!key.matches()) {
            return text;
        }
        StringBuilder lines = new StringBuilder(key.group(1)).append('\n');
        String body = key.group(2);
        Matcher headers = PEM_HEADERS.matcher(body);
        if (headers.matches()) {
            // PEM headers (Proc-Type, DEK-Info) are "Name: value" lines, then a blank line, then base64.
            for (String header : headers.group(1).trim().split("\\s+(?=[A-Za-z-]+: )")) {
                lines.append(header).append('\n');
            }
            lines.append('\n');
            body = headers.group(2);
        }
        for (String chunk : body.split("\\s+")) {
            lines.append(chunk).append('\n');
        }
        return lines.append(key.group(3)).append('\n').toString();
    }
}
