package dev.dialtone.probe.sftp;

import dev.dialtone.probe.ProbeSession;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.AbstractIoServiceFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * MINA SSHD's I/O layer for one test: its connector's sockets are {@link DialedChannel}s, so the
 * SSH connection is dialled by the {@link dev.dialtone.probe.net.Dialer}. MINA's own NIO2 session code
 * runs unchanged on top; only the way the channel is opened differs. Its threads (one pool, named
 * {@value #THREAD_POOL}) end when the client stops.
 */
final class DialingIoServiceFactory extends AbstractIoServiceFactory {
    static final String THREAD_POOL = "dialtone-sftp-io";

    private final ProbeSession session;
    private final String host;

    private DialingIoServiceFactory(FactoryManager manager, ProbeSession session, String host) {
        super(manager, ThreadUtils.newCachedThreadPool(THREAD_POOL));
        this.session = session;
        this.host = host;
    }

    /** What {@code SshClient.setIoServiceFactoryFactory} takes: a factory bound to this test's session and host. */
    static IoServiceFactoryFactory forTest(ProbeSession session, String host) {
        return new IoServiceFactoryFactory() {
            @Override
            public IoServiceFactory create(FactoryManager manager) {
                return new DialingIoServiceFactory(manager, session, host);
            }

            @Override
            public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
                // The factory owns its pool, so that stopping the client ends every thread it started.
            }
        };
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        return autowireCreatedService(new DialingConnector(getFactoryManager(), handler, getExecutorService()));
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        throw new UnsupportedOperationException("Dialtone is an SSH client only");
    }

    /** MINA's NIO2 connector with one change: the channel it connects is a {@link DialedChannel}. */
    private final class DialingConnector extends Nio2Connector {
        private final ExecutorService io;

        DialingConnector(PropertyResolver properties, IoHandler handler, ExecutorService io) {
            // No Nio2ServiceFactory: sessions are made by createSession below. The group is never used
            // to open a channel (see openAsynchronousSocketChannel), but the base class wants one.
            super(null, properties, handler, new UnusedChannelGroup(), io);
            this.io = io;
        }

        @Override
        protected AsynchronousSocketChannel openAsynchronousSocketChannel(SocketAddress address,
                AsynchronousChannelGroup group) {
            return new DialedChannel(session, host, io);
        }

        @Override
        protected Nio2Session createSession(PropertyResolver properties, IoHandler handler,
                AsynchronousSocketChannel socket) throws IOException {
            return new Nio2Session(this, properties, handler, socket, null);
        }
    }

    /** Stands in for the channel group NIO2 services require; dialled channels run on the factory's pool. */
    private static final class UnusedChannelGroup extends AsynchronousChannelGroup {
        UnusedChannelGroup() {
            super(AsynchronousChannelProvider.provider());
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public void shutdown() {
            // Nothing runs on this group.
        }

        @Override
        public void shutdownNow() {
            // Nothing runs on this group.
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
