package dev.dialtone.probe.net;

import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.ProbeSession;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * TLS on a socket the dialer opened: the TLS stage, with verification as asked, the negotiated
 * protocol, cipher and certificate in the report, and failures explained in words a user acts on
 * (not trusted — by whom issued; wrong host name — both names; expired — the date; no TLS at all).
 */
public final class TlsClient {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /**
     * How to verify the server.
     *
     * @param verify       false: encrypt without checking the certificate (reported as such)
     * @param trustAnchors the CAs to trust; empty means the JVM's default trust store
     * @param expectedName the name the certificate must carry, when not the host dialled
     * @param clientKey    the key and certificate to present when the server asks for one (mutual TLS)
     */
    public record Settings(boolean verify, Optional<KeyStore> trustAnchors, Optional<String> expectedName,
            Optional<X509KeyManager> clientKey) {
        public static final Settings VERIFY_WITH_DEFAULT_TRUST = new Settings(true, Optional.empty(), Optional.empty());

        /** Settings without a client certificate. */
        public Settings(boolean verify, Optional<KeyStore> trustAnchors, Optional<String> expectedName) {
            this(verify, trustAnchors, expectedName, Optional.empty());
        }
    }

    /**
     * Attached to the session when a server asked for a client certificate during a handshake.
     *
     * @param presented       the subject of the certificate sent, or empty when none was (no key, or a key whose
     *                        certificate no issuer the server accepts signed)
     * @param acceptedIssuers the issuers the server said it accepts (may be empty: any)
     */
    public record ClientCertificateRequest(Optional<String> presented, List<String> acceptedIssuers) {
        public ClientCertificateRequest {
            acceptedIssuers = List.copyOf(acceptedIssuers);
        }
    }

    private TlsClient() {
    }

