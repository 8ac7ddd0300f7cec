package dev.dialtone;

import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.glue.BatchDeleteConnection;
import dev.dialtone.glue.ConnectionTestHistory;
import dev.dialtone.glue.CreateConnection;
import dev.dialtone.glue.DeleteConnection;
import dev.dialtone.glue.GetConnection;
import dev.dialtone.glue.DescribeConnectionType;
import dev.dialtone.glue.GetConnections;
import dev.dialtone.glue.ListConnectionTypes;
import dev.dialtone.glue.TestConnection;
import dev.dialtone.glue.UpdateConnection;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.wire.AnonymousAuthenticator;
import dev.dialtone.wire.GlueHttpHandler;
import dev.dialtone.wire.OperationTable;
import dev.dialtone.wire.WireServer;
import java.time.Clock;
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

    private final GlueHttpHandler handler;
    private final OperationTable operations;

    private Dialtone(DialtoneConfig config) throws java.io.IOException {
        this.config = config;
        // The catalog opens (SQLite, migrations check) while this thread sets up the listener and the testers:
        // on two cores that takes a third off the start-up. Only the operations need the catalog.
        CompletableFuture<ConnectionStore> opening = CompletableFuture.supplyAsync(
                () -> EmbeddedCatalog.open(config.dataDir()), Dialtone::startupThread);
        TesterRegistry testers;
        try {
            this.wire = new WireServer(config.host(), config.port(), config.wire().idleTimeout());
            this.probeWorkers = ProbeAssembly.workers();
            this.resources = ProbeResources.open(config);
            testers = ProbeAssembly.testers(config, resources);
            this.probe = ProbeAssembly.probe(config, testers, probeWorkers);
        } catch (RuntimeException | Error e) {
            // Whatever the catalog thread opens must still be closed.
            opening.thenAccept(Dialtone::closeQuietly);
            throw e;
        }
        try {
            this.store = opening.join();
        } catch (CompletionException e) {
            probeWorkers.shutdownNow();
            resources.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Clock clock = Clock.systemUTC();
        this.operations = new OperationTable(List.of(
                new CreateConnection(store, clock),
                new GetConnection(store, testers::isSecret),
                new GetConnections(store, testers::isSecret),
                new UpdateConnection(store, clock),
                new DeleteConnection(store),
                new BatchDeleteConnection(store),
                new TestConnection(store, probe, clock),
                new ListConnectionTypes(testers),
                new DescribeConnectionType(testers)));
        this.handler = new GlueHttpHandler(operations, new ConnectionTestHistory(store), new AnonymousAuthenticator(),
                config.wire().loopbackHostsOnly());
    }

    private static void closeQuietly(ConnectionStore store) {
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
        LOG.info("Dialtone listening on http://{}:{} (catalog in {}, test deadline {} ms)", config.host(),
                dialtone.port(), config.dataDir().toAbsolutePath(), config.testTimeout().toMillis());
        return dialtone;
    }

    public int port() {
        return wire.port();
    }

    /** The Glue operations this server answers, by name. */
    public List<String> operationNames() {
        return operations.operationNames();
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
                store.close();
            }
        }
    }
}
