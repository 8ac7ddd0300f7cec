package dev.dialtone.bench;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Tarpit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionType;

/**
 * The load harness behind BENCHMARKS.md: TestConnection overhead against the raw driver, catalog
 * read throughput, a tarpit flood beside healthy tests, and start-up time and idle memory. Every
 * figure is measured in one run, side by side; nothing here asserts a time.
 * Run with {@code mvn -Pbench verify} (the start-up part needs the packaged jar).
 */
public final class Benchmarks {
    private static final String PASSWORD = "Bench-Pw-77";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        StringBuilder md = new StringBuilder("# Dialtone benchmarks\n\n")
                .append("Produced by `mvn -Pbench verify` (`dev.dialtone.bench.Benchmarks`) on ")
                .append(LocalDate.now()).append(", ").append(machine()).append(".\n");
        try (PostgresServer pg = PostgresServer.start()) {
            pg.createRole("bench", PASSWORD);
            overhead(pg, md);
            flood(pg, md);
        }
        catalogThroughput(md);
        startup(md);
        Files.writeString(report, md);
        System.out.println(md);
    }

    // ---- 1. TestConnection overhead versus the raw driver --------------------------------------------

    private static void overhead(PostgresServer pg, StringBuilder md) throws Exception {
        int warmup = 200;
        int measured = 500;
        Path dir = Files.createTempDirectory("bench-overhead");
        try (Dialtone server = Dialtone.start(new DialtoneConfig("127.0.0.1", 0, dir, Duration.ofSeconds(10)));
                GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + server.port()))) {
            String url = pg.jdbcUrl("postgres");
            Map<String, String> properties = Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "bench", "PASSWORD", PASSWORD);
            Properties credentials = new Properties();
            credentials.setProperty("user", "bench");
            credentials.setProperty("password", PASSWORD);
            org.postgresql.Driver driver = new org.postgresql.Driver();
            long[] raw = new long[measured];
            long[] dialtone = new long[measured];
            for (int i = -warmup; i < measured; i++) {
                // Interleaved, so both see the same machine state.
                long start = System.nanoTime();
                try (Connection connection = driver.connect(url, credentials)) {
                    if (!connection.isValid(2)) {
                        throw new IllegalStateException("raw connection not valid");
                    }
                }
                long rawNanos = System.nanoTime() - start;
                start = System.nanoTime();
                glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                        .connectionPropertiesWithStrings(properties)));
                long dialtoneNanos = System.nanoTime() - start;
                if (i >= 0) {
                    raw[i] = rawNanos;
                    dialtone[i] = dialtoneNanos;
                }
            }
            Latencies r = new Latencies(raw);
            Latencies d = new Latencies(dialtone);
            md.append("\n## 1. TestConnection overhead (PostgreSQL ").append("18, scram-sha-256, loopback)\n\n")
                    .append("Raw pgjdbc `connect` + `isValid` versus `TestConnection` through HTTP with the AWS SDK for ")
                    .append("Java v2 `GlueClient` (inline JDBC input, same server and credentials), ").append(measured)
                    .append(" of each, interleaved, after ").append(warmup).append(" warm-up rounds.\n\n")
                    .append("| | p50 | p99 |\n|---|---|---|\n")
                    .append("| raw driver | ").append(Latencies.ms(r.p50())).append(" | ").append(Latencies.ms(r.p99())).append(" |\n")
                    .append("| Dialtone TestConnection | ").append(Latencies.ms(d.p50())).append(" | ")
                    .append(Latencies.ms(d.p99())).append(" |\n")
                    .append("| ratio | ").append(ratio(d.p50(), r.p50())).append(" | ").append(ratio(d.p99(), r.p99()))
                    .append(" |\n\nTarget: ratio at p50 ≤ 1.25 (aim 1.1).\n");
        }
    }

    // ---- 2. Catalog read throughput ----------------------------------------------------------------------

    private static void catalogThroughput(StringBuilder md) throws Exception {
        Path dir = Files.createTempDirectory("bench-catalog");
        try (Dialtone server = Dialtone.start(new DialtoneConfig("127.0.0.1", 0, dir, Duration.ofSeconds(10)));
                GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + server.port()))) {
            for (int i = 0; i < 50; i++) {
                String name = String.format("conn-%02d", i);
                glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType(ConnectionType.JDBC)
                        .description("benchmark connection").matchCriteria("bench")
                        .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                                "jdbc:postgresql://db.example.com:5432/app", "USERNAME", "app", "PASSWORD", "pw"))));
            }
            md.append("\n## 2. Catalog read throughput\n\n")
                    .append("Requests per second over keep-alive HTTP/1.1 connections from a minimal load generator in ")
                    .append("the same JVM (one connection per client), 50 stored connections, 3 s warm-up then 5 s ")
                    .append("measured per cell. `GetConnection` of one name; `GetConnections` with `MaxResults` 10.\n\n")
                    .append("| clients | GetConnection/s | GetConnections/s |\n|---|---|---|\n");
            for (int clients : new int[] {1, 8, 64}) {
                long single = throughput(server.port(), clients, "GetConnection", "{\"Name\":\"conn-07\"}");
                long list = throughput(server.port(), clients, "GetConnections", "{\"MaxResults\":10}");
                md.append("| ").append(clients).append(" | ").append(single).append(" | ").append(list).append(" |\n");
            }
            md.append("\nTarget: more than 20 000 GetConnection/s at 8 clients.\n");
        }
    }

    private static long throughput(int port, int clients, String operation, String body) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (KeepAliveClient client = new KeepAliveClient(port, operation, body)) {
                    ready.countDown();
                    while (!stop.get()) {
                        if (client.call() != 200) {
                            throw new IllegalStateException(operation + " failed");
                        }
                        if (measuring.get()) {
                            count.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        ready.await();
        Thread.sleep(3_000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(5_000);
        long done = count.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return Math.round(done / seconds);
    }

    // ---- 3. Flood: a tarpit beside healthy tests ---------------------------------------------------------

    private static void flood(PostgresServer pg, StringBuilder md) throws Exception {
        Duration deadline = Duration.ofSeconds(3);
        String healthy = "{\"TestConnectionInput\":{\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                + "\"JDBC_CONNECTION_URL\":\"" + pg.jdbcUrl("postgres") + "\",\"USERNAME\":\"bench\",\"PASSWORD\":\""
                + PASSWORD + "\"}}}";
        Path dir = Files.createTempDirectory("bench-flood");
        try (Dialtone server = Dialtone.start(new DialtoneConfig("127.0.0.1", 0, dir, deadline));
                Tarpit tarpit = new Tarpit()) {
            String stuck = "{\"TestConnectionInput\":{\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                    + "\"JDBC_CONNECTION_URL\":\"jdbc:postgresql://127.0.0.1:" + tarpit.port() + "/db\","
                    + "\"USERNAME\":\"u\",\"PASSWORD\":\"p\"}}}";
            Latencies unloaded = new Latencies(healthyStream(server.port(), healthy, 300, new AtomicBoolean(true)));

            int floodSize = 200;
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            long[] floodNanos = new long[floodSize];
            List<Thread> flooders = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(floodSize);
            for (int i = 0; i < floodSize; i++) {
                int index = i;
                Thread thread = new Thread(() -> {
                    started.countDown();
                    long start = System.nanoTime();
                    String answer;
                    try {
                        answer = dev.dialtone.fixtures.RawGlue.post(server.port(), "TestConnection", stuck);
                    } catch (IOException e) {
                        answer = "IOException";
                    }
                    floodNanos[index] = System.nanoTime() - start;
                    outcomes.merge(outcome(answer), 1, Integer::sum);
                });
                thread.start();
                flooders.add(thread);
            }
            started.await();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                flooders.forEach(t -> {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                flooding.set(false);
            });
            watcher.start();
            Latencies loaded = new Latencies(healthyStream(server.port(), healthy, Integer.MAX_VALUE, flooding));
            watcher.join();
            Latencies floodTimes = new Latencies(floodNanos);
            md.append("\n## 3. Flood: 200 concurrent tests to a tarpit beside a stream of healthy tests\n\n")
                    .append("Deadline ").append(deadline.toMillis()).append(" ms; default bulkheads (64 in flight, 8 per ")
                    .append("destination, 64 waiting). Healthy tests: sequential JDBC TestConnection to PostgreSQL ")
                    .append("(scram), raw HTTP client.\n\n")
                    .append("| healthy tests | samples | p50 | p99 |\n|---|---|---|---|\n")
                    .append("| unloaded | 300 | ").append(Latencies.ms(unloaded.p50())).append(" | ")
                    .append(Latencies.ms(unloaded.p99())).append(" |\n")
                    .append("| during the flood | ").append(loaded.count()).append(" | ").append(Latencies.ms(loaded.p50()))
                    .append(" | ").append(Latencies.ms(loaded.p99())).append(" |\n\n")
                    .append("Healthy p99 under flood / unloaded: ").append(ratio(loaded.p99(), unloaded.p99()))
                    .append(" (target ≤ 2).\n\nTarpit tests: ").append(outcomes).append("; slowest ended after ")
                    .append(Latencies.ms(floodTimes.max())).append(" (deadline + 10 % = ")
                    .append(Latencies.ms(deadline.toMillis() * 1100)).append(").\n");
        }
    }

    private static long[] healthyStream(int port, String body, int limit, AtomicBoolean keepGoing) throws IOException {
        List<Long> samples = new ArrayList<>();
        try (KeepAliveClient client = new KeepAliveClient(port, "TestConnection", body)) {
            while (samples.size() < limit && keepGoing.get()) {
                long start = System.nanoTime();
                if (client.call() != 200) {
                    throw new IllegalStateException("a healthy test failed");
                }
                samples.add(System.nanoTime() - start);
            }
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }

    private static String outcome(String answer) {
        if (answer.startsWith("HTTP/1.1 200")) {
            return "200";
        }
        for (String type : List.of("OperationTimeoutException", "ResourceNumberLimitExceededException")) {
            if (answer.contains(type)) {
                return type;
            }
        }
        return answer.lines().findFirst().orElse("no answer");
    }

    // ---- 4. Start-up time and idle memory ------------------------------------------------------------

    private static void startup(StringBuilder md) throws Exception {
        Path jar = Path.of("target", "dialtone.jar");
        if (!Files.exists(jar)) {
            md.append("\n## 4. Start-up\n\nNot measured: target/dialtone.jar is missing (run `mvn -Pbench verify`).\n");
            return;
        }
        md.append("\n## 4. Start-up time and idle memory\n\n")
                .append("From process start to the first answered `GetConnections` (`java -jar target/dialtone.jar serve` ")
                .append("on an empty data directory), best and median of 5; resident memory 3 s after that answer.\n\n")
                .append("| JVM options | best | median | idle RSS |\n|---|---|---|---|\n");
        startupRow(md, jar, List.of());
        startupRow(md, jar, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=1g"));
        md.append("\nTargets: first answer ≤ 0.5 s, idle RSS ≤ 100 MB.\n");
    }

    private static void startupRow(StringBuilder md, Path jar, List<String> options) throws Exception {
        List<Long> times = new ArrayList<>();
        long rss = 0;
        for (int run = 0; run < 5; run++) {
            Path dir = Files.createTempDirectory("bench-start");
            int port = Ports.free();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data-dir",
                    dir.toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile()).start();
            try {
                while (true) {
                    try (KeepAliveClient client = new KeepAliveClient(port, "GetConnections", "{}")) {
                        if (client.call() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        Thread.onSpinWait();
                    }
                }
                times.add((System.nanoTime() - start) / 1000);
                Thread.sleep(3_000);
                rss = Math.max(rss, residentKilobytes(process.pid()));
            } finally {
                process.destroy();
                process.waitFor();
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
        times.sort(Long::compare);
        md.append("| ").append(options.isEmpty() ? "(none)" : "`" + String.join(" ", options) + "`").append(" | ")
                .append(Latencies.ms(times.get(0))).append(" | ").append(Latencies.ms(times.get(2))).append(" | ")
                .append(rss / 1024).append(" MB |\n");
    }

    private static long residentKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String ratio(long a, long b) {
        return String.format(java.util.Locale.ROOT, "%.2f", (double) a / b);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // Keep the placeholder.
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB max heap, Java "
                + System.getProperty("java.version");
    }
}
