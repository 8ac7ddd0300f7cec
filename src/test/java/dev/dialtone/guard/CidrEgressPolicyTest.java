package dev.dialtone.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decisions only: nothing here opens a socket, so no address outside loopback is ever sent a packet. */
class CidrEgressPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.170.2", "169.254.170.23", "fd00:ec2::254", "fd00:ec2::23",
            "fe80::1", "100.100.100.200", "64:ff9b::a9fe:a9fe", "::ffff:169.254.169.254"})
    void theDefaultRefusesCloudMetadataAndLinkLocalInEveryForm(String address) throws Exception {
        assertThat(CidrEgressPolicy.defaults().refusal("metadata.internal", ip(address), 80)).hasValueSatisfying(
                reason -> assertThat(reason).contains("which the egress policy denies (cloud metadata and link-local "
                        + "addresses)").contains("(metadata.internal)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::"})
    void theUnspecifiedAddressIsAlwaysRefusedBecauseItDialsThisServer(String address) throws Exception {
        assertThat(CidrEgressPolicy.of("none", "").refusal(address, ip(address), 5432))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is the unspecified address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.20.30.40", "172.16.0.5", "192.168.1.10", "203.0.113.7",
            "2001:db8::1", "100.100.100.201", "169.255.0.1"})
    void theDefaultAllowsPrivateAndPublicDatabases(String address) throws Exception {
        assertThat(CidrEgressPolicy.defaults().refusal("db", ip(address), 5432)).isEmpty();
    }

    @Test
    void operatorRangesAddToTheDenyListAndAnAllowListKeepsEverythingElseOut() throws Exception {
        CidrEgressPolicy policy = CidrEgressPolicy.of("metadata, 127.0.0.0/8, ::1", "10.0.0.0/8,fd12:3456::/32");
        assertThat(policy.refusal("localhost", ip("127.0.0.1"), 4599)).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("127.0.0.1:4599 (localhost) is in 127.0.0.0/8, which the egress policy "
                        + "denies; ask the operator of this Dialtone if the destination should be reachable"));
        assertThat(policy.refusal("::1", ip("::1"), 22)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("[0:0:0:0:0:0:0:1]:22 (::1) is in ::1"));
        assertThat(policy.refusal("db", ip("10.1.2.3"), 5432)).isEmpty();
        assertThat(policy.refusal("v6db", ip("fd12:3456::9"), 5432)).isEmpty();
        assertThat(policy.refusal("public", ip("203.0.113.7"), 443)).hasValueSatisfying(reason ->
                assertThat(reason).contains("203.0.113.7:443 (public) is outside the ranges the egress policy allows "
                        + "(10.0.0.0/8, fd12:3456::/32)"));
        // Deny wins over allow.
        assertThat(CidrEgressPolicy.of("10.9.0.0/16", "10.0.0.0/8").refusal("x", ip("10.9.1.1"), 1)).isPresent();
        assertThat(CidrEgressPolicy.of("10.9.0.0/16", "10.0.0.0/8").refusal("x", ip("10.8.1.1"), 1)).isEmpty();
    }

    @Test
    void prefixesThatAreNotWholeBytesMatchBitByBit() throws Exception {
        CidrEgressPolicy policy = CidrEgressPolicy.of("172.16.0.0/12", "");
        assertThat(policy.refusal("a", ip("172.31.255.255"), 1)).isPresent();
        assertThat(policy.refusal("b", ip("172.32.0.0"), 1)).isEmpty();
        assertThat(policy.refusal("c", ip("172.15.255.255"), 1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "metadata.example.com", "deadbeef", "10.0.0", "10.0.0.0/x",
            "*"})
    void anEntryThatIsNotARangeIsRefusedNamingItWithoutAnyLookup(String entry) {
        assertThatThrownBy(() -> CidrEgressPolicy.of("metadata," + entry, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the egress deny list has '" + entry + "'");
        assertThatThrownBy(() -> CidrEgressPolicy.of("", entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the egress allow list has '" + entry + "'");
    }
}
