package dev.dialtone.guard;

import java.net.InetAddress;
import java.util.ArrayList;
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
 * <p>An IPv6 address that carries an IPv4 one (mapped, compatible, translated, NAT64, 6to4, Teredo: see
 * {@link EmbeddedIpv4}) is judged as itself and as every IPv4 address it carries: it is refused when any
 * of them is denied, and, under an allow list, allowed when the IPv6 address itself is in an allowed range
 * or every IPv4 address it carries is. So a rule written for IPv4 holds whatever IPv6 form a name resolves
 * to, and a rule written for an IPv6 range still matches the IPv6 address.
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

    private final List<AddressRange> deny;
    private final List<AddressRange> allow;

    private CidrEgressPolicy(List<AddressRange> deny, List<AddressRange> allow) {
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
        List<InetAddress> carried = EmbeddedIpv4.of(address);
        for (InetAddress candidate : withCarried(address, carried)) {
            if (candidate.isAnyLocalAddress()) {
                return Optional.of(destination + carriedNote(address, candidate) + " is the unspecified address, "
                        + "which reaches this server itself; Dialtone never dials it");
            }
        }
        for (InetAddress candidate : withCarried(address, carried)) {
            for (AddressRange range : deny) {
                if (range.contains(candidate)) {
                    return Optional.of(destination + carriedNote(address, candidate) + " is in " + range.text()
                            + ", which the egress policy denies"
                            + (METADATA.contains(range.text()) ? " (cloud metadata and link-local addresses)" : "")
                            + "; ask the operator of this Dialtone if the destination should be reachable");
                }
            }
        }
        boolean allowed = allow.isEmpty() || allowed(address)
                || (!carried.isEmpty() && carried.stream().allMatch(this::allowed));
        if (!allowed) {
            return Optional.of(destination + (carried.isEmpty() ? "" : " (carrying " + carried.stream()
                    .map(InetAddress::getHostAddress).distinct().collect(Collectors.joining(", ")) + ")")
                    + " is outside the ranges the egress policy allows ("
                    + allow.stream().map(AddressRange::text).collect(Collectors.joining(", "))
                    + "); ask the operator of this Dialtone if the destination should be reachable");
        }
        return Optional.empty();
    }

    private boolean allowed(InetAddress candidate) {
        return allow.stream().anyMatch(range -> range.contains(candidate));
    }

    private static List<InetAddress> withCarried(InetAddress address, List<InetAddress> carried) {
        List<InetAddress> all = new ArrayList<>(List.of(address));
        all.addAll(carried);
        return all;
    }

    /** Says which carried IPv4 address a rule matched, when it was not the dialled address itself. */
    private static String carriedNote(InetAddress address, InetAddress candidate) {
        return candidate == address ? "" : ", which carries " + candidate.getHostAddress() + ",";
    }

    private static List<AddressRange> parse(String setting, String text, boolean metadataAllowed) {
        List<AddressRange> ranges = new ArrayList<>();
        if (text == null) {
            return ranges;
        }
        for (String entry : text.split(",")) {
            String trimmed = entry.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || trimmed.equals("none")) {
                continue;
            }
            if (trimmed.equals("metadata") && metadataAllowed) {
                METADATA.forEach(range -> ranges.add(AddressRange.parse(range)));
                continue;
            }
            try {
                ranges.add(AddressRange.parse(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the egress " + setting + " list has '" + entry.trim()
                        + "', which is not an address or CIDR range (e.g. 10.0.0.0/8, fd00::/8"
                        + (metadataAllowed ? ", or the word metadata" : "") + ")");
            }
        }
        return ranges;
    }
}
