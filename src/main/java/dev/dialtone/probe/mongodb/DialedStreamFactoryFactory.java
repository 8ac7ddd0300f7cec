package dev.dialtone.probe.mongodb;

import com.mongodb.ServerAddress;
import com.mongodb.connection.SocketSettings;
import com.mongodb.connection.SslSettings;
import com.mongodb.internal.connection.OperationContext;
import com.mongodb.internal.connection.PowerOfTwoBufferPool;
import com.mongodb.internal.connection.SocketStream;
import com.mongodb.internal.connection.StreamFactory;
import com.mongodb.internal.connection.StreamFactoryFactory;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.SocketFactory;

/**
 * The driver's streams for one test: its own socket stream, whose socket is opened by the
 * {@link dev.dialtone.probe.net.Dialer} (and wrapped in TLS by {@link TlsClient} when the URL asks for
 * TLS). The driver's monitor threads open connections too, outside the test's thread, where
 * {@link ProbeSession#current()} is not bound: this factory holds the session and hands it to
 * every stream it makes.
 *
 * <p>This uses the driver's internal stream API ({@code com.mongodb.internal.connection}): the 5.x
 * driver has no public socket-factory hook for its synchronous client. The version is pinned in
 * the build and the tests exercise every path through it.
 */
final class DialedStreamFactoryFactory implements StreamFactoryFactory {
    private final ProbeSession session;
    private final TlsClient.Settings tls;

    DialedStreamFactoryFactory(ProbeSession session, TlsClient.Settings tls) {
        this.session = session;
        this.tls = tls;
    }

    @Override
    public StreamFactory create(SocketSettings socketSettings, SslSettings sslSettings) {
        return address -> new DialedSocketStream(address, socketSettings, sslSettings);
    }

    /** Only asynchronous clients ask for an executor; this factory serves the synchronous one. */
    @Override
    public Executor getExecutor() {
        throw new UnsupportedOperationException("the synchronous client needs no executor");
    }

    @Override
    public void close() {
        // Streams own their sockets; the session closes whatever is left when the test ends.
    }

    /** The driver's socket stream, with the socket dialled here instead of by a socket factory. */
    private final class DialedSocketStream extends SocketStream {
        private final ServerAddress address;
        private final SslSettings sslSettings;

        DialedSocketStream(ServerAddress address, SocketSettings socketSettings, SslSettings sslSettings) {
            // The socket factory is never used: initializeSocket below makes the socket.
            super(address, null, socketSettings, sslSettings, SocketFactory.getDefault(), PowerOfTwoBufferPool.DEFAULT);
            this.address = address;
            this.sslSettings = sslSettings;
        }

        @Override
        protected Socket initializeSocket(OperationContext context) throws IOException {
            String host = address.getHost();
            int port = address.getPort();
            List<InetAddress> addresses = session.dialer().resolveAll(session, host);
            IOException last = null;
            for (InetAddress candidate : addresses) {
                try {
                    return secure(configure(session.dialer().open(session, host, candidate, port), context), host, port);
                } catch (StageFailureException e) {
                    throw e;
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        }

        private Socket configure(Socket socket, OperationContext context) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            long readTimeout = context.getTimeoutContext().getReadTimeoutMS();
            if (readTimeout > 0) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout));
            }
            return socket;
        }

        /** TLS when the URL asks for it; then the MongoDB handshake (hello) follows, which the plan ends. */
        private Socket secure(Socket socket, String host, int port) throws IOException {
            if (!sslSettings.isEnabled()) {
                session.enter(Stage.HANDSHAKE);
                return socket;
            }
            try {
                Socket secured = TlsClient.handshake(session, socket, host, port, tls);
                session.enter(Stage.HANDSHAKE);
                return secured;
            } catch (StageFailure failure) {
                socket.close();
                throw new StageFailureException(failure);
            }
        }
    }

    /** Carries a TLS failure, already explained, through the driver to the test's thread. */
    static final class StageFailureException extends IOException {
        private final transient StageFailure failure;

        StageFailureException(StageFailure failure) {
            super(failure.reason());
            this.failure = failure;
        }

        StageFailure failure() {
            return failure;
        }
    }
}
