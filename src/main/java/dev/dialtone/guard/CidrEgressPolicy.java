package dev.dialtone.guard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's egress rules as address ranges: a deny list (by default the cloud metadata and
 * link-local ranges, the classic SSRF targets) and an optional allow list (when set, nothing outside
 * it may be dialled). Deny wins over allow. The unspecified address (0.0.0.0, ::), which Linux dials
 * as the local host, is always refused, so it cannot slip past a rule that denies loopback.
 *
 * <p>Rules are written as CIDR ranges or single addresses, comma-separated; the word {@code metadata}
 * stands for {@link #METADATA}, {@code none} for no rule.
 */
public final class CidrEgressPolicy implements EgressPolicy {
    /** What {@code metadata} means: where clouds serve instance credentials, and link-local in general. */
    public static final List<String> METADATA = List.of(
            "169.254.0.0/16",      // IPv4 link-local: AWS, GCP, Azure, OCI metadata (169.254.169.254), ECS/EKS credentials
            "fe80::/10",           // IPv6 link-local
            "fd00:ec2::/32",       // AWS IMDS and EKS Pod Identity over IPv6 (fd00:ec2::254, fd00:ec2::23)
            "100.100.100.200/32"); // Alibaba Cloud metadata
    public static final String DEFAULT_DENY = "metadata";

    /** One range, e.g. 10.0.0.0/8; the text is kept for messages. */
    record Range(String text, byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private static final Range NAT64 = range("64:ff9b::/96");

    private final List<Range> deny;
    private final List<Range> allow;

    private CidrEgressPolicy(List<Range> deny, List<Range> allow) {
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
    }

    /**
     * The policy from the operator's settings.
     *
     * @param deny  comma-separated ranges to refuse ({@code metadata} for the built-in list, {@code none} for none)
     * @param allow comma-separated ranges that alone may be dialled; blank for every range not denied
     * @throws IllegalArgumentException naming the setting and the entry that is not a range
     */
    public static CidrEgressPolicy of(String deny, String allow) {
        return new CidrEgressPolicy(parse("deny", deny, true), parse("allow", allow, false));
    }

    /** The default: deny the metadata and link-local ranges, allow everything else. */
    public static CidrEgressPolicy defaults() {
        return of(DEFAULT_DENY, "");
    }

    @Override
    public Optional<String> refusal(String host, InetAddress address, int port) {
        String ip = address.getHostAddress();
        String destination = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port
                + (host.equals(ip) ? "" : " (" + host + ")");
        if (address.isAnyLocalAddress()) {
            return Optional.of(destination + " is the unspecified address, which reaches this server itself; "
                    + "Dialtone never dials it");
        }
        List<InetAddress> seen = withEmbedded(address);
        for (InetAddress candidate : seen) {
            for (Range range : deny) {
                if (range.contains(candidate)) {
                    return Optional.of(destination + " is in " + range.text() + ", which the egress policy denies"
                            + (METADATA.contains(range.text()) ? " (cloud metadata and link-local addresses)" : "")
                            + "; ask the operator of this Dialtone if the destination should be reachable");
                }
            }
        }
        if (!allow.isEmpty() && seen.stream().noneMatch(candidate -> allow.stream().anyMatch(r -> r.contains(candidate)))) {
            return Optional.of(destination + " is outside the ranges the egress policy allows ("
                    + allow.stream().map(Range::text).collect(Collectors.joining(", "))
                    + "); ask the operator of this Dialtone if the destination should be reachable");
        }
        return Optional.empty();
    }

    /** The address, and the IPv4 address a NAT64 address carries, so a translated form cannot hide a denied one. */
    private static List<InetAddress> withEmbedded(InetAddress address) {
        List<InetAddress> all = new ArrayList<>(List.of(address));
        if (address instanceof Inet6Address && NAT64.contains(address)) {
            try {
                all.add(InetAddress.getByAddress(Arrays.copyOfRange(address.getAddress(), 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        return all;
    }

    private static List<Range> parse(String setting, String text, boolean metadataAllowed) {
        List<Range> ranges = new ArrayList<>();
        if (text == null) {
            return ranges;
        }
        for (String entry : text.split(",")) {
            String trimmed = entry.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || trimmed.equals("none")) {
                continue;
            }
            if (trimmed.equals("metadata") && metadataAllowed) {
                METADATA.forEach(range -> ranges.add(range(range)));
                continue;
            }
            try {
                ranges.add(range(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the egress " + setting + " list has '" + entry.trim()
                        + "', which is not an address or CIDR range (e.g. 10.0.0.0/8, fd00::/8"
                        + (metadataAllowed ? ", or the word metadata" : "") + ")");
            }
        }
        return ranges;
    }

    /** Parses {@code a.b.c.d/n}, {@code v6::/n} or a single address, without any DNS lookup. */
    static Range range(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !address.matches("[0-9a-f]*:[0-9a-f:.]*")) {
            throw new IllegalArgumentException(text);
        }
        byte[] network;
        try {
            // Only address literals reach this point, so nothing is looked up in DNS.
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text, e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(text);
            }
        }
        return new Range(text, network, prefix);
    }
}
