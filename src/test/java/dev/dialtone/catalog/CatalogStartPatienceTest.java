package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.sealing.MasterKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node starting while PostgreSQL is not yet reachable (a rolling deploy of both, a slow first login on a busy
 * host) keeps trying for {@link PostgresCatalog#START_PATIENCE} instead of stopping at the first failed attempt.
 */
class CatalogStartPatienceTest {

    @Test
    void aCatalogThatComesUpWhileTheNodeStartsIsOpened() throws Exception {
        SharedCatalogDatabase database = SharedCatalogDatabase.create();
        int late = Ports.free();
        String url = database.url().replace(":" + SharedDatabases.postgres().port() + "/", ":" + late + "/");
        CountDownLatch opened = new CountDownLatch(1);
        // The outage the node must ride out: PostgreSQL's port opens 2.5 s into the start.
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "late-postgres");
            thread.setDaemon(true);
            return thread;
        });
        later.schedule(() -> relay(late, SharedDatabases.postgres().port(), opened), 2500, TimeUnit.MILLISECONDS);
        MasterKeys keys = new MasterKeys(database.keyFile(), Optional.empty(), () -> {
            throw new IllegalStateException("no KMS here");
        });
        try (Catalog catalog = PostgresCatalog.open(url, Optional.of(database.role()),
                Optional.of(SharedCatalogDatabase.PASSWORD), keys, SecretProperties.PASSWORDS)) {
            assertThat(opened.await(0, TimeUnit.SECONDS)).as("PostgreSQL only became reachable during the start")
                    .isTrue();
            assertThat(catalog.ping(Duration.ofSeconds(2))).isTrue();
        } finally {
            later.shutdownNow();
        }
    }

    /** Listens on {@code port}, relaying every connection to PostgreSQL's port, until the test ends. */
    private static void relay(int port, int target, CountDownLatch opened) {
        try {
            try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                opened.countDown();
                while (true) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client.getInputStream(), upstream.getOutputStream(), upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), client);
                }
            }
        } catch (IOException e) {
            // the test is over
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket closeWhenDone) {
        Thread thread = new Thread(() -> {
            try (closeWhenDone) {
                from.transferTo(to);
            } catch (IOException e) {
                // one side hung up
            }
        }, "late-postgres-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
