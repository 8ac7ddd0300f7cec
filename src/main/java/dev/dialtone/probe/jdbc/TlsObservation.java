package dev.dialtone.probe.jdbc;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** What one test saw of TLS, whichever driver ran the handshake: protocol, cipher and server certificate. */
final class TlsObservation {
    private volatile String protocol;
    private volatile String cipher;
    private volatile X509Certificate certificate;

    void saw(X509Certificate serverCertificate, String negotiatedProtocol, String negotiatedCipher) {
        this.certificate = serverCertificate;
        if (negotiatedProtocol != null && !negotiatedProtocol.startsWith("NONE")) {
            this.protocol = negotiatedProtocol;
        }
        if (negotiatedCipher != null && !negotiatedCipher.startsWith("SSL_NULL")) {
            this.cipher = negotiatedCipher;
        }
    }

    Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    Optional<String> cipher() {
        return Optional.ofNullable(cipher);
    }
}
