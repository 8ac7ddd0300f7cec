package dev.dialtone.probe.net;

import dev.dialtone.probe.ProbeSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For drivers with no socket hook (Oracle thin, Db2 JCC): a loopback listener, open for one test,
 * whose every accepted connection is dialled onward through the test's {@link Dialer} and relayed
 * byte for byte. The dialer still sees every address dialled, times CONNECT and registers the
 * socket with the deadline; closing the dialled socket ends the relay and unblocks the driver.
 */
public final class DialerRelay implements AutoCloseable {
    private final ProbeSession session;
    private final String host;
    private final int port;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private DialerRelay(ProbeSession session, String host, int port, ServerSocket listener) {
        this.session = session;
        this.host = host;
        this.port = port;
        this.listener = listener;
    }

    /** Starts relaying connections made to {@link #localPort()} to {@code host:port}. */
    public static DialerRelay open(ProbeSession session, String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        DialerRelay relay = new DialerRelay(session, host, port, listener);
        Thread acceptor = new Thread(relay::acceptAll, "dialtone-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    /** The loopback address the driver connects to. */
    public String localHost() {
        return "127.0.0.1";
    }

    public int localPort() {
        return listener.getLocalPort();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            Socket driverSide;
            try {
                driverSide = listener.accept();
            } catch (IOException closed) {
                return;
            }
            sockets.add(driverSide);
            try {
                session.register(driverSide);
                DialedSocket serverSide = new DialedSocket(session);
                sockets.add(serverSide);
                serverSide.connect(InetSocketAddress.createUnresolved(host, port));
                pump(driverSide, serverSide, "dialtone-relay-out");
                pump(serverSide, driverSide, "dialtone-relay-in");
            } catch (IOException e) {
                // The dialer recorded why (RESOLVE, CONNECT, egress); the driver sees its socket close.
                closeQuietly(driverSide);
            }
        }
    }

    private void pump(Socket from, Socket to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                    out.write(buffer, 0, count);
                    out.flush();
                }
            } catch (IOException ended) {
                // Either side closed: the relay of this connection is over.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Best effort, as below.
        }
        sockets.forEach(DialerRelay::closeQuietly);
    }
}
