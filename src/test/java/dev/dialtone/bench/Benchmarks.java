package dev.dialtone.bench;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.ProbeAssembly;
import dev.dialtone.ProbeResources;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TestSubject;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
        // A second argument runs only the sections it names (overhead, flood, throughput, startup), printing them.
        java.util.Set<String> only = args.length > 1 ? java.util.Set.of(args[1].split(",")) : java.util.Set.of();
        if (!only.isEmpty()) {
            StringBuilder part = new StringBuilder();
            if (only.contains("overhead") || only.contains("flood")) {
                try (PostgresServer pg = PostgresServer.start()) {
                    pg.createRole("bench", PASSWORD);
                    if (only.contains("overhead")) {
                        overhead(pg, part);
                    }
                    if (only.contains("flood")) {
                        flood(pg, part);
                    }
                }
            }
            if (only.contains("throughput")) {
                catalogThroughput(part);
            }
            if (only.contains("startup")) {
                startup(part);
            }
            System.out.println(part);
            return;
        }
        StringBuilder md = new StringBuilder("# Dialtone benchmarks\n\n")
                .append("Produced by `mvn -Pbench verify` (`dev.dialtone.bench.Benchmarks`) on ")
                .append(LocalDate.now()).append(", ").append(machine()).append(".\n");
        // -Dbench.only=shared-catalog: just section 5 (the others take minutes on a shared machine).
        boolean sharedOnly = "shared-catalog".equals(System.getProperty("bench.only"));
        try (PostgresServer pg = PostgresServer.start()) {
            pg.createRole("bench", PASSWORD);
            if (!sharedOnly) {
                overhead(pg, md);
                flood(pg, md);
            }
            SharedCatalogBenchmark.run(pg, md);
        }
        if (sharedOnly) {
            Files.writeString(report, md);
            System.out.println(md);
            return;
        }
        catalogThroughput(md);
        startup(md);
        // The analysis of the figures is kept beside the harness and appended as it stands.
        Path findings = Path.of("src", "test", "resources", "benchmark-findings.md");
        if (Files.exists(findings)) {
            md.append(Files.readString(findings));
        }
        Files.writeString(report, md);
        System.out.println(md);
    }

    // ---- 1. TestConnection overhead versus the raw driver --------------------------------------------

    private static void overhead(PostgresServer pg, StringBuilder md) throws Exception {
        // 2000 warm-up rounds: with 200 the server's request path (called three times a round) had not reached the C2
        // compiler, and its C1 code alone made the HTTP ratio about 0.1 higher than a running server's.
        int warmup = Integer.getInteger("bench.warmup", 2000);
        int measured = Integer.getInteger("bench.rounds", 500);
        Path dir = Files.createTempDirectory("bench-overhead");
        try (Dialtone server = Dialtone.start(new DialtoneConfig("127.0.0.1", 0, dir, Duration.ofSeconds(10)));
                GlueClient apache = glue(server.port(), ApacheHttpClient.create());
                GlueClient urlConnection = glue(server.port(), UrlConnectionHttpClient.create())) {
            String url = pg.jdbcUrl("postgres");
            Map<String, String> properties = Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "bench", "PASSWORD", PASSWORD);
            String json = "{\"TestConnectionInput\":{\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                    + "\"JDBC_CONNECTION_URL\":\"" + url + "\",\"USERNAME\":\"bench\",\"PASSWORD\":\"" + PASSWORD + "\"}}}";
            Properties credentials = new Properties();
            credentials.setProperty("user", "bench");
            credentials.setProperty("password", PASSWORD);
            org.postgresql.Driver driver = new org.postgresql.Driver();
            // The same probe the server uses, called in-process: Dialtone's own cost without HTTP.
            DialtoneConfig config = new DialtoneConfig("127.0.0.1", 0, dir, Duration.ofSeconds(10));
            ProbeResources resources = ProbeResources.open(config);
            ExecutorService workers = ProbeAssembly.workers();
            Probe probe = ProbeAssembly.probe(config, ProbeAssembly.testers(config, resources), workers);
            TestSubject subject = new TestSubject("JDBC", properties, Optional.empty());
            long[][] samples = new long[5][measured];
            try (KeepAliveClient raw = new KeepAliveClient(server.port(), "TestConnection", json)) {
                for (int i = -warmup; i < measured; i++) {
                    // Interleaved, so all of them see the same machine state.
                    long[] round = new long[5];
                    long start = System.nanoTime();
                    try (Connection connection = driver.connect(url, credentials)) {
                        if (!connection.isValid(2)) {
                            throw new IllegalStateException("raw connection not valid");
                        }
                    }
                    round[0] = System.nanoTime() - start;
                    start = System.nanoTime();
                    apache.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                            .connectionPropertiesWithStrings(properties)));
                    round[1] = System.nanoTime() - start;
                    start = System.nanoTime();
                    urlConnection.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                            .connectionPropertiesWithStrings(properties)));
                    round[2] = System.nanoTime() - start;
                    start = System.nanoTime();
                    if (raw.call() != 200) {
                        throw new IllegalStateException("TestConnection failed");
                    }
                    round[3] = System.nanoTime() - start;
                    start = System.nanoTime();
                    if (!probe.test(subject).succeeded()) {
                        throw new IllegalStateException("in-process test failed");
                    }
                    round[4] = System.nanoTime() - start;
                    if (i >= 0) {
                        for (int k = 0; k < 5; k++) {
                            samples[k][i] = round[k];
                        }
                    }
                }
            } finally {
                workers.shutdownNow();
                resources.close();
            }
            Latencies driverOnly = new Latencies(samples[0]);
            String[] labels = {"raw pgjdbc connect + isValid", "TestConnection, AWS SDK GlueClient (Apache HTTP client, the SDK default)",
                "TestConnection, AWS SDK GlueClient (URLConnection HTTP client)", "TestConnection, plain keep-alive HTTP client",
                "the probe alone, in-process (no HTTP)"};
            md.append("\n## 1. TestConnection overhead (PostgreSQL 18, scram-sha-256, loopback)\n\n")
                    .append("The same inline JDBC test (same server, same credentials) five ways, ").append(measured)
                    .append(" of each, interleaved, after ").append(warmup).append(" warm-up rounds. Ratios are to the raw ")
                    .append("driver.\n\n| | p50 | p99 | ratio p50 | ratio p99 |\n|---|---|---|---|---|\n");
            for (int k = 0; k < 5; k++) {
                Latencies l = new Latencies(samples[k]);
                md.append("| ").append(labels[k]).append(" | ").append(Latencies.ms(l.p50())).append(" | ")
                        .append(Latencies.ms(l.p99())).append(" | ").append(ratio(l.p50(), driverOnly.p50())).append(" | ")
                        .append(ratio(l.p99(), driverOnly.p99())).append(" |\n");
            }
            md.append("\nTarget: ratio at p50 ≤ 1.15 over HTTP (plain client).\n");
        }
    }

    private static GlueClient glue(int port, software.amazon.awssdk.http.SdkHttpClient http) {
        return GlueClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).httpClient(http)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("bench", "bench")))
                .build();
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
        return throughput(new int[] {port}, clients, operation, body);
    }

    /** As above, client {@code i} on {@code ports[i % ports.length]} (several nodes). */
    static long throughput(int[] ports, int clients, String operation, String body) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try (KeepAliveClient client = new KeepAliveClient(ports[index % ports.length], operation, body)) {
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

    /** Runs per start-up row, after one that makes the catalog and the archive: a median of 5 moved by ±40 ms. */
    private static final int START_RUNS = Integer.getInteger("bench.startRuns", 15);

    private static void startup(StringBuilder md) throws Exception {
        Path jar = Path.of("target", "dialtone.jar");
        if (!Files.exists(jar)) {
            md.append("\n## 4. Start-up\n\nNot measured: target/dialtone.jar is missing (run `mvn -Pbench verify`).\n");
            return;
        }
        // The launcher's archive of this jar (cli.Launcher) is made by the first run below, at its exit.
        try (Stream<Path> archives = Files.list(jar.toAbsolutePath().getParent())) {
            for (Path archive : archives.filter(p -> p.getFileName().toString().startsWith("dialtone-")
                    && p.getFileName().toString().contains(".jsa")).toList()) {
                Files.delete(archive);
            }
        }
        md.append("\n## 4. Start-up time and idle memory\n\n")
                .append("From process start to the first answered `GetConnections` (`java -jar target/dialtone.jar serve`, ")
                .append("no JVM option; port and data directory as `DIALTONE_PORT`/`DIALTONE_DATA_DIR`, or as options, ")
                .append("which picocli parses), best and median of ").append(START_RUNS)
                .append(" (one machine's noise is ±50 ms a run); resident memory 3 s after that answer, the launcher's JVM ")
                .append("and the server's added up. A new catalog runs the schema migrations (Flyway); a restart finds the ")
                .append("schema current and skips them. `java -jar` re-launches the server with the class-data archive the ")
                .append("first run made at its exit (see README, \"Start-up\"); `DIALTONE_LAUNCHER=off` runs it in the ")
                .append("first JVM, as before.\n\n")
                .append("| command | catalog | best | median | idle RSS |\n|---|---|---|---|---|\n");
        startupRow(md, jar, Map.of(), true, false);
        startupRow(md, jar, Map.of(), false, false);
        startupRow(md, jar, Map.of(), false, true);
        startupRow(md, jar, Map.of("DIALTONE_LAUNCHER", "off"), false, false);
        md.append("\nTargets: first answer ≤ 0.5 s, idle RSS ≤ 100 MB.\n");
    }

    /**
     * One row: {@code java -jar dialtone.jar serve}, the port and data directory given as {@code DIALTONE_*} variables
     * (the README's command as it is), or with {@code options} as {@code --port}/{@code --data-dir} (parsed by picocli).
     */
    private static void startupRow(StringBuilder md, Path jar, Map<String, String> env, boolean newCatalog,
            boolean options) throws Exception {
        List<Long> times = new ArrayList<>();
        long rss = 0;
        Path dir = Files.createTempDirectory("bench-start");
        for (int run = -1; run < START_RUNS; run++) {
            if (newCatalog) {
                delete(dir);
                Files.createDirectories(dir);
            }
            int port = Ports.free();
            List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "serve"));
            if (options) {
                command.addAll(List.of("--port", String.valueOf(port), "--data-dir", dir.toString()));
            }
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(java.lang.ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            if (!options) {
                builder.environment().put("DIALTONE_PORT", String.valueOf(port));
                builder.environment().put("DIALTONE_DATA_DIR", dir.toString());
            }
            Process process = builder.start();
            try {
                awaitAnswer(port);
                long micros = (System.nanoTime() - start) / 1000;
                if (run >= 0) {
                    // Run -1 made the catalog (for restarts), the launcher's archive (at its exit), and warmed the cache.
                    times.add(micros);
                    if (run < 3) { // idle memory from the first three: 3 s each
                        Thread.sleep(3_000);
                        long total = residentKilobytes(process.pid());
                        for (ProcessHandle child : process.descendants().toList()) {
                            total += residentKilobytes(child.pid());
                        }
                        rss = Math.max(rss, total);
                    } else {
                        Thread.sleep(300);
                    }
                }
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
        delete(dir);
        times.sort(Long::compare);
        md.append("| `").append(env.isEmpty() ? "" : env.entrySet().iterator().next().getKey() + "="
                        + env.values().iterator().next() + " ").append("java -jar … serve")
                .append(options ? " --port … --data-dir …" : "").append("` | ")
                .append(newCatalog ? "new" : "restart").append(" | ").append(Latencies.ms(times.get(0))).append(" | ")
                .append(Latencies.ms(times.get(times.size() / 2))).append(" | ").append(rss / 1024).append(" MB |\n");
    }

    private static void awaitAnswer(int port) {
        while (true) {
            try (KeepAliveClient client = new KeepAliveClient(port, "GetConnections", "{}")) {
                if (client.call() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Poll every 2 ms: spinning here would take one of the two cores from the JVM being measured.
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
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
