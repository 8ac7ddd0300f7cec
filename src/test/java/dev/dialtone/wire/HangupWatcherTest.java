package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
            await().during(Duration.ofMillis(HangupWatcher.DELAY_MILLIS + 4 * HangupWatcher.POLL_MILLIS))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> watcher.registered() == 0 && hangups.get() == 0);
        }
    }

    @Test
    void aKeepAliveConnectionIsWatchedAgainForItsNextRequestAndNotMistakenForAHangUp() throws Exception {
        try (SocketChannel client = connect(); SocketChannel accepted = accept()) {
            AtomicInteger firstHangups = new AtomicInteger();
            HangupWatcher.Watch first = watcher.watch(accepted, firstHangups::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.registered() == 1);
            // Answered; the next request arrives on the same connection at once: readable, but that watch has ended.
            first.close();
            client.write(ByteBuffer.wrap("next".getBytes(StandardCharsets.US_ASCII)));
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.registered() == 0);
            ByteBuffer next = ByteBuffer.allocate(16);
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.read(next) > 0 || next.position() > 0);
            CountDownLatch secondHungUp = new CountDownLatch(1);
            try (HangupWatcher.Watch second = watcher.watch(accepted, secondHungUp::countDown)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> watcher.registered() == 1);
                assertThat(secondHungUp.getCount()).as("no hang-up yet").isOne();
                client.close();
                assertThat(secondHungUp.await(5, TimeUnit.SECONDS)).as("the hang-up is noticed").isTrue();
            }
            assertThat(firstHangups).as("the ended watch is never told").hasValue(0);
        }
    }

    @Test
    void aWatchAfterALongIdleSpellWakesTheWatcher() throws Exception {
        await().atMost(Duration.ofMillis(HangupWatcher.IDLE_MILLIS * 3)).until(watcher::asleep);
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
