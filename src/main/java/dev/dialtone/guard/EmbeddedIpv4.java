package dev.dialtone.guard;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries, so that a rule written for IPv4 judges the host a
 * packet really reaches however the name was written or resolved. Java turns the literal
 * {@code ::ffff:169.254.169.254} into an {@link Inet4Address}, but a DNS or hosts-file answer with the
 * same bytes stays an {@code Inet6Address}; either way the kernel (dual-stack socket, SIIT, NAT64,
 * 6to4 relay) delivers it to the IPv4 host.
 *
 * <p>Forms recognised, each by its prefix:
 * <ul>
 * <li>IPv4-mapped {@code ::ffff:0:0/96} and IPv4-translated {@code ::ffff:0:0:0/96} (RFC 4291, RFC 2765): the last 32 bits;
 * <li>IPv4-compatible {@code ::/96} (deprecated, RFC 4291): the last 32 bits, except {@code ::} (the unspecified
 *     address, refused on its own) and {@code ::1}, which is the IPv6 loopback and so is judged as
 *     {@code 127.0.0.1}, the host it reaches, not as the meaningless {@code 0.0.0.1};
 * <li>NAT64 well-known prefix {@code 64:ff9b::/96} (RFC 6052): the last 32 bits;
 * <li>NAT64 local-use prefix {@code 64:ff9b:1::/48} (RFC 8215): the operator's translator may use any RFC 6052
 *     prefix length inside it, which the address does not say, so every placement possible there is returned
 *     (/48, /56, /64 — each skipping the reserved bits 64–71 — and /96);
 * <li>6to4 {@code 2002::/16} (RFC 3056): bits 16–47;
 * <li>Teredo {@code 2001::/32} (RFC 4380): both the Teredo server (bits 32–63) and the client's public
 *     address (bits 96–127, stored inverted), since packets are relayed towards both.
 * </ul>
 */
final class EmbeddedIpv4 {
    private EmbeddedIpv4() {
    }

    /** The IPv4 addresses {@code address} carries; empty for a plain IPv4 or a native IPv6 address. */
    static List<InetAddress> of(InetAddress address) {
        byte[] b = address.getAddress();
        List<InetAddress> carried = new ArrayList<>();
        if (b.length != 16) {
            return carried;
        }
        if (zero(b, 0, 10) && ff(b, 10) && ff(b, 11)) {
            carried.add(v4(b[12], b[13], b[14], b[15]));                  // ::ffff:a.b.c.d, mapped
        } else if (zero(b, 0, 8) && ff(b, 8) && ff(b, 9) && zero(b, 10, 12)) {
            carried.add(v4(b[12], b[13], b[14], b[15]));                  // ::ffff:0:a.b.c.d, translated
        } else if (zero(b, 0, 12)) {
            if (zero(b, 12, 15) && b[15] == 1) {
                carried.add(v4((byte) 127, (byte) 0, (byte) 0, (byte) 1)); // ::1, the loopback
            } else if (!zero(b, 12, 16)) {
                carried.add(v4(b[12], b[13], b[14], b[15]));              // ::a.b.c.d, compatible
            }
        } else if (prefix(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
            carried.add(v4(b[12], b[13], b[14], b[15]));                  // 64:ff9b::a.b.c.d, NAT64
        } else if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            // A translator never sends to 0.0.0.0, so a placement reading as zeros is not a destination.
            placement(carried, b[6], b[7], b[9], b[10]);                  // 64:ff9b:1::/48 with a /48 prefix
            placement(carried, b[7], b[9], b[10], b[11]);                 // ... with a /56 prefix
            placement(carried, b[9], b[10], b[11], b[12]);                // ... with a /64 prefix
            placement(carried, b[12], b[13], b[14], b[15]);               // ... with a /96 prefix
        } else if (prefix(b, 0x20, 0x02)) {
            carried.add(v4(b[2], b[3], b[4], b[5]));                      // 2002:a.b.c.d::/48, 6to4
        } else if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            carried.add(v4(b[4], b[5], b[6], b[7]));                      // Teredo server
            carried.add(v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15])); // Teredo client, inverted
        }
        return carried;
    }

    private static void placement(List<InetAddress> carried, byte a, byte b, byte c, byte d) {
        if ((a | b | c | d) != 0) {
            carried.add(v4(a, b, c, d));
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] bytes, int index) {
        return bytes[index] == (byte) 0xff;
    }

    private static boolean prefix(byte[] bytes, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[i] != (byte) expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
