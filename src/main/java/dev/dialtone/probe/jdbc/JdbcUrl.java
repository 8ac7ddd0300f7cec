package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.InvalidTestInput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked JDBC URL: engine scheme, one host, port, database, and the driver parameters it carried.
 * Every engine but SQL Server, Oracle and Db2 uses the one plain form parsed here,
 * {@code jdbc:<scheme>://host[:port][/database][?k=v&...]}; those three parse their own syntax into
 * the same parts (with {@code sid} true for an Oracle SID instead of a service name).
 *
 * <p>The parse is deliberately strict. Drivers accept many other spellings (host-property lists,
 * multi-host lists, fragments, load-balancing prefixes) that have been used to smuggle parameters
 * past filters; Dialtone refuses them all, and drivers only ever see a URL rebuilt from the parts
 * checked here, with the parameters passed separately after the allow-list.
 */
public record JdbcUrl(String scheme, String host, OptionalInt port, Optional<String> database, boolean sid,
        Map<String, String> parameters) {

    private static final Set<String> NEVER = Set.of("h2", "derby", "sqlite", "hsqldb", "jcr", "jndi", "ldap", "rmi");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]+\\]");
    static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$.-]{1,128}");
    // Compiled once: these run on every test's URL.
    private static final Pattern PREFIX_WORDS = Pattern.compile("[:+;@/]");
    private static final Pattern ENGINE_WORD = Pattern.compile("[a-z0-9]+");
    private static final Pattern PORT_DIGITS = Pattern.compile("[0-9]{1,5}");

    public JdbcUrl {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    static final String WHERE = "JDBC_CONNECTION_URL";

    /**
     * The engine word of {@code url} ({@code postgresql} in {@code jdbc:postgresql://...}, {@code oracle}
     * in {@code jdbc:oracle:thin:@...}), after refusing the forms that are never acceptable; the engine
     * it names then parses the rest in its own syntax.
     */
    public static String engineWord(String url) {
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new InvalidTestInput(WHERE + " must start with 'jdbc:'.");
        }
        String rest = url.substring(5);
        int slashes = rest.indexOf("://");
        String prefix = (slashes < 0 ? rest : rest.substring(0, slashes)).toLowerCase(Locale.ROOT);
        for (String word : PREFIX_WORDS.split(prefix)) {
            if (NEVER.contains(word)) {
                throw new InvalidTestInput(WHERE + " uses 'jdbc:" + prefix + ":', which Dialtone never accepts: "
                        + "embedded databases and JNDI lookups can run code or read files on the server.");
            }
        }
        int colon = rest.indexOf(':');
        String word = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (word.isEmpty() || !ENGINE_WORD.matcher(word).matches()) {
            throw unsupported(prefix);
        }
        return word;
    }

    static InvalidTestInput unsupported(String form) {
        return new InvalidTestInput(WHERE + " form 'jdbc:" + form + "' is not supported; use "
                + "jdbc:<engine>://<host>:<port>/<database> (for example jdbc:postgresql://db.example.com:5432/sales).");
    }

    /** Parses the plain form {@code jdbc:<scheme>://host[:port][/database][?k=v&...]}, nothing else. */
    public static JdbcUrl parse(String url, String scheme) {
        String where = WHERE;
        String prefix = "jdbc:" + scheme + "://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            int slashes = url.indexOf("://");
            throw unsupported((slashes < 0 ? url.substring(5) : url.substring(5, slashes)).toLowerCase(Locale.ROOT));
        }
        if (url.indexOf('#') >= 0) {
            throw new InvalidTestInput(where + " must not contain '#'.");
        }
        String rest = url.substring(prefix.length());
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String afterAuthority = pathStart < 0 ? "" : rest.substring(pathStart);
        HostAndPort address = hostAndPort(authority);
        String host = address.host();
        OptionalInt port = address.port();

        String path = afterAuthority;
        String query = "";
        int question = afterAuthority.indexOf('?');
        if (question >= 0) {
            path = afterAuthority.substring(0, question);
            query = afterAuthority.substring(question + 1);
        }
        Optional<String> database = Optional.empty();
        if (path.length() > 1) {
            String name = decode(path.substring(1), where);
            checkDatabase(name, "the database in " + where);
            database = Optional.of(name);
        }
        return new JdbcUrl(scheme, host, port, database, false, parseQuery(query, where));
    }

    /** One host with an optional port, refusing credentials, host-property lists and several hosts. */
    static HostAndPort hostAndPort(String authority) {
        String where = WHERE;
        if (authority.contains("@")) {
            throw new InvalidTestInput(where + " must not carry credentials (user@host); put them in USERNAME and PASSWORD.");
        }
        if (authority.contains("(") || authority.contains("=")) {
            throw new InvalidTestInput(where + " uses the host-properties form; give host and port plainly.");
        }
        if (authority.contains(",")) {
            throw new InvalidTestInput(where + " lists several hosts; Dialtone tests one host at a time.");
        }
        String host = authority;
        OptionalInt port = OptionalInt.empty();
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            port = OptionalInt.of(parsePort(authority.substring(colon + 1), "the port in " + where));
        }
        checkHost(host, "the host in " + where);
        return new HostAndPort(host, port);
    }

    record HostAndPort(String host, OptionalInt port) {
    }

    static int parsePort(String text, String what) {
        if (!PORT_DIGITS.matcher(text).matches()) {
            throw new InvalidTestInput(capitalise(what) + " must be a number from 1 to 65535 (got '" + text + "').");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new InvalidTestInput(capitalise(what) + " must be a number from 1 to 65535 (got " + port + ").");
        }
        return port;
    }

    static void checkHost(String host, String what) {
        if (host.isEmpty()) {
            throw new InvalidTestInput(capitalise(what) + " is missing.");
        }
        if (!HOST.matcher(host).matches()) {
            throw new InvalidTestInput(capitalise(what) + " '" + host + "' is not a valid host name or IP address.");
        }
    }

    static void checkDatabase(String name, String what) {
        if (!DATABASE.matcher(name).matches()) {
            throw new InvalidTestInput(capitalise(what) + " '" + name
                    + "' may only contain letters, digits, '_', '$', '.' and '-' (at most 128).");
        }
    }

    private static Map<String, String> parseQuery(String query, String where) {
        return parsePairs(query, "&", true);
    }

    /**
     * {@code key=value} pairs split by {@code separator}; keys must be unique (without case), because
     * drivers disagree on which of two spellings wins.
     */
    static Map<String, String> parsePairs(String text, String separator, boolean percentDecode) {
        String where = WHERE;
        Map<String, String> parameters = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        if (text.isEmpty()) {
            return parameters;
        }
        for (String pair : text.split(java.util.regex.Pattern.quote(separator), -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawKey = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String key = (percentDecode ? decode(rawKey, where) : rawKey).trim();
            String value = percentDecode ? decode(rawValue, where) : rawValue;
            if (key.isEmpty()) {
                throw new InvalidTestInput(where + " has a parameter without a name.");
            }
            if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                throw new InvalidTestInput(where + " sets the parameter '" + key + "' more than once.");
            }
            parameters.put(key, value);
        }
        return parameters;
    }

    private static String decode(String text, String where) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTestInput(where + " has a malformed percent-escape in '" + text + "'.");
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
