package dev.dialtone.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection-property keys name a secret by their form alone, whatever the connection type: the
 * rule behind {@code HidePassword}, redaction and encryption at rest for keys no tester declares.
 *
 * <p>The key is trimmed, split into word parts (at any character that is not a letter or digit, and where a
 * lower-case letter meets an upper-case one) and compared without case. It names a secret when
 * <ul>
 * <li>it ends in PASSWORD (Glue's own rule, so {@code DBPASSWORD} too), or
 * <li>its parts, joined, contain PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, CREDENTIAL, PRIVATEKEY or APIKEY,
 *     or one part is PWD —
 * </ul>
 * unless its last part is ID, ARN, URL, URI or NAME: such a key says where a secret is
 * ({@code SECRET_ID}, {@code TOKEN_URL}), not what it is.
 */
public final class SecretPropertyNames {
    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "CREDENTIAL", "PRIVATEKEY", "APIKEY");
    private static final Set<String> REFERENCE_ENDINGS = Set.of("ID", "ARN", "URL", "URI", "NAME");
    /**
     * Keys already judged: every test and every connection read asks about each of its keys (redaction, HidePassword,
     * sealing), and judging them again was about 4 % of the request thread's CPU in a quick TestConnection.
     */
    private static final Map<String, Boolean> JUDGED = new ConcurrentHashMap<>();
    private static final int MAX_JUDGED = 2048;
    private static final int MAX_JUDGED_LENGTH = 128;

    private SecretPropertyNames() {
    }

    /** Whether {@code key} names a secret by its form (see the class comment for the rule). */
    public static boolean looksSecret(String key) {
        Boolean known = JUDGED.get(key);
        if (known != null) {
            return known;
        }
        boolean secret = judge(key);
        // Keys are whatever callers send, so only so many are remembered: enough for the names real definitions use.
        // Full, the memory starts again rather than stay filled with whatever keys came first.
        if (key.length() <= MAX_JUDGED_LENGTH) {
            if (JUDGED.size() >= MAX_JUDGED) {
                JUDGED.clear();
            }
            JUDGED.put(key, secret);
        }
        return secret;
    }

    private static boolean judge(String key) {
        List<String> parts = parts(key);
        if (parts.isEmpty()) {
            return false;
        }
        String joined = String.join("", parts);
        if (joined.endsWith("PASSWORD")) {
            return true;
        }
        if (REFERENCE_ENDINGS.contains(parts.get(parts.size() - 1))) {
            return false;
        }
        return parts.contains("PWD") || SECRET_WORDS.stream().anyMatch(joined::contains);
    }

    /** The key as compared with a declared name: trimmed, upper case. */
    public static String normalised(String key) {
        return key.trim().toUpperCase(Locale.ROOT);
    }

    private static List<String> parts(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        String trimmed = key.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(parts, part);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(trimmed.charAt(i - 1))) {
                flush(parts, part);
            }
            part.append(c);
        }
        flush(parts, part);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder part) {
        if (part.length() > 0) {
            parts.add(part.toString().toUpperCase(Locale.ROOT));
            part.setLength(0);
        }
    }
}
