package dev.dialtone;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.catalog.Catalog;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.glue.BatchDeleteConnection;
import dev.dialtone.glue.ConnectionTestHistory;
import dev.dialtone.glue.CreateConnection;
import dev.dialtone.glue.DeleteConnection;
import dev.dialtone.glue.GetConnection;
import dev.dialtone.glue.DescribeConnectionType;
import dev.dialtone.glue.GetConnections;
import dev.dialtone.glue.GetDataCatalogEncryptionSettings;
import dev.dialtone.glue.PutDataCatalogEncryptionSettings;
import dev.dialtone.glue.ListConnectionTypes;
import dev.dialtone.glue.TestConnection;
import dev.dialtone.glue.UpdateConnection;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.sealing.KmsKeys;
import dev.dialtone.sealing.MasterKeys;
import dev.dialtone.wire.AnonymousAuthenticator;
import dev.dialtone.wire.GlueHttpHandler;
import dev.dialtone.wire.OperationTable;
import dev.dialtone.wire.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server, wired by hand: catalog, probe and wire, each given what it needs. */
public final class Dialtone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dialtone.class);

    private final DialtoneConfig config;
    private final ConnectionStore store;
    private final ExecutorService probeWorkers;
    private final ProbeResources resources;
    private final Probe probe;
    private final WireServer wire;
    private final KmsKeys kms;

    private final GlueHttpHandler handler;

    private Dialtone(DialtoneConfig config) throws java.io.IOException {
        this.config = config;
        // The catalog opens (SQLite, migrations check) while this thread sets up the listener and the testers:
        // on two cores that takes a third off the start-up. Only the operations need the catalog.
        // The catalog seals what the testers declare secret; it waits for them only for that start-up pass.
        CompletableFuture<TesterRegistry> testersReady = new CompletableFuture<>();
        this.kms = new KmsKeys(new AwsSettings(config.sources().environment(), Duration.ofSeconds(5)));
        MasterKeys keys = new MasterKeys(config.keys().file(config.dataDir()), config.keys().kmsKeyId(), () -> kms);
        CompletableFuture<Catalog> opening = CompletableFuture.supplyAsync(
                () -> EmbeddedCatalog.open(config.dataDir(), keys,
                        (type, key) -> testersReady.join().isSecret(type, key)), Dialtone::startupThread);
        TesterRegistry testers;
        try {
            this.wire = new WireServer(config.host(), config.port());
            this.probeWorkers = ProbeAssembly.workers();
            this.resources = ProbeResources.open(config);
            testers = ProbeAssembly.testers(config, resources);
            this.probe = ProbeAssembly.probe(config, testers, probeWorkers);
            testersReady.complete(testers);
        } catch (RuntimeException | Error e) {
            testersReady.completeExceptionally(e);
            // Whatever the catalog thread opens must still be closed.
            opening.thenAccept(Dialtone::closeQuietly);
            kms.close();
            throw e;
        }
        Catalog catalog;
        try {
            catalog = opening.join();
        } catch (CompletionException e) {
            probeWorkers.shutdownNow();
            resources.close();
            kms.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        this.store = catalog.connections();
        Clock clock = Clock.systemUTC();
        OperationTable operations = new OperationTable(List.of(
                new CreateConnection(store, clock),
                new GetConnection(store, testers::isSecret, catalog.encryptionSettings(), this::encryptPassword),
                new GetConnections(store, testers::isSecret, catalog.encryptionSettings(), this::encryptPassword),
                new GetDataCatalogEncryptionSettings(catalog.encryptionSettings()),
                new PutDataCatalogEncryptionSettings(catalog.encryptionSettings()),
                new UpdateConnection(store, clock),
                new DeleteConnection(store),
                new BatchDeleteConnection(store),
                new TestConnection(store, probe, clock),
                new ListConnectionTypes(testers),
                new DescribeConnectionType(testers)));
        this.handler = new GlueHttpHandler(operations, new ConnectionTestHistory(store), new AnonymousAuthenticator());
    }

    /** Glue's ENCRYPTED_PASSWORD: KMS Encrypt under the catalog's key, in the catalog's region unless the ARN names one. */
    private String encryptPassword(CatalogScope catalog, String kmsKeyId, String password) {
        return Base64.getEncoder().encodeToString(
                kms.encrypt(kmsKeyId, catalog.region(), password.getBytes(StandardCharsets.UTF_8)));
    }

    private static void closeQuietly(Catalog store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.warn("the catalog could not be closed after a failed start", e);
        }
    }

    private static void startupThread(Runnable task) {
        Thread thread = new Thread(task, "dialtone-startup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens the catalog and starts listening. */
    public static Dialtone start(DialtoneConfig config) throws Exception {
        Dialtone dialtone = new Dialtone(config);
        try {
            dialtone.wire.start(dialtone.handler);
        } catch (Exception e) {
            dialtone.close();
            throw e;
        }
        LOG.info("Dialtone listening on http://{}:{} (catalog in {}, secrets sealed with {}{}, test deadline {} ms)",
                config.host(), dialtone.port(), config.dataDir().toAbsolutePath(),
                config.keys().file(config.dataDir()).toAbsolutePath(),
                config.keys().kmsKeyId().map(id -> " via KMS key " + id).orElse(""), config.testTimeout().toMillis());
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
            try {
                resources.close();
            } finally {
                try {
                    store.close();
                } finally {
                    kms.close();
                }
            }
        }
    }
}
