package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.net.DialedSocket;
import dev.dialtone.probe.ProbeSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * The socket factory Dialtone gives pgjdbc and MariaDB Connector/J (they instantiate it by class
 * name): every socket it makes connects through the test's {@link dev.dialtone.probe.net.Dialer}.
 */
public final class DialerSocketFactory extends SocketFactory {

    public DialerSocketFactory() {
    }

    /** pgjdbc passes {@code socketFactoryArg}; Dialtone sets none, so it is ignored. */
    public DialerSocketFactory(String ignored) {
    }

    /**
     * The constructor pgjdbc looks for first (it instantiates the factory for every connection). Without it each
     * test paid for two {@code NoSuchMethodException}s, their stack traces and messages, before the one above was
     * found: about 2 % of a PostgreSQL test's CPU on the test's thread.
     */
    public DialerSocketFactory(Properties ignored) {
    }

    @Override
    public Socket createSocket() {
        return new DialedSocket(ProbeSession.current());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }
}
