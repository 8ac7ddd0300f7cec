package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.ConnectionType;

/**
 * What a PostgreSQL test costs on the wire, counted by a loopback relay between Dialtone and the server: each time
 * the server answers after the client spoke is one round trip. A query added to the test (or a driver setting that
 * brings one back) shows here before it shows in the benchmark.
 */
class PostgresRoundTripsTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final String PASSWORD = "Counted-Pw-51a3";
    private static PostgresServer pg;
    private static CountingRelay relay;

    @BeforeAll
    static void database() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("counted", PASSWORD);
        relay = new CountingRelay(pg.port());
    }

    @AfterAll
    static void stop() throws IOException {
        relay.close();
    }

    @Test
    void aTestWithoutSchemasTakesFiveRoundTripsAfterTheTcpConnect() {
        relay.answers.set(0);
        SERVER.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                        "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres", "USERNAME", "counted",
                        "PASSWORD", PASSWORD))));
        // SSLRequest, startup, SASL first and final messages (scram-sha-256), one AUTHORIZE statement; no
        // SET extra_float_digits (it travels in the startup packet) and no separate privilege query.
        assertThat(relay.answers.get()).isEqualTo(5);
    }

    /** Passes bytes both ways; counts the server's answers (server bytes that follow client bytes). */
    private static final class CountingRelay implements AutoCloseable {
        final AtomicInteger answers = new AtomicInteger();
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;
        // Who spoke last on the connection being relayed: true once the client did, false once the server did.
        private volatile boolean clientSpokeLast;

        CountingRelay(int target) throws IOException {
            this.target = target;
            Thread accept = new Thread(this::accept, "counting-relay");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    clientSpokeLast = false;
                    pump(client, server, true);
                    pump(server, client, false);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        if (fromClient) {
                            clientSpokeLast = true;
                        } else if (clientSpokeLast) {
                            clientSpokeLast = false;
                            answers.incrementAndGet();
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException ended) {
                    // One side closed: the other pump ends when its socket does.
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // Already closed.
                    }
                }
            }, "counting-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
