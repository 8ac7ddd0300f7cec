package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hang-up watcher on real loopback connections, as Jetty hands them over (the server's accepted channel). */
class HangupWatcherTest {
    private HangupWatcher watcher;
    private ServerSocketChannel listener;

    @BeforeEach
    void open() throws IOException {
        watcher = new HangupWatcher();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws IOException {
        watcher.close();
        listener.close();
    }

    @Test
    void aClientThatHangsUpDuringALongRequestIsNoticed() throws Exception {
        try (SocketChannel client = connect(); SocketChannel accepted = accept()) {
            CountDownLatch hungUp = new CountDownLatch(1);
            long start = System.nanoTime();
            try (HangupWatcher.Watch ignored = watcher.watch(accepted, hungUp::countDown)) {
                client.close();
                assertThat(hungUp.await(5, TimeUnit.SECONDS)).as("the hang-up is noticed").isTrue();
                // Not registered before its delay: a request that ends sooner costs the watcher nothing.
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(HangupWatcher.DELAY_MILLIS);
            }
        }
    }

    @Test
    void aRequestAnsweredBeforeItsDelayIsNeverWatched() throws Exception {
        try (SocketChannel client = connect(); SocketChannel accepted = accept()) {
            AtomicInteger hangups = new AtomicInteger();
            watcher.watch(accepted, hangups::incrementAndGet).close();
            client.close();
            Thread.sleep(HangupWatcher.DELAY_MILLIS + 4 * HangupWatcher.POLL_MILLIS);
            assertThat(hangups).hasValue(0);
        }
    }

    @Test
    void aKeepAliveConnectionIsWatchedAgainForItsNextRequestAndNotMistakenForAHangUp() throws Exception {
        try (SocketChannel client = connect(); SocketChannel accepted = accept()) {
            AtomicInteger firstHangups = new AtomicInteger();
            HangupWatcher.Watch first = watcher.watch(accepted, firstHangups::incrementAndGet);
            Thread.sleep(HangupWatcher.DELAY_MILLIS + 3 * HangupWatcher.POLL_MILLIS); // registered by now
            first.close();
            // The next request arrives on the same connection: readable, but the first watch has ended.
            client.write(ByteBuffer.wrap("next".getBytes()));
            Thread.sleep(2 * HangupWatcher.POLL_MILLIS);
            accepted.read(ByteBuffer.allocate(16)); // Jetty reads it before the next request is handled
            CountDownLatch secondHungUp = new CountDownLatch(1);
            try (HangupWatcher.Watch second = watcher.watch(accepted, secondHungUp::countDown)) {
                Thread.sleep(HangupWatcher.DELAY_MILLIS + 3 * HangupWatcher.POLL_MILLIS);
                assertThat(secondHungUp.getCount()).as("no hang-up yet").isOne();
                client.close();
                assertThat(secondHungUp.await(5, TimeUnit.SECONDS)).as("the hang-up is noticed").isTrue();
            }
            assertThat(firstHangups).as("the ended watch is never told").hasValue(0);
        }
    }

    @Test
    void aWatchAfterALongIdleSpellWakesTheWatcher() throws Exception {
        Thread.sleep(HangupWatcher.IDLE_MILLIS + 2 * HangupWatcher.POLL_MILLIS); // asleep, with no timeout
        try (SocketChannel client = connect(); SocketChannel accepted = accept()) {
            CountDownLatch hungUp = new CountDownLatch(1);
            try (HangupWatcher.Watch ignored = watcher.watch(accepted, hungUp::countDown)) {
                client.close();
                assertThat(hungUp.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Non-blocking, as Jetty's channels are (a selector takes no other). */
    private SocketChannel accept() throws IOException {
        SocketChannel accepted = listener.accept();
        accepted.configureBlocking(false);
        return accepted;
    }

    private SocketChannel connect() throws IOException {
        return SocketChannel.open(listener.getLocalAddress());
    }
}
