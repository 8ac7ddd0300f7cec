package dev.dialtone.probe.jdbc;

import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.SocketConnection;
import com.mysql.cj.protocol.StandardSocketFactory;
import dev.dialtone.probe.net.DialedSocket;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * MySQL Connector/J's socket factory hook, routed through the test's dialer like all others; it also
 * runs the TLS handshake, so the trust decision is {@link DialtoneTrustManager}'s, never a trust store
 * file named in the URL.
 */
public final class MySqlDialerSocketFactory extends StandardSocketFactory {

    @Override
    protected Socket createSocket(com.mysql.cj.conf.PropertySet props) {
        return new DialedSocket(ProbeSession.current());
    }

    /**
     * Connects one dialled socket to the unresolved name. Connector/J's own version looks the name up
     * itself first (InetAddress.getAllByName); here the dialer alone resolves, checks and connects, as
     * for every other driver.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends Closeable> T connect(String hostname, int portNumber, com.mysql.cj.conf.PropertySet props,
            int loginTimeout) throws IOException {
        this.host = hostname;
        this.port = portNumber;
        this.loginTimeoutCountdown = loginTimeout;
        Socket socket = createSocket(props);
        configureSocket(socket, props);
        Integer connectTimeout = props.getIntegerProperty(com.mysql.cj.conf.PropertyKey.connectTimeout).getValue();
        socket.connect(InetSocketAddress.createUnresolved(hostname, portNumber),
                connectTimeout == null ? 0 : getRealTimeout(connectTimeout));
        this.rawSocket = socket;
        this.sslSocket = socket;
        return (T) socket;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Closeable> T performTlsHandshake(SocketConnection connection, ServerSession serverSession,
            Log log) throws IOException {
        ProbeSession session = ProbeSession.current();
        session.enter(Stage.TLS);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, DialtoneTrustManager.forCurrentTest(), null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(rawSocket, host, port, true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            sslSocket = tls;
            return (T) tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot set up TLS", e);
        }
    }
}
