package dev.dialtone.wire;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Only a request still running after {@link #DELAY_MILLIS} is registered, and the request's thread never wakes
 * the watcher's: most tests end within milliseconds, and for them watching cost two wake-ups of this thread and two
 * selector updates, on the time the client waits, to guard against a hang-up that cancels nothing worth
 * cancelling. The watcher looks at new and ended watches every {@link #POLL_MILLIS}, and sleeps until the next
 * watch once it has had none for {@link #IDLE_MILLIS}; a hang-up is noticed within about
 * {@code DELAY_MILLIS + POLL_MILLIS} of the request's start, and at once after its channel is registered.
 */
final class HangupWatcher implements AutoCloseable {
    static final long DELAY_MILLIS = 100;
    static final long POLL_MILLIS = 50;
    static final long IDLE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(HangupWatcher.class);

    private final Selector selector;
    private final Queue<Entry> added = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set while the watcher sleeps without a timeout: the next watch must wake it. */
    private volatile boolean asleep;
    /** Channels registered now, as the watcher's thread last counted them (its lists are its own). */
    private volatile int registeredCount;

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
        Entry entry = new Entry(channel, onHangup, System.nanoTime());
        added.add(entry);
        if (asleep) {
            selector.wakeup();
        }
        return entry;
    }

    /** One request's watch: made on the request's thread, registered and dropped on the watcher's. */
    private static final class Entry implements Watch {
        final SocketChannel channel;
        final Runnable onHangup;
        final long since;
        volatile boolean closed;
        SelectionKey key;

        Entry(SocketChannel channel, Runnable onHangup, long since) {
            this.channel = channel;
            this.onHangup = onHangup;
            this.since = since;
        }

        /** Only marks the watch ended: the watcher's thread drops its registration on its next look. */
        @Override
        public void close() {
            closed = true;
        }

        boolean due(long now) {
            return now - since >= TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
        }

        /** Drops the registration, unless a later watch of the same keep-alive connection has taken the key over. */
        void unregister() {
            if (key != null && key.attachment() == this) {
                key.cancel();
            }
        }
    }

    private void loop() {
        List<Entry> waiting = new ArrayList<>();
        List<Entry> registered = new ArrayList<>();
        long lastWork = System.nanoTime();
        while (running) {
            try {
                if (waiting.isEmpty() && registered.isEmpty()
                        && System.nanoTime() - lastWork > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                    asleep = true;
                    // A watch added after the flag was set wakes this select; one added before is seen here.
                    if (added.isEmpty()) {
                        selector.select();
                    }
                    asleep = false;
                } else {
                    selector.select(POLL_MILLIS);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    key.cancel();
                    Entry entry = (Entry) key.attachment();
                    if (!entry.closed) {
                        entry.onHangup.run();
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (Entry entry = added.poll(); entry != null; entry = added.poll()) {
                    waiting.add(entry);
                }
                if (!waiting.isEmpty() || !registered.isEmpty()) {
                    lastWork = now;
                }
                registered.removeIf(entry -> {
                    if (entry.closed || !entry.key.isValid()) {
                        entry.unregister();
                        return true;
                    }
                    return false;
                });
                for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
                    Entry entry = it.next();
                    if (entry.closed) {
                        it.remove();
                    } else if (entry.due(now)) {
                        it.remove();
                        if (register(entry)) {
                            registered.add(entry);
                        }
                    }
                }
                registeredCount = registered.size();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("hang-up watcher: {}", e.toString());
            }
        }
    }

    /**
     * Registers the watch's channel; a keep-alive connection's previous watch may have left a cancelled key
     * that the selector has not dropped yet, so that is flushed first when it gets in the way.
     *
     * @return whether it is now registered (a channel already closed is a hang-up, told at once)
     */
    private boolean register(Entry entry) throws IOException {
        try {
            try {
                entry.key = entry.channel.register(selector, SelectionKey.OP_READ, entry);
            } catch (CancelledKeyException stillRegistered) {
                selector.selectNow();
                entry.key = entry.channel.register(selector, SelectionKey.OP_READ, entry);
            }
            return true;
        } catch (ClosedChannelException e) {
            entry.onHangup.run();
            return false;
        }
    }

    /** Whether the watcher sleeps until the next watch (it has had none for {@link #IDLE_MILLIS}). */
    boolean asleep() {
        return asleep;
    }

    /** How many requests' channels are registered now (those running longer than {@link #DELAY_MILLIS}). */
    int registered() {
        return registeredCount;
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        selector.close();
    }
}
