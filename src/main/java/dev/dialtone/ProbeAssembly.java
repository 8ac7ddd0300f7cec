package dev.dialtone;

import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.Dialer;
import dev.dialtone.probe.HostResolver;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TestObserver;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.UntestableTypes;
import dev.dialtone.probe.jdbc.DatabaseType;
import dev.dialtone.probe.jdbc.DatabaseTypeTester;
import dev.dialtone.probe.mongodb.DocumentDbTester;
import dev.dialtone.probe.jdbc.JdbcTester;
import dev.dialtone.probe.kafka.KafkaTester;
import dev.dialtone.probe.mongodb.MongoTester;
import dev.dialtone.probe.network.NetworkTester;
import dev.dialtone.probe.salesforce.SalesforceTester;
import dev.dialtone.probe.sftp.SftpTester;
import dev.dialtone.secrets.SecretStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the probe with every tester Dialtone has: the server and the CLI test with exactly the same one. */
public final class ProbeAssembly {
    private ProbeAssembly() {
    }

    /** The testers, one per connection type, sharing the secret store, CA loading and installed drivers. */
    public static TesterRegistry testers(DialtoneConfig config, ProbeResources resources) {
        SecretStore secrets = resources.secrets();
        JdbcTester jdbc = JdbcTester.withAllEngines(secrets, resources.certificates(), resources.drivers());
        MongoTester mongo = new MongoTester(secrets);
        // Every type Dialtone knows, one entry each: testers, then the types it can only describe.
        return new TesterRegistry(List.of(
                jdbc,
                new NetworkTester(),
                new SalesforceTester(secrets),
                new SftpTester(secrets),
                mongo,
                new KafkaTester(secrets, resources.certificates(), resources.keyStores()),
                database("POSTGRESQL", jdbc),
                database("MYSQL", jdbc),
                database("SQLSERVER", jdbc),
                database("ORACLE", jdbc),
                database("DB2", jdbc),
                database("AZURESQL", jdbc),
                database("SYNAPSE", jdbc),
                database("VERTICA", jdbc),
                database("SAPHANA", jdbc),
                database("TERADATA", jdbc),
                database("TERADATANOS", jdbc),
                database("VIEW_VALIDATION_REDSHIFT", jdbc),
                new DocumentDbTester(mongo, resources.certificates()),
                new UntestableTypes.AzureCosmos(),
                new UntestableTypes.Db2As400()));
    }

    private static DatabaseTypeTester database(String type, JdbcTester jdbc) {
        return new DatabaseTypeTester(DatabaseType.named(type).orElseThrow(), jdbc);
    }

    public static Probe probe(DialtoneConfig config, TesterRegistry testers, ExecutorService workers) {
        return probe(config, testers, workers, HostResolver.SYSTEM);
    }

    /** The probe, every test socket's host name looked up by {@code resolver}. */
    public static Probe probe(DialtoneConfig config, TesterRegistry testers, ExecutorService workers,
            HostResolver resolver) {
        return probe(config, testers, workers, resolver, TestObserver.NONE);
    }

    /** As above, telling {@code observer} how every test ended (the server's metrics). */
    public static Probe probe(DialtoneConfig config, TesterRegistry testers, ExecutorService workers,
            HostResolver resolver, TestObserver observer) {
        DialtoneConfig.Limits limits = config.limits();
        return new Probe(testers, new Dialer(config.egress().policy(), resolver), config.testTimeout(),
                workers, new Bulkhead(limits.maxTests(), limits.maxTestsPerDestination(), limits.maxQueuedTests()),
                observer);
    }

    /** Daemon worker threads for tests; idle ones go after a second, so a flood leaves none behind. */
    public static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "dialtone-probe-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
