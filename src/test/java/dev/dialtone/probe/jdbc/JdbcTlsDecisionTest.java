package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.probe.InvalidTestInput;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How Glue's TLS properties and each driver's own switches combine into one test's TLS settings. */
class JdbcTlsDecisionTest {
    private static final TlsRequest NONE = new TlsRequest(false, Optional.empty(), Optional.empty(), false);
    private static final TlsRequest ENFORCE = new TlsRequest(true, Optional.empty(), Optional.empty(), false);

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }

    @Test
    void enforcedTlsVerifiesChainAndHostWhateverTheDriverSays() {
        JdbcTls tls = JdbcTls.decide(ENFORCE, TlsIntent.verifyChain("sslmode=verify-ca"), "db", Optional.empty());
        assertThat(tls.required()).isTrue();
        assertThat(tls.verify()).isTrue();
        assertThat(tls.verifyHost()).isTrue();
    }

    @Test
    void aCaAloneAsksForVerifiedTlsButYieldsToAnExplicitVerifyCa() throws Exception {
        TlsRequest withCa = new TlsRequest(false, Optional.of(emptyStore()), Optional.empty(), false);
        JdbcTls byDefault = JdbcTls.decide(withCa, TlsIntent.optional("sslmode=prefer (the default)"), "db",
                Optional.empty());
        assertThat(byDefault.required()).isTrue();
        assertThat(byDefault.verifyHost()).isTrue();
        JdbcTls chainOnly = JdbcTls.decide(withCa, TlsIntent.verifyChain("sslmode=verify-ca"), "db", Optional.empty());
        assertThat(chainOnly.verify()).isTrue();
        assertThat(chainOnly.verifyHost()).isFalse();
    }

    @Test
    void skippingValidationKeepsEncryptionAndSaysWhy() {
        JdbcTls tls = JdbcTls.decide(new TlsRequest(true, Optional.empty(), Optional.empty(), true),
                TlsIntent.optional("x"), "db", Optional.empty());
        assertThat(tls.required()).isTrue();
        assertThat(tls.verify()).isFalse();
        assertThat(tls.unverifiedReason()).isEqualTo("SKIP_CUSTOM_JDBC_CERT_VALIDATION=true");
    }

    @Test
    void theExpectedNameIsTheCertStringThenTheDriversThenTheHost() {
        TlsRequest withName = new TlsRequest(false, Optional.empty(), Optional.of("db.example.com"), false);
        assertThat(JdbcTls.decide(withName, TlsIntent.optional("x"), "10.0.0.5", Optional.of("other")).expectedName())
                .isEqualTo("db.example.com");
        SqlServerEngine sqlServer = new SqlServerEngine();
        Map<String, String> parameters = Map.of("hostNameInCertificate", "*.database.windows.net");
        JdbcTls fromDriver = JdbcTls.decide(NONE, sqlServer.tlsIntent(parameters), "10.0.0.5",
                sqlServer.expectedCertificateName(parameters));
        assertThat(fromDriver.expectedName()).isEqualTo("*.database.windows.net");
        assertThat(fromDriver.verifyHost()).isTrue();
        assertThat(JdbcTls.decide(NONE, TlsIntent.optional("x"), "10.0.0.5", Optional.empty()).expectedName())
                .isEqualTo("10.0.0.5");
    }

    @Test
    void tlsSwitchedOffByTheDriverConflictsWithGluesTlsProperties() {
        assertThatThrownBy(() -> JdbcTls.decide(ENFORCE, TlsIntent.off("sslMode=DISABLED"), "db", Optional.empty()))
                .isInstanceOf(InvalidTestInput.class)
                .hasMessageContaining("JDBC_ENFORCE_SSL=true asks for TLS, but the connection's sslMode=DISABLED");
    }
}
