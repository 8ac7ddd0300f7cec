package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The {@code sslfactory} Dialtone gives pgjdbc and the Redshift driver (they instantiate it by class
 * name): TLS over the socket the dialer opened, trusting what {@link DialtoneTrustManager} decides
 * for the current test. The driver runs the handshake; the TLS stage starts here.
 */
public final class DialtoneSslSocketFactory extends SSLSocketFactory {
    private final ProbeSession session;
    private final SSLSocketFactory delegate;

    public DialtoneSslSocketFactory() {
        this.session = ProbeSession.current();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, DialtoneTrustManager.forCurrentTest(), null);
            this.delegate = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot set up TLS", e);
        }
    }

    /** pgjdbc prefers a constructor taking the connection properties; nothing in them is needed. */
    public DialtoneSslSocketFactory(Properties ignored) {
        this();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        session.enter(Stage.TLS);
        // The name given here is sent as SNI; verification uses the test's expected name.
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new IOException("Dialtone's TLS factory only wraps sockets opened by its dialer");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new IOException("Dialtone's TLS factory only wraps sockets opened by its dialer");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new IOException("Dialtone's TLS factory only wraps sockets opened by its dialer");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new IOException("Dialtone's TLS factory only wraps sockets opened by its dialer");
    }
}
