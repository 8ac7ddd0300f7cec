package dev.dialtone.bench;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.catalog.CacheCost;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.TempDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * GetConnection and TestConnection-by-name throughput over a shared PostgreSQL catalog, one node against
 * two (the same clients, spread over both), and what the absent read cache costs.
 */
final class SharedCatalogBenchmark {
    private static final int[] CLIENTS = {8, 32};

    private SharedCatalogBenchmark() {
    }

    static void run(PostgresServer pg, StringBuilder md) throws Exception {
        SharedCatalogDatabase catalog = SharedCatalogDatabase.create(pg);
        try (ServerSocket listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
                Dialtone a = node(catalog); Dialtone b = node(catalog);
                GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + a.port()))) {
            Thread acceptor = new Thread(() -> acceptAndClose(listener), "bench-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            for (int i = 0; i < 50; i++) {
                String name = String.format("shared-%02d", i);
                glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("NETWORK")
                        .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1",
                                "PORT", String.valueOf(listener.getLocalPort())))));
            }
            md.append("\n## 5. Shared PostgreSQL catalog: one node and two\n\n")
                    .append("Two Dialtone nodes in this JVM over one PostgreSQL 18 catalog (its own database, loopback), ")
                    .append("same load generator as section 2; with two nodes the same clients are spread over both ")
                    .append("(half each). `GetConnection` of one name; `TestConnection` by name of a NETWORK connection to ")
                    .append("a loopback listener (read the connection, dial, record the result and its history entry: ")
                    .append("one read and one four-statement transaction per test). No read cache on PostgreSQL. ")
                    .append("3 s warm-up, 5 s measured per cell, requests per second.\n\n")
                    .append("| clients | GetConnection, 1 node | GetConnection, 2 nodes | TestConnection, 1 node | ")
                    .append("TestConnection, 2 nodes |\n|---|---|---|---|---|\n");
            for (int clients : CLIENTS) {
                String get = "{\"Name\":\"shared-07\"}";
                String test = "{\"ConnectionName\":\"shared-11\"}";
                md.append("| ").append(clients)
                        .append(" | ").append(throughput(clients, get, "GetConnection", a.port(), a.port()))
                        .append(" | ").append(throughput(clients, get, "GetConnection", a.port(), b.port()))
                        .append(" | ").append(throughput(clients, test, "TestConnection", a.port(), a.port()))
                        .append(" | ").append(throughput(clients, test, "TestConnection", a.port(), b.port()))
                        .append(" |\n");
            }
        }
        md.append("\nThe read cache's worth, in-process (no HTTP): `get` by name per second from the PostgreSQL store ")
                .append("as a node has it (secrets unsealed on every read), and with the embedded catalog's cache above ")
                .append("it — the most a cache could give before paying for cross-node invalidation.\n\n")
                .append("| readers | no cache (served) | in-process cache (not safe across nodes) |\n|---|---|---|\n");
        SharedCatalogDatabase cacheDb = SharedCatalogDatabase.create(pg);
        for (int readers : new int[] {1, 8}) {
            long[] gets = CacheCost.getsPerSecond(cacheDb.url(), cacheDb.role(), SharedCatalogDatabase.PASSWORD,
                    cacheDb.keyFile(), readers);
            md.append("| ").append(readers).append(" | ").append(gets[0]).append(" | ").append(gets[1]).append(" |\n");
        }
    }

    private static Dialtone node(SharedCatalogDatabase catalog) throws Exception {
        return Dialtone.start(catalog.node(new DialtoneConfig("127.0.0.1", 0, TempDir.scratch("bench-node-"),
                Duration.ofSeconds(10), new DialtoneConfig.Limits(256, 256, 256))));
    }

    /** Clients alternate between the two ports (the same port twice: one node). */
    private static long throughput(int clients, String body, String operation, int first, int second)
            throws Exception {
        return Benchmarks.throughput(new int[] {first, second}, clients, operation, body);
    }

    private static void acceptAndClose(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket ignored = listener.accept()) {
                // Accepted is all a NETWORK test needs.
            } catch (IOException e) {
                return;
            }
        }
    }
}
