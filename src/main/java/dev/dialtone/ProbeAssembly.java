package dev.dialtone;

import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TestObserver;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.UntestableTypes;
import dev.dialtone.probe.jdbc.DatabaseType;
import dev.dialtone.probe.jdbc.DatabaseTypeTester;
import dev.dialtone.probe.mongodb.DocumentDbTester;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.aws.AwsServices;
import dev.dialtone.probe.google.GoogleTester;
import dev.dialtone.probe.opensearch.OpenSearchTester;
import dev.dialtone.probe.untestable.OtherTypes;
import dev.dialtone.probe.jdbc.JdbcTester;
import dev.dialtone.probe.kafka.KafkaTester;
import dev.dialtone.probe.mongodb.MongoTester;
import dev.dialtone.probe.network.NetworkTester;
import dev.dialtone.probe.rest.BuiltInRestTypes;
import dev.dialtone.probe.rest.OriginOverrides;
import dev.dialtone.probe.salesforce.SalesforceTester;
import dev.dialtone.probe.sftp.SftpTester;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.probe.ConnectionTypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
        List<ConnectionTypeSpec> types = new ArrayList<>(List.of(
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
                new OpenSearchTester(secrets, resources.certificates(), serverIdentityForTests(config, resources)),
                new UntestableTypes.AzureCosmos(),
                new UntestableTypes.Db2As400()));
        types.addAll(GoogleTester.testers(secrets, config.sources().environment(),
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST));
        types.addAll(AwsServices.testers(secrets, resources.aws(), serverIdentityForTests(config, resources),
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST));
        // The SaaS types shipped as declarations, run by the REST engine that runs registered types.
        types.addAll(BuiltInRestTypes.testers(secrets, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST,
                OriginOverrides.parse(config.sources().originOverrides())));
        types.addAll(OtherTypes.types(jdbc));
        return new TesterRegistry(types);
    }

    private static DatabaseTypeTester database(String type, JdbcTester jdbc) {
        return new DatabaseTypeTester(DatabaseType.named(type).orElseThrow(), jdbc);
    }

    /**
     * The server's own AWS identity for AWS-service tests, only when the operator set
     * DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY=true: otherwise any caller could test with (borrow) it.
     */
    private static Supplier<Optional<AwsCredentialsProvider>> serverIdentityForTests(DialtoneConfig config,
            ProbeResources resources) {
        boolean allowed = "true".equalsIgnoreCase(config.sources().environment()
                .getOrDefault(SERVER_IDENTITY_FOR_TESTS, "").trim());
        return allowed ? () -> resources.aws().credentials() : Optional::empty;
    }

    /** The environment variable that lets AWS-service tests use the server's own AWS identity. */
    public static final String SERVER_IDENTITY_FOR_TESTS = "DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY";

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