    /** Performs the handshake over {@code socket}; the returned socket carries the encrypted session. */
    public static SSLSocket handshake(ProbeSession session, Socket socket, String host, int port, Settings settings)
            throws StageFailure {
        session.enter(Stage.TLS);
        RecordingTrustManager trust = new RecordingTrustManager(settings);
        String name = settings.expectedName().orElse(host);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new RecordingKeyManager(session, settings.clientKey())},
                    new TrustManager[] {trust}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            if (settings.verify()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(session.socketTimeoutMillis());
            tls.startHandshake();
            describe(session, tls.getSession(), settings);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot set up TLS", e);
        } catch (IOException e) {
            throw failure(e, trust, name);
        }
    }

    /** Records protocol, cipher and certificate of an established session. */
    public static void describe(ProbeSession session, SSLSession tls, Settings settings) {
        session.detail("tls", tls.getProtocol() + " " + tls.getCipherSuite()
                + (settings.verify() ? "" : " (certificate NOT verified: SKIP validation was asked)"));
        try {
            if (tls.getPeerCertificates().length > 0 && tls.getPeerCertificates()[0] instanceof X509Certificate cert) {
                session.detail("certificate", "subject " + cert.getSubjectX500Principal().getName() + ", issuer "
                        + cert.getIssuerX500Principal().getName() + ", expires " + DAY.format(cert.getNotAfter().toInstant()));
            }
        } catch (IOException e) {
            // No peer certificate (anonymous cipher): nothing to report.
        }
    }

    /** Explains a failed handshake, naming issuer, names or dates from the certificate the server showed. */
    public static StageFailure failure(IOException error, RecordingTrustManager trust, String expectedName) {
        return failure(error, trust.serverCertificate(), expectedName);
    }

    /** The same explanation, for TLS run by a driver: {@code cert} is what the server showed, if it got that far. */
    public static StageFailure failure(IOException error, Optional<X509Certificate> cert, String expectedName) {
        String hint = "Check the server's certificate, and the TLS settings of the connection.";
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException && cert.isPresent()) {
                return new StageFailure(Stage.TLS, "the server's certificate (" + subject(cert.get()) + ") expired on "
                        + DAY.format(cert.get().getNotAfter().toInstant()), "Renew the server's certificate.");
            }
            if (cause instanceof CertificateNotYetValidException && cert.isPresent()) {
                return new StageFailure(Stage.TLS, "the server's certificate (" + subject(cert.get())
                        + ") is not valid before " + DAY.format(cert.get().getNotBefore().toInstant()),
                        "Check the server's certificate and both clocks.");
            }
        }
        String text = messages(error).toLowerCase(Locale.ROOT);
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return new StageFailure(Stage.TLS, "the server's certificate is for " + cert.map(TlsClient::names)
                    .orElse("other names") + ", not for '" + expectedName + "'",
                    "Connect with a name the certificate carries, or give the expected name in the connection.");
        }
        if (text.contains("pkix") || text.contains("unable to find valid certification path")
                || text.contains("certpath") || text.contains("signature check failed")) {
            return new StageFailure(Stage.TLS, "the server's certificate is not trusted: it was issued by "
                    + cert.map(c -> c.getIssuerX500Principal().getName()).orElse("an unknown issuer")
                    + ", which is not a trusted certificate authority",
                    "Give the CA that signed the server's certificate, or fix the server's certificate chain.");
        }
        if (text.contains("unrecognized ssl message") || text.contains("plaintext connection")) {
            return new StageFailure(Stage.TLS, "the server did not answer with TLS (it looks like a plain-text port)",
                    "Check that the port speaks TLS, or turn TLS off for this connection.");
        }
        if (text.contains("protocol_version") || text.contains("no appropriate protocol")
                || text.contains("handshake_failure") || text.contains("cipher")) {
            return new StageFailure(Stage.TLS, "the client and server share no TLS protocol version or cipher: "
                    + error.getMessage(), "Check the TLS versions and ciphers the server allows.");
        }
        if (error instanceof EOFException || text.contains("remote host terminated") || text.contains("closed")) {
            return new StageFailure(Stage.TLS, "the server closed the connection during the TLS handshake", hint);
        }
        return new StageFailure(Stage.TLS, "the TLS handshake failed: " + error.getMessage(), hint);
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    private static String names(X509Certificate cert) {
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null && !alternatives.isEmpty()) {
                return alternatives.stream().map(entry -> "'" + entry.get(1) + "'").collect(Collectors.joining(", "));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // Fall back to the subject.
        }
        return "'" + subject(cert) + "'";
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append(' ');
        }
        return all.toString();
    }

    /**
     * Presents the client key when there is one, and notes on the session that the server asked for one: with
     * TLS 1.3 a server refuses a client certificate only after the client's handshake is done, so the refusal
     * may reach the client as a reset connection on its first request rather than as an alert.
     */
    private static final class RecordingKeyManager extends X509ExtendedKeyManager {
        private final ProbeSession session;
        private final Optional<X509KeyManager> key;

        RecordingKeyManager(ProbeSession session, Optional<X509KeyManager> key) {
            this.session = session;
            this.key = key;
        }

        private String record(String alias, java.security.Principal[] issuers) {
            Optional<String> subject = Optional.ofNullable(alias).map(this::getCertificateChain)
                    .filter(chain -> chain.length > 0).map(chain -> chain[0].getSubjectX500Principal().getName());
            List<String> accepted = issuers == null ? List.of()
                    : java.util.Arrays.stream(issuers).map(java.security.Principal::getName).toList();
            session.attach(ClientCertificateRequest.class, new ClientCertificateRequest(subject, accepted));
            session.detail("client certificate", subject.map(name -> name + ", asked for by the server")
                    .orElse("asked for by the server, none given"));
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return record(key.map(k -> k.chooseClientAlias(keyType, issuers, socket)).orElse(null), issuers);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
            return record(key.map(k -> k instanceof X509ExtendedKeyManager extended
                    ? extended.chooseEngineClientAlias(keyType, issuers, engine)
                    : k.chooseClientAlias(keyType, issuers, null)).orElse(null), issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return key.map(k -> k.getClientAliases(keyType, issuers)).orElse(null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return key.map(k -> k.getCertificateChain(alias)).orElse(null);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return key.map(k -> k.getPrivateKey(alias)).orElse(null);
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** Delegates to the real trust decision, remembering the chain the server showed so failures can name it. */
    public static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final boolean verify;
        private volatile X509Certificate[] chain;

        public RecordingTrustManager(Settings settings) {
            this.verify = settings.verify();
            this.delegate = defaultTrust(settings.trustAnchors().orElse(null));
        }

        public Optional<X509Certificate> serverCertificate() {
            X509Certificate[] seen = chain;
            return seen == null || seen.length == 0 ? Optional.empty() : Optional.of(seen[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            chain = certificates;
            if (verify) {
                delegate.checkServerTrusted(certificates, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            chain = certificates;
            if (verify) {
                delegate.checkServerTrusted(certificates, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType)
                throws java.security.cert.CertificateException {
            chain = certificates;
            if (verify) {
                delegate.checkServerTrusted(certificates, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("Dialtone is a TLS client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("Dialtone is a TLS client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("Dialtone is a TLS client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private static X509ExtendedTrustManager defaultTrust(KeyStore anchors) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(anchors);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509ExtendedTrustManager x509) {
                        return x509;
                    }
                }
                throw new IllegalStateException("no X.509 trust manager in this JVM");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JVM's trust store cannot be loaded", e);
            }
        }
    }

}
