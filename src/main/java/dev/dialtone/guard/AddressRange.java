package dev.dialtone.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * An address range written as a CIDR ({@code 10.0.0.0/8}, {@code fd00::/8}) or one address, as the egress
 * rules and the {@code aws:SourceIp} policy condition take them. Only address literals are read, so nothing
 * is ever looked up in DNS. A range written as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d/n}) counts its prefix
 * over 128 bits and still matches the IPv4 address Java reads such a literal as.
 *
 * @param text the range as written, kept for messages
 */
public record AddressRange(String text, byte[] network, int prefix) {

    /**
     * @throws IllegalArgumentException saying why {@code text} is not a range
     */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !address.toLowerCase(Locale.ROOT).matches("[0-9a-f]*:[0-9a-f:.]*")) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or CIDR range");
        }
        byte[] network = bytes(address).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IPv4 or IPv6 address or CIDR range"));
        if (!v4 && network.length == 4) {
            network = mapped(network);
        }
        int bits = network.length * 8;
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
        return new AddressRange(text, network, prefix);
    }

    /** The address an IPv4 or IPv6 literal (brackets and zone allowed) names; empty for anything else, without DNS. */
    public static Optional<InetAddress> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !address.matches("(?i)[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z]+)?")) {
            return Optional.empty();
        }
        try {
            // Only address literals reach this point, so nothing is looked up.
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && network.length == 16) {
            // Java reads the literal ::ffff:a.b.c.d as an IPv4 address: a mapped range must still match it.
            bytes = mapped(bytes);
        }
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

    private static Optional<byte[]> bytes(String literal) {
        return literal(literal).map(InetAddress::getAddress);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
