package dev.dialtone.iam;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An {@code aws:SourceIp} value: an IPv4 or IPv6 CIDR, or one address. Only address literals are
 * accepted, so nothing is ever looked up in DNS. An IPv4-mapped IPv6 address counts as its IPv4 address.
 */
record IpRange(String text, byte[] network, int prefix) {

    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IPv4 or IPv6 address or CIDR range"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
            }
        }
        return new IpRange(text, bytes, prefix);
    }

    boolean contains(String address) {
        Optional<byte[]> candidate = literal(address);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] bytes = candidate.get();
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

    /** The bytes of an address literal (IPv4-mapped IPv6 as IPv4); empty for anything else, without DNS. */
    static Optional<byte[]> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !address.matches("(?i)[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z]+)?")) {
            return Optional.empty();
        }
        try {
            // Only address literals reach this point, so nothing is looked up.
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
