package dev.dialtone.guard;

import java.util.Collection;

/** Removes secret values from text that is about to leave the process (messages, log lines). */
public final class SecretRedactor {
    public static final String MASK = "****";
    // Shorter values would mask ordinary letters all over a message without protecting anything.
    private static final int SHORTEST_MASKED = 3;

    private SecretRedactor() {
    }

    public static String redact(String text, Collection<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= SHORTEST_MASKED && result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
