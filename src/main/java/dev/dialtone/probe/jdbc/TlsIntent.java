package dev.dialtone.probe.jdbc;

/**
 * What a connection's own driver parameters say about TLS (sslmode, sslMode, encrypt, ...), in
 * driver-independent terms.
 *
 * @param disabled   TLS is switched off explicitly
 * @param required   a server without TLS must fail
 * @param verify     the certificate chain must be trusted
 * @param verifyHost the certificate must name the host
 * @param chainOnly  verification of the chain only was asked explicitly (verify-ca)
 * @param setting    the parameter that says so, for messages (e.g. "sslmode=prefer")
 */
public record TlsIntent(boolean disabled, boolean required, boolean verify, boolean verifyHost, boolean chainOnly,
        String setting) {

    public static TlsIntent off(String setting) {
        return new TlsIntent(true, false, false, false, false, setting);
    }

    public static TlsIntent optional(String setting) {
        return new TlsIntent(false, false, false, false, false, setting);
    }

    public static TlsIntent encryptOnly(String setting) {
        return new TlsIntent(false, true, false, false, false, setting);
    }

    public static TlsIntent verifyChain(String setting) {
        return new TlsIntent(false, true, true, false, true, setting);
    }

    public static TlsIntent verifyFull(String setting) {
        return new TlsIntent(false, true, true, true, false, setting);
    }
}
