package dev.dialtone.probe.kafka;

import dev.dialtone.probe.InvalidTestInput;
import java.util.List;

/**
 * A SASL mechanism with the user and password to present. The password never appears in
 * {@link #toString()}.
 */
record SaslCredentials(String mechanism, String username, String password) {
    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    SaslCredentials {
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        }
        checkPrintable(username, "The SASL user name");
        checkPrintable(password, "The SASL password");
    }

    boolean scram() {
        return mechanism.startsWith("SCRAM-");
    }

    /**
     * The client's JAAS configuration, from a fixed template: only our two login modules, and the
     * values quoted and escaped so no value can end its string and add options or modules.
     * Users never give {@code sasl.jaas.config} themselves.
     */
    String jaasConfig() {
        String module = scram() ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    // Kafka parses JAAS values with a StreamTokenizer: inside quotes, backslash escapes the next character.
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    // A control character (a newline above all) would end a quoted JAAS value early; PLAIN also uses NUL
    // as its separator. Neither belongs in a user name or password.
    private static void checkPrintable(String value, String what) {
        if (value.isEmpty()) {
            throw new InvalidTestInput(what + " is empty.");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidTestInput(what + " contains a control character (such as a line break), which SASL "
                    + "cannot carry.");
        }
    }

    @Override
    public String toString() {
        return "SaslCredentials[" + mechanism + ", username=" + username + ", password=****]";
    }
}
