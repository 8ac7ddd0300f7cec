package dev.dialtone.probe.kafka;

import dev.dialtone.probe.InvalidTestInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code host:port} of {@code KAFKA_BOOTSTRAP_SERVERS} (or of a broker's advertised listener). */
record BootstrapServer(String host, int port) {
    static final String PROPERTY = "KAFKA_BOOTSTRAP_SERVERS";
    private static final int MOST_SERVERS = 32;
    // A host name, an IPv4 address, or an IPv6 address in brackets; nothing that could carry a scheme,
    // credentials or a path to a client that parses more than we do.
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?|\\[(?<ipv6>[0-9A-Fa-f:.]{2,45})])"
                    + ":(?<port>[0-9]{1,5})");

    /** {@code host:port}, with brackets around an IPv6 address: the form Kafka clients take. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses the comma-separated list, in order, without duplicates.
     *
     * @throws InvalidTestInput naming the entry that is not {@code host:port}
     */
    static List<BootstrapServer> parseList(String value) {
        Set<BootstrapServer> servers = new LinkedHashSet<>();
        for (String entry : value.split(",", -1)) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = HOST_PORT.matcher(trimmed);
            if (!matcher.matches()) {
                throw new InvalidTestInput(PROPERTY + " entries must be host:port, for example "
                        + "b-1.kafka.internal:9094 (got '" + trimmed + "').");
            }
            int port = Integer.parseInt(matcher.group("port"));
            if (port < 1 || port > 65535) {
                throw new InvalidTestInput(PROPERTY + " has port " + port + " in '" + trimmed
                        + "'; a port is a number from 1 to 65535.");
            }
            String host = matcher.group("ipv6") != null ? matcher.group("ipv6") : matcher.group("name");
            servers.add(new BootstrapServer(host, port));
        }
        if (servers.isEmpty()) {
            throw new InvalidTestInput(PROPERTY + " must list at least one host:port.");
        }
        if (servers.size() > MOST_SERVERS) {
            throw new InvalidTestInput(PROPERTY + " lists " + servers.size() + " servers; Dialtone tests at most "
                    + MOST_SERVERS + ".");
        }
        return new ArrayList<>(servers);
    }
}
