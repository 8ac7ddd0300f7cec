package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust decision of every JDBC TLS handshake, whichever driver runs it (pgjdbc and Redshift
 * through {@link DialtoneSslSocketFactory}, SQL Server as its {@code trustManagerClass}, MariaDB
 * through its TLS plugin, MySQL through its socket factory). It reads the test's {@link JdbcTls}
 * from the session, records what the server showed, and on failure explains it (issuer, names, dates).
 */
public final class DialtoneTrustManager extends X509ExtendedTrustManager {
    private final ProbeSession session;
    private final JdbcTls tls;
    private final TlsObservation observation;
    private final X509ExtendedTrustManager pkix;

    /** For drivers that instantiate it by class name, on the test's thread. */
    public DialtoneTrustManager() {
        this(ProbeSession.current());
    }

    /** SQL Server passes {@code trustManagerConstructorArg}; Dialtone sets none. */
    public DialtoneTrustManager(String ignored) {
        this();
    }

    DialtoneTrustManager(ProbeSession session) {
        this.session = session;
        this.tls = session.attachment(JdbcTls.class)
                .orElseThrow(() -> new IllegalStateException("no TLS settings for this test"));
        this.observation = session.attachment(TlsObservation.class)
                .orElseThrow(() -> new IllegalStateException("no TLS observation for this test"));
        this.pkix = pkix(tls.trustAnchors());
    }

    /** The trust managers for an SSLContext. */
    static TrustManager[] forCurrentTest() {
        return new TrustManager[] {new DialtoneTrustManager()};
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, SSLSession handshake) throws CertificateException {
        session.enter(Stage.TLS);
        if (chain == null || chain.length == 0) {
            throw new ExplainedTlsFailure(new StageFailure(Stage.TLS, "the server presented no certificate",
                    "Check the server's TLS configuration."));
        }
        X509Certificate server = chain[0];
        observation.saw(server, handshake == null ? null : handshake.getProtocol(),
                handshake == null ? null : handshake.getCipherSuite());
        if (tls.verify()) {
            try {
                // Chain only: host names are checked below, against the name the connection expects.
                pkix.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new ExplainedTlsFailure(TlsClient.failure(new SSLException(e), Optional.of(server),
                        tls.expectedName()));
            }
            if (tls.verifyHost() && !CertificateNames.matches(server, tls.expectedName())) {
                throw new ExplainedTlsFailure(new StageFailure(Stage.TLS, "the server's certificate is for "
                        + CertificateNames.describe(server) + ", not for '" + tls.expectedName() + "'",
                        "Connect with a name the certificate carries, or give the name it carries in "
                                + "CUSTOM_JDBC_CERT_STRING."));
            }
        }
        // The rest of the handshake is a round trip; the credentials come next.
        session.enter(Stage.AUTHENTICATE);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("Dialtone is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Dialtone is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Dialtone is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager pkix(Optional<KeyStore> anchors) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors.orElse(null));
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
