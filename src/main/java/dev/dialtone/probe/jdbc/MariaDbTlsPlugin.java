package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.export.ExceptionFactory;
import org.mariadb.jdbc.plugin.TlsSocketPlugin;

/**
 * MariaDB Connector/J's TLS hook ({@code tlsSocketType=dialtone}, found through ServiceLoader): the
 * trust decision is {@link DialtoneTrustManager}'s, host names included, never a trust store file.
 */
public final class MariaDbTlsPlugin implements TlsSocketPlugin {
    static final String TYPE = "dialtone";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrustManager[] getTrustManager(Configuration conf, ExceptionFactory exceptionFactory, HostAddress hostAddress) {
        return DialtoneTrustManager.forCurrentTest();
    }

    @Override
    public KeyManager[] getKeyManager(Configuration conf, ExceptionFactory exceptionFactory) {
        // Dialtone presents no client certificate.
        return null;
    }

    @Override
    public SSLSocket createSocket(Socket socket, SSLSocketFactory sslSocketFactory) throws IOException {
        ProbeSession.current().enter(Stage.TLS);
        return TlsSocketPlugin.super.createSocket(socket, sslSocketFactory);
    }

    @Override
    public void verify(String host, SSLSession session, long serverThreadId) {
        // The trust manager already checked the name the test expects (which may not be the host).
    }
}
