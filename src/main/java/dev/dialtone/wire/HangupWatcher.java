package dev.dialtone.wire;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when an HTTP client hangs up while its request is still being worked on.
 *
 * <p>Jetty reads nothing from a connection while a request is being handled, so it learns of a
 * hang-up only when it writes the answer; a connection test may run for seconds before that. This
 * watcher registers the connection's channel with a selector of its own: when the channel turns
 * readable during the request, the client has closed it (HTTP/1.1 clients send nothing more until
 * they have their answer; the SDKs do not pipeline), and the request's work is cancelled.
 * Nothing is read from the channel, so Jetty's own handling is untouched.
 */
final class HangupWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HangupWatcher.class);

    private final Selector selector;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    HangupWatcher() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, "dialtone-hangup-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** A watch on one request; closing it stops watching (the request is answered). */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Calls {@code onHangup} (on the watcher's thread) if the client closes {@code channel}. */
    Watch watch(SocketChannel channel, Runnable onHangup) {
        Object[] key = new Object[1];
        pending.add(() -> {
            try {
                key[0] = register(channel, onHangup);
            } catch (ClosedChannelException e) {
                onHangup.run();
            }
        });
        selector.wakeup();
        return () -> {
            pending.add(() -> {
                if (key[0] instanceof SelectionKey selectionKey) {
                    selectionKey.cancel();
                }
            });
            selector.wakeup();
        };
    }

    /**
     * Registers the channel; a keep-alive connection's previous watch may have left a cancelled key
     * that the selector has not dropped yet, so that is flushed first when it gets in the way.
     */
    private SelectionKey register(SocketChannel channel, Runnable onHangup) throws ClosedChannelException {
        try {
            return channel.register(selector, SelectionKey.OP_READ, onHangup);
        } catch (CancelledKeyException stillRegistered) {
            try {
                selector.selectNow();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return channel.register(selector, SelectionKey.OP_READ, onHangup);
        }
    }

    private void loop() {
        while (running) {
            try {
                selector.select();
                for (Runnable change = pending.poll(); change != null; change = pending.poll()) {
                    change.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    key.cancel();
                    ((Runnable) key.attachment()).run();
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("hang-up watcher: {}", e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        selector.close();
    }
}
