package dev.dialtone.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Decisions only (no socket): every IPv6 form that carries an IPv4 address is judged as that address,
 * whether it arrives as Java's collapsed literal (an Inet4Address) or, as DNS and hosts-file answers do,
 * as an Inet6Address with the same bytes.
 */
class EmbeddedIpv4PolicyTest {
    private static final CidrEgressPolicy STRICT = CidrEgressPolicy.of(
            "metadata,127.0.0.0/8,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", "");

    /** The address as a resolver returns it: an Inet6Address, never collapsed to IPv4 by Java. */
    private static InetAddress resolved(String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return Inet6Address.getByAddress("made-up.dialtone.test", bytes, -1);
    }

    private static Optional<String> judge(CidrEgressPolicy policy, InetAddress address) {
        return policy.refusal("made-up.dialtone.test", address, 5432);
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @CsvSource({
            "::ffff:169.254.169.254,   169.254.169.254", // mapped
            "::ffff:a9fe:a9fe,         169.254.169.254", // mapped, hex
            "::a9fe:a9fe,              169.254.169.254", // compatible
            "::169.254.169.254,        169.254.169.254", // compatible, dotted
            "::ffff:0:a9fe:a9fe,       169.254.169.254", // translated
            "64:ff9b::a9fe:a9fe,       169.254.169.254", // NAT64 well-known
            "64:ff9b:1:a9fe:a9:fe00::, 169.254.169.254", // NAT64 local-use, /48 placement (bits 64-71 skipped)
            "64:ff9b:1:00a9:fe:a9fe::, 169.254.169.254", // ... /56 placement
            "64:ff9b:1:0:a9:fea9:fe00:0, 169.254.169.254", // ... /64 placement
            "64:ff9b:1::a9fe:a9fe,     169.254.169.254", // ... /96 placement
            "2002:a9fe:a9fe::1,        169.254.169.254", // 6to4
            "2001:0:a9fe:a9fe::1,      169.254.169.254", // Teredo server
            "2001:0:4136:e378:8000:63bf:5601:5601, 169.254.169.254", // Teredo client (inverted bits)
    })
    void everyFormCarryingTheMetadataAddressIsRefusedAsIt(String form, String carried) throws Exception {
        for (InetAddress address : new InetAddress[] {resolved(form), InetAddress.getByName(form)}) {
            assertThat(judge(CidrEgressPolicy.defaults(), address)).as(form + " as " + address.getClass().getSimpleName())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("169.254.0.0/16, which the egress policy "
                            + "denies (cloud metadata and link-local addresses)"));
        }
        assertThat(EmbeddedIpv4.of(resolved(form))).contains(InetAddress.getByName(carried));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.9.9", "172.31.255.255", "192.168.0.1"})
    void aStrictDenyListHoldsForNamesMappingIntoItsRanges(String ipv4) throws Exception {
        String[] forms = {"::ffff:" + ipv4, "::" + ipv4, "::ffff:0:" + ipv4, "64:ff9b::" + ipv4, "64:ff9b:1::" + ipv4,
                sixToFour(ipv4)};
        for (String form : forms) {
            assertThat(judge(STRICT, resolved(form))).as(form).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("which carries " + ipv4 + ", is in").contains("which the egress policy denies"));
        }
        assertThat(judge(STRICT, resolved(ipv4))).as("::ffff:" + ipv4 + " from a resolver").isPresent();
    }

    @Test
    void aPublicAddressInTheSameFormsIsStillAllowed() throws Exception {
        for (String form : new String[] {"::ffff:203.0.113.7", "64:ff9b::203.0.113.7", "2002:cb00:7107::1",
                "2001:db8::1", "::ffff:0:203.0.113.7"}) {
            assertThat(judge(STRICT, resolved(form))).as(form).isEmpty();
        }
    }

