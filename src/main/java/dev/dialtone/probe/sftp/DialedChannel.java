package dev.dialtone.probe.sftp;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.WritePendingException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The asynchronous channel MINA SSHD's NIO2 session reads and writes, made from a plain socket that
 * the {@link dev.dialtone.probe.net.Dialer} opened. MINA cannot take a {@link Socket} and the JDK cannot
 * turn one into an {@link AsynchronousSocketChannel}, so this adapter does the blocking reads and
 * writes on the client's I/O threads and reports them to MINA's completion handlers.
 *
 * <p>The connect happens on the thread that calls {@code SshClient.connect}, i.e. the test's own
 * thread: RESOLVE and CONNECT are timed there, the egress policy checks the one address dialled, and
 * the socket is registered with the test so the deadline can close it.
 */
final class DialedChannel extends AsynchronousSocketChannel {
    private final ProbeSession session;
    private final String host;
    private final Executor io;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile Socket socket;
    private volatile boolean closed;

    DialedChannel(ProbeSession session, String host, Executor io) {
        // The provider only answers provider(); no channel of the JDK's is ever opened here.
        super(AsynchronousChannelProvider.provider());
        this.session = session;
        this.host = host;
        this.io = io;
    }

    @Override
    public Future<Void> connect(SocketAddress remote) {
        try {
            dial(remote);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <A> void connect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        try {
            dial(remote);
        } catch (IOException e) {
            handler.failed(e, attachment);
            return;
        }
        handler.completed(null, attachment);
    }

    /** MINA is given the checked IP address as the host, so {@code remote} never needs a lookup. */
    private void dial(SocketAddress remote) throws IOException {
        if (!(remote instanceof InetSocketAddress target) || target.isUnresolved()) {
            throw new IOException("only a resolved TCP address can be dialled, not " + remote);
        }
        Socket dialed = session.dialer().open(session, host, target.getAddress(), target.getPort());
        // SSH sends many small packets that each wait for an answer: Nagle would add delays.
        dialed.setTcpNoDelay(true);
        socket = dialed;
        if (closed) {
            dialed.close();
            throw new AsynchronousCloseException();
        }
        // Connected: the SSH version exchange and key exchange follow; SftpPlan ends HANDSHAKE.
        session.enter(Stage.HANDSHAKE);
    }

    @Override
    public <A> void read(ByteBuffer target, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Integer, ? super A> handler) {
        Socket connected = connected();
        if (!reading.compareAndSet(false, true)) {
            throw new ReadPendingException();
        }
        submit(reading, () -> {
            int count;
            try {
                connected.setSoTimeout(timeoutMillis(timeout, unit));
                count = read(connected.getInputStream(), target);
            } catch (IOException | RuntimeException e) {
                reading.set(false);
                handler.failed(translate(e), attachment);
                return;
            }
            reading.set(false);
            handler.completed(count, attachment);
        });
    }

    @Override
    public <A> void write(ByteBuffer source, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Integer, ? super A> handler) {
        Socket connected = connected();
        if (!writing.compareAndSet(false, true)) {
            throw new WritePendingException();
        }
        submit(writing, () -> {
            int count;
            try {
                count = write(connected.getOutputStream(), source);
            } catch (IOException | RuntimeException e) {
                writing.set(false);
                handler.failed(translate(e), attachment);
                return;
            }
            writing.set(false);
            handler.completed(count, attachment);
        });
    }

    @Override
    public Future<Integer> read(ByteBuffer target) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        read(target, 0, TimeUnit.MILLISECONDS, null, completing(result));
        return result;
    }

    @Override
    public Future<Integer> write(ByteBuffer source) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        write(source, 0, TimeUnit.MILLISECONDS, null, completing(result));
        return result;
    }

    @Override
    public <A> void read(ByteBuffer[] targets, int offset, int length, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Long, ? super A> handler) {
        throw new UnsupportedOperationException("scattering reads are not used by the SSH client");
    }

    @Override
    public <A> void write(ByteBuffer[] sources, int offset, int length, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Long, ? super A> handler) {
        throw new UnsupportedOperationException("gathering writes are not used by the SSH client");
    }

    /** Runs {@code operation} on the I/O pool; a pool already shut down leaves no operation pending. */
    private void submit(AtomicBoolean pending, Runnable operation) {
        try {
            io.execute(operation);
        } catch (RejectedExecutionException e) {
            pending.set(false);
            throw e;
        }
    }

    private static int read(InputStream in, ByteBuffer target) throws IOException {
        if (target.hasArray()) {
            int count = in.read(target.array(), target.arrayOffset() + target.position(), target.remaining());
            if (count > 0) {
                target.position(target.position() + count);
            }
            return count;
        }
        byte[] chunk = new byte[target.remaining()];
        int count = in.read(chunk);
        if (count > 0) {
            target.put(chunk, 0, count);
        }
        return count;
    }

    private static int write(OutputStream out, ByteBuffer source) throws IOException {
        int count = source.remaining();
        if (source.hasArray()) {
            out.write(source.array(), source.arrayOffset() + source.position(), count);
            source.position(source.position() + count);
        } else {
            byte[] chunk = new byte[count];
            source.get(chunk);
            out.write(chunk);
        }
        out.flush();
        return count;
    }

    private Throwable translate(Exception error) {
        if (error instanceof SocketTimeoutException) {
            return new InterruptedByTimeoutException();
        }
        if (closed) {
            AsynchronousCloseException closedError = new AsynchronousCloseException();
            closedError.initCause(error);
            return closedError;
        }
        return error;
    }

    private static int timeoutMillis(long timeout, TimeUnit unit) {
        return timeout <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, unit.toMillis(timeout)));
    }

    private static <A> CompletionHandler<Integer, A> completing(CompletableFuture<Integer> result) {
        return new CompletionHandler<>() {
            @Override
            public void completed(Integer count, A attachment) {
                result.complete(count);
            }

            @Override
            public void failed(Throwable error, A attachment) {
                result.completeExceptionally(error);
            }
        };
    }

    private Socket connected() {
        Socket connected = socket;
        if (connected == null) {
            throw new NotYetConnectedException();
        }
        return connected;
    }

    @Override
    public AsynchronousSocketChannel bind(SocketAddress local) {
        throw new UnsupportedOperationException("a dialled channel has no chosen local address");
    }

    /** None: MINA sets only the options a channel supports; the dialled socket is tuned in {@link #dial}. */
    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public <T> AsynchronousSocketChannel setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException("socket option " + name + " is not supported");
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException("socket option " + name + " is not supported");
    }

    @Override
    public AsynchronousSocketChannel shutdownInput() throws IOException {
        openSocket().shutdownInput();
        return this;
    }

    @Override
    public AsynchronousSocketChannel shutdownOutput() throws IOException {
        openSocket().shutdownOutput();
        return this;
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        Socket connected = socket;
        return connected == null ? null : openSocket().getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        Socket connected = socket;
        return connected == null ? null : openSocket().getLocalSocketAddress();
    }

    private Socket openSocket() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        return connected();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Socket connected = socket;
        if (connected != null) {
            connected.close();
        }
    }
}
