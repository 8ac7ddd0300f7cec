package dev.dialtone.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a {@code Host} header names this machine by a loopback name or address: {@code localhost},
 * {@code *.localhost}, a {@code 127.0.0.0/8} literal or {@code [::1]}, with or without a port.
 *
 * <p>A server without authentication answers whoever reaches it; a web page can reach a laptop's loopback port
 * through DNS rebinding (its own name re-pointed at 127.0.0.1), but the browser then still sends the page's
 * name in {@code Host}. Refusing every other name closes that door. Nothing here resolves a name.
 */
final class LoopbackHost {
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private LoopbackHost() {
    }

    static boolean isLoopback(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || !portOrNothing(host.substring(close + 1))) {
                return false;
            }
            String literal = host.substring(1, close);
            return IPV6.matcher(literal).matches() && literal.contains(":") && loopbackLiteral(literal);
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!portOrNothing(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || (name.endsWith(".localhost") && name.length() > ".localhost".length()
                && !name.startsWith("."))) {
            return true;
        }
        return IPV4.matcher(name).matches() && octets(name) && loopbackLiteral(name);
    }

    /** Each part at most 255: anything else is no literal, and InetAddress would look it up as a name. */
    private static boolean octets(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean portOrNothing(String rest) {
        return rest.isEmpty() || (rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches());
    }

    /** {@code literal} is an address literal (checked by the caller), which InetAddress parses without any lookup. */
    private static boolean loopbackLiteral(String literal) {
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
