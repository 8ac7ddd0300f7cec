package dev.dialtone;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.glue.BatchDeleteConnection;
import dev.dialtone.glue.CreateConnection;
import dev.dialtone.glue.DeleteConnection;
import dev.dialtone.glue.GetConnection;
import dev.dialtone.glue.DescribeConnectionType;
import dev.dialtone.glue.GetConnections;
import dev.dialtone.glue.ListConnectionTypes;
import dev.dialtone.glue.TestConnection;
import dev.dialtone.glue.UpdateConnection;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Dialer;
import dev.dialtone.probe.HostResolver;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.jdbc.DriverDirectory;
import dev.dialtone.probe.jdbc.JdbcTester;
import dev.dialtone.probe.network.NetworkTester;
import dev.dialtone.secrets.CachingSecretStore;
import dev.dialtone.secrets.EnvironmentSecrets;
import dev.dialtone.secrets.FileSecrets;
import dev.dialtone.secrets.SecretSources;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretsManagerSecrets;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.wire.GlueHttpHandler;
import dev.dialtone.wire.OperationTable;
import dev.dialtone.wire.WireServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server, wired by hand: catalog, probe and wire, each given what it needs. */
public final class Dialtone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dialtone.class);

    private final DialtoneConfig config;
    private final ConnectionStore store;
    private final ExecutorService probeWorkers;
    private final SecretsManagerSecrets secretsManager;
    private final CaCertificates certificates;
    private final DriverDirectory drivers;
    private final Probe probe;
    private final WireServer wire;

    private Dialtone(DialtoneConfig config) {
        this.config = config;
        this.store = EmbeddedCatalog.open(config.dataDir());
        this.probeWorkers = probeWorkers();
        Clock clock = Clock.systemUTC();
        AwsSettings aws = new AwsSettings(config.environment(), awsCallTimeout(config));
        this.secretsManager = new SecretsManagerSecrets(aws);
        SecretStore secrets = CachingSecretStore.withTtl(SecretSources.of(
                new EnvironmentSecrets(config.environment(), DialtoneConfig.SECRET_VARIABLE_PREFIX),
                new FileSecrets(config.secretsDir()), secretsManager), config.secretsTtl(), clock);
        this.certificates = new CaCertificates(config.certDir(), aws);
        this.drivers = DriverDirectory.load(config.driverDir());
        TesterRegistry testers = new TesterRegistry(List.of(
                JdbcTester.withAllEngines(secrets, certificates, drivers),
                new NetworkTester()));
        this.probe = new Probe(testers, new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM), config.testTimeout(),
                probeWorkers);
        OperationTable operations = new OperationTable(List.of(
                new CreateConnection(store, clock),
                new GetConnection(store, testers::isSecret),
                new GetConnections(store, testers::isSecret),
                new UpdateConnection(store, clock),
                new DeleteConnection(store),
                new BatchDeleteConnection(store),
                new TestConnection(store, probe, clock),
                new ListConnectionTypes(testers),
                new DescribeConnectionType(testers)));
        this.wire = new WireServer(config.host(), config.port(), new GlueHttpHandler(operations));
    }

    /** Opens the catalog and starts listening. */
    public static Dialtone start(DialtoneConfig config) throws Exception {
        Dialtone dialtone = new Dialtone(config);
        try {
            dialtone.wire.start();
        } catch (Exception e) {
            dialtone.close();
            throw e;
        }
        LOG.info("Dialtone listening on http://{}:{} (catalog in {}, test deadline {} ms)", config.host(),
                dialtone.port(), config.dataDir().toAbsolutePath(), config.testTimeout().toMillis());
        return dialtone;
    }

    public int port() {
        return wire.port();
    }

    public Probe probe() {
        return probe;
    }

    public DialtoneConfig config() {
        return config;
    }

    @Override
    public void close() throws Exception {
        try {
            wire.close();
        } finally {
            probeWorkers.shutdownNow();
            secretsManager.close();
            certificates.close();
            drivers.close();
            store.close();
        }
    }

    /** Calls to AWS (secrets, CA certificates) happen before a test starts; they get at most half its deadline. */
    private static Duration awsCallTimeout(DialtoneConfig config) {
        Duration half = config.testTimeout().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    }

    private static ExecutorService probeWorkers() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "dialtone-probe-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