    @Test
    void theLoopbackIsJudgedAsTheHostItReachesNotAsZeroZeroZeroOne() throws Exception {
        assertThat(EmbeddedIpv4.of(InetAddress.getByName("::1"))).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(judge(CidrEgressPolicy.of("127.0.0.0/8", ""), InetAddress.getByName("::1"))).isPresent();
        assertThat(judge(CidrEgressPolicy.of("::1", ""), InetAddress.getByName("::1"))).isPresent();
        assertThat(judge(CidrEgressPolicy.of("0.0.0.0/8", ""), InetAddress.getByName("::1"))).isEmpty();
        assertThat(EmbeddedIpv4.of(InetAddress.getByName("::2"))).containsExactly(InetAddress.getByName("0.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:0.0.0.0", "64:ff9b::0.0.0.0", "2002:0:0::1", "::ffff:0:0.0.0.0"})
    void anUnspecifiedAddressInsideAnyFormIsRefusedEvenWithNoRules(String form) throws Exception {
        assertThat(judge(CidrEgressPolicy.of("none", ""), resolved(form))).as(form)
                .hasValueSatisfying(reason -> assertThat(reason).contains("is the unspecified address"));
    }

    @Test
    void aRuleWrittenAsAnIpv6RangeStillMatchesTheIpv6AddressItself() throws Exception {
        CidrEgressPolicy nat64Denied = CidrEgressPolicy.of("64:ff9b::/96", "");
        assertThat(judge(nat64Denied, resolved("64:ff9b::203.0.113.7"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("is in 64:ff9b::/96"));
        CidrEgressPolicy mappedDenied = CidrEgressPolicy.of("::ffff:0:0/96", "");
        assertThat(judge(mappedDenied, resolved("::ffff:203.0.113.7"))).isPresent();
        // Java's collapsed literal is still recognised by the mapped rule.
        assertThat(judge(mappedDenied, InetAddress.getByName("::ffff:203.0.113.7"))).isPresent();
        CidrEgressPolicy mappedLoopback = CidrEgressPolicy.of("::ffff:127.0.0.0/104", "");
        assertThat(judge(mappedLoopback, InetAddress.getByName("127.0.0.9"))).isPresent();
        assertThat(judge(mappedLoopback, InetAddress.getByName("128.0.0.9"))).isEmpty();
        assertThat(judge(CidrEgressPolicy.of("2002::/16", ""), resolved("2002:cb00:7107::1"))).isPresent();
        assertThat(judge(CidrEgressPolicy.of("2001::/32", ""), resolved("2001:0:cb00:7107::1"))).isPresent();
    }

    @Test
    void underAnAllowListAFormIsAllowedOnlyWhenItselfOrEverythingItCarriesIsAllowed() throws Exception {
        CidrEgressPolicy tenOnly = CidrEgressPolicy.of("metadata", "10.0.0.0/8");
        assertThat(judge(tenOnly, resolved("::ffff:10.1.2.3"))).isEmpty();
        assertThat(judge(tenOnly, resolved("64:ff9b::10.1.2.3"))).isEmpty();
        assertThat(judge(tenOnly, resolved("::ffff:203.0.113.7"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("(carrying 203.0.113.7) is outside the ranges the egress policy allows"));
        // The local-use NAT64 prefix has several placements: one of them landing in 10/8 is not enough.
        assertThat(judge(tenOnly, resolved("64:ff9b:1:a01:2:300::"))).isPresent();
        assertThat(judge(CidrEgressPolicy.of("metadata", "64:ff9b::/96"), resolved("64:ff9b::203.0.113.7"))).isEmpty();
        assertThat(judge(CidrEgressPolicy.of("metadata", "64:ff9b::/96"), resolved("64:ff9b::a9fe:a9fe"))).isPresent();
    }

    private static String sixToFour(String ipv4) throws Exception {
        byte[] b = InetAddress.getByName(ipv4).getAddress();
        return String.format("2002:%02x%02x:%02x%02x::1", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
}
