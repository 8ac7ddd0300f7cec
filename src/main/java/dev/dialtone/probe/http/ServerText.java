package dev.dialtone.probe.http;

import dev.dialtone.guard.SecretRedactor;
import java.util.Collection;

/** Text a server sent (an error description, a Location), made fit for a message: one line, bounded, redacted. */
public final class ServerText {
    private static final int MAX = 300;

    private ServerText() {
    }

    public static String clean(String text, Collection<String> secrets) {
        String line = text.replaceAll("[\\p{Cntrl}]+", " ").trim();
        line = SecretRedactor.redact(line, secrets);
        return line.length() > MAX ? line.substring(0, MAX) + "…" : line;
    }
}
