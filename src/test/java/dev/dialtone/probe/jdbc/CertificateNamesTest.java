package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.TestCertificates;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Host-name matching for drivers whose handshake Dialtone's trust manager checks itself (RFC 6125 rules). */
class CertificateNamesTest {
    private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Names CA");
    private final X509Certificate wildcard = TestCertificates.server(CA, "*.example.com", "10.1.2.3").certificate();

    @Test
    void aLeftMostWildcardCoversExactlyOneLabel() {
        assertThat(CertificateNames.matches(wildcard, "db.example.com")).isTrue();
        assertThat(CertificateNames.matches(wildcard, "DB.Example.com")).isTrue();
        assertThat(CertificateNames.matches(wildcard, "a.db.example.com")).isFalse();
        assertThat(CertificateNames.matches(wildcard, "example.com")).isFalse();
        assertThat(CertificateNames.matches(wildcard, "db.example.org")).isFalse();
    }

    @Test
    void addressesMatchOnlyAddressEntries() {
        assertThat(CertificateNames.matches(wildcard, "10.1.2.3")).isTrue();
        assertThat(CertificateNames.matches(wildcard, "10.1.2.4")).isFalse();
    }

    @Test
    void theNamesAreListedForMessages() {
        assertThat(CertificateNames.describe(wildcard)).isEqualTo("'*.example.com', '10.1.2.3'");
    }
}
