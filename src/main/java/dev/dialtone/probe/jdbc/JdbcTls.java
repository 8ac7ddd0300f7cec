package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.InvalidTestInput;
import java.security.KeyStore;
import java.util.Optional;

/**
 * How one test uses TLS, decided from Glue's properties and the driver's own parameters. Dialtone's
 * TLS hooks (trust manager, SSL socket factories) read it from the test's session.
 *
 * @param disabled         TLS is off: the engine must not even try it
 * @param required         a server without TLS fails at TLS
 * @param verify           the chain must lead to a trusted CA ({@code trustAnchors}, else the JVM's)
 * @param verifyHost       the certificate must carry {@code expectedName}
 * @param expectedName     the host dialled, or the name CUSTOM_JDBC_CERT_STRING gives instead
 * @param unverifiedReason why the certificate is not verified, for the report
 */
public record JdbcTls(boolean disabled, boolean required, boolean verify, boolean verifyHost,
        Optional<KeyStore> trustAnchors, String expectedName, String unverifiedReason) {

    /**
     * Glue's properties win over the driver's: a CA or an expected name asks for verified TLS, and
     * JDBC_ENFORCE_SSL for TLS with full verification; SKIP_CUSTOM_JDBC_CERT_VALIDATION keeps the
     * encryption and drops the verification. The expected name is CUSTOM_JDBC_CERT_STRING, else the one
     * the driver's own parameters give, else the host.
     */
    static JdbcTls decide(TlsRequest request, TlsIntent intent, String host, Optional<String> driverExpectedName) {
        boolean asked = request.asksForTls();
        if (intent.disabled() && asked) {
            throw new InvalidTestInput(request.askingProperty() + " asks for TLS, but the connection's "
                    + intent.setting() + " switches it off; drop one of them.");
        }
        boolean verify = !request.skip() && (intent.verify() || asked);
        // Glue's JDBC_ENFORCE_SSL always means host-name matching; a CA or name alone yields to an explicit verify-ca.
        boolean verifyHost = verify && (intent.verifyHost() || request.enforce() || (asked && !intent.chainOnly()));
        String reason = request.skip() ? "SKIP_CUSTOM_JDBC_CERT_VALIDATION=true"
                : intent.setting() + " does not ask for verification";
        return new JdbcTls(intent.disabled(), intent.required() || asked, verify, verifyHost, request.trustAnchors(),
                request.certString().or(() -> driverExpectedName).orElse(host), reason);
    }
}
