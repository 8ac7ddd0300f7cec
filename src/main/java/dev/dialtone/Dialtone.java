package dev.dialtone;

import dev.dialtone.audit.AuditTrail;
import dev.dialtone.aws.AwsSettings;
import dev.dialtone.catalog.Catalog;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.catalog.ConnectionTypeStore;
import dev.dialtone.glue.DeleteConnectionType;
import dev.dialtone.glue.RegisterConnectionType;
import dev.dialtone.glue.RegisteredTypes;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.rest.OriginOverrides;
import dev.dialtone.probe.rest.RestDeclaration;
import dev.dialtone.probe.rest.RestTesters;
import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.catalog.PostgresCatalog;
import dev.dialtone.catalog.SecretProperties;
import dev.dialtone.console.ConsoleHandler;
import dev.dialtone.glue.BatchDeleteConnection;
import dev.dialtone.glue.ConnectionTestHistory;
import dev.dialtone.glue.CreateConnection;
import dev.dialtone.glue.DeleteConnection;
import dev.dialtone.glue.GetConnection;
import dev.dialtone.glue.DescribeConnectionType;
import dev.dialtone.glue.GetConnections;
import dev.dialtone.glue.GetTags;
import dev.dialtone.glue.TagResource;
import dev.dialtone.glue.UntagResource;
import dev.dialtone.glue.GetDataCatalogEncryptionSettings;
import dev.dialtone.glue.PutDataCatalogEncryptionSettings;
import dev.dialtone.glue.ListConnectionTypes;
import dev.dialtone.glue.LiveTests;
import dev.dialtone.glue.TestConnection;
import dev.dialtone.glue.UpdateConnection;
import dev.dialtone.iam.AccessMode;
import dev.dialtone.iam.CredentialsWatcher;
import dev.dialtone.ops.Health;
import dev.dialtone.ops.OpsSettings;
import dev.dialtone.ops.RequestTelemetry;
import dev.dialtone.ops.ServerMetrics;
import dev.dialtone.wire.AdminRoutes;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.sealing.KmsKeys;
import dev.dialtone.sealing.MasterKeys;
import dev.dialtone.wire.AnonymousAuthenticator;
import dev.dialtone.wire.Authenticator;
import dev.dialtone.wire.GlueHttpHandler;
import dev.dialtone.wire.OperationTable;
import dev.dialtone.wire.SigV4Authenticator;
import dev.dialtone.wire.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server, wired by hand: catalog, probe and wire, each given what it needs. */
public final class Dialtone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dialtone.class);

    private final DialtoneConfig config;
    private final Catalog catalog;
    private final ConnectionStore store;
    private final ExecutorService probeWorkers;
    private final ProbeResources resources;
    private final Probe probe;
    private final WireServer wire;
    private final AuditTrail audit;
    private final KmsKeys kms;

    private final GlueHttpHandler handler;
    private final OpsSettings ops;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ServerMetrics metrics;
    private final Health health;
    private final AdminRoutes routes;
    private final AccessMode accessMode;
    private final Optional<CredentialsWatcher> credentials;
    private final OperationTable operations;

    /**
     * What tests may replace: the host resolver every test socket's name goes through (a made-up name can
     * then resolve to any form of a loopback address), and who the wire says the caller is.
     */
    public record Seams(HostResolver resolver, Optional<Authenticator> authenticator) {
        public static final Seams NONE = new Seams(HostResolver.SYSTEM, Optional.empty());

        public Seams withResolver(HostResolver newResolver) {
            return new Seams(newResolver, authenticator);
        }

        public Seams withAuthenticator(Authenticator newAuthenticator) {
            return new Seams(resolver, Optional.of(newAuthenticator));
        }
    }

    private Dialtone(DialtoneConfig config, OpsSettings ops, Seams seams) throws java.io.IOException {
        this.config = config;
        this.ops = ops;
        // Decided before anything opens or binds: a server that would listen beyond loopback with nobody's
        // signature checked, or a malformed credentials file, stops here with one line.
        this.accessMode = AccessMode.decide(config.host(), config.access().credentialsFile(),
                config.access().insecureAllowAnonymous());
        this.credentials = config.access().credentialsFile()
                .map(file -> CredentialsWatcher.start(file, CredentialsWatcher.DEFAULT_INTERVAL));
        // The catalog opens (SQLite, migrations check) while this thread sets up the testers and the metrics:
        // on two cores that takes a third off the start-up. Only the operations need the catalog.
        // The catalog seals what the testers declare secret; it waits for them only for that start-up pass.
        CompletableFuture<TesterRegistry> testersReady = new CompletableFuture<>();
        // KMS is made once the catalog has begun opening (the AWS SDK's region table is a few ms), and waited for
        // only when the master key is wrapped by KMS.
        CompletableFuture<KmsKeys> kmsReady = new CompletableFuture<>();
        MasterKeys keys = new MasterKeys(config.keys().file(config.dataDir()), config.keys().kmsKeyId(),
                kmsReady::join);
        SecretProperties secrets = (type, key) -> testersReady.join().isSecret(type, key);
        CompletableFuture<Catalog> opening = CompletableFuture.supplyAsync(() -> openCatalog(config, keys, secrets),
                StartupThreads.EACH_ON_ITS_OWN);
        try {
            this.kms = new KmsKeys(new AwsSettings(config.sources().environment(), Duration.ofSeconds(5)));
        } catch (RuntimeException | Error e) {
            kmsReady.completeExceptionally(e);
            opening.thenAccept(Dialtone::closeQuietly);
            credentials.ifPresent(CredentialsWatcher::close);
            throw e;
        }
        kmsReady.complete(kms);
        // The listener opens beside them too (Jetty's set-up and start, ~0.1 s), holding any call until the server
        // is ready: then no part of Jetty's start is left for after the catalog's.
        CompletableFuture<WireServer> listener = CompletableFuture.supplyAsync(() -> listening(config, ops),
                StartupThreads.EACH_ON_ITS_OWN);
        TesterRegistry testers;
        OriginOverrides overrides;
        try {
            // A malformed --origin-override stops the start here, before the catalog is used.
            overrides = OriginOverrides.parse(config.sources().originOverrides());
            this.probeWorkers = ProbeAssembly.workers();
            this.resources = ProbeResources.open(config);
            testers = ProbeAssembly.testers(config, resources);
            this.metrics = new ServerMetrics();
            this.probe = ProbeAssembly.probe(config, testers, probeWorkers, seams.resolver(), metrics);
            metrics.watch(probe, config.limits());
            testersReady.complete(testers);
            this.wire = joined(listener);
        } catch (RuntimeException | Error e) {
            testersReady.completeExceptionally(e);
            // Whatever the catalog thread opens must still be closed.
            opening.thenAccept(Dialtone::closeQuietly);
            listener.thenAccept(Dialtone::closeQuietly);
            credentials.ifPresent(CredentialsWatcher::close);
            kms.close();
            throw e;
        }
        Catalog catalog;
        try {
            catalog = opening.join();
        } catch (CompletionException e) {
            closeQuietly(wire);
            credentials.ifPresent(CredentialsWatcher::close);
            probeWorkers.shutdownNow();
            resources.close();
            kms.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        this.catalog = catalog;
        this.store = catalog.connections();
        metrics.watch(catalog.pool());
        Clock clock = Clock.systemUTC();
        LiveTests liveTests = new LiveTests();
        ConnectionTypeStore connectionTypes = catalog.connectionTypes();
        testers.consultRegistered(type -> connectionTypes.declarationsNamed(type).stream()
                .flatMap(declaration -> RestDeclaration.parse(declaration).secretKeys().stream())
                .collect(java.util.stream.Collectors.toSet()));
        RegisteredTypes registered = new RegisteredTypes(testers, connectionTypes, new RestTesters(resources.secrets(),
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST,
                overrides));
        TestConnection testConnection = new TestConnection(store, probe, clock, config.sources().allowServerSecrets(),
                liveTests, java.util.Optional.of(registered));
        this.operations = new OperationTable(List.of(
                new CreateConnection(store, clock, testers, java.util.Optional.of(registered),
                        java.util.Optional.of(testConnection)),
                new GetConnection(store, testers::isSecret, catalog.encryptionSettings(), this::encryptPassword),
                new GetConnections(store, testers::isSecret, catalog.encryptionSettings(), this::encryptPassword),
                new GetDataCatalogEncryptionSettings(catalog.encryptionSettings()),
                new PutDataCatalogEncryptionSettings(catalog.encryptionSettings()),
                new UpdateConnection(store, clock, testers),
                new DeleteConnection(store),
                new BatchDeleteConnection(store),
                testConnection,
                new ListConnectionTypes(registered),
                new DescribeConnectionType(registered),
                new RegisterConnectionType(registered, clock),
                new DeleteConnectionType(registered),
                new TagResource(store),
                new UntagResource(store),
                new GetTags(store)));
        try {
            this.audit = config.auditLog().open(config.host(), config.dataDir());
        } catch (RuntimeException e) {
            closeQuietly(wire);
            credentials.ifPresent(CredentialsWatcher::close);
            probeWorkers.shutdownNow();
            resources.close();
            store.close();
            kms.close();
            throw e;
        }
        Authenticator authenticator = seams.authenticator().orElseGet(() -> credentials.<Authenticator>map(
                watcher -> new SigV4Authenticator(watcher::principals, clock)).orElseGet(AnonymousAuthenticator::new));
        // The laptop mode answers only loopback Host names (no DNS rebinding); a server that checks signatures, or
        // was told to accept anyone, is reached under whatever name its clients use.
        boolean loopbackHostsOnly = config.wire().loopbackHostsOnly() && accessMode == AccessMode.LAPTOP;
        metrics.labelOperations(operations.names());
        this.handler = new GlueHttpHandler(operations, new ConnectionTestHistory(store), liveTests, authenticator,
                audit, loopbackHostsOnly, new RequestTelemetry(metrics));
        this.health = new Health(catalog, probe, metrics);
        Optional<org.eclipse.jetty.server.Connector> adminListener = wire.adminListener();
        // The web console's files at /console/ and the admin paths; everything else is the API's.
        this.routes = new AdminRoutes(new ConsoleHandler(handler), health, adminListener,
                ops.adminPort().enabled() && adminListener.isEmpty());
    }


    /** How the start line describes who may call. */
    private String accessDescription() {
        return switch (accessMode) {
            case SIGNED -> "requests must be signed by a principal of " + credentials.get().file().toAbsolutePath()
                    + " (" + credentials.get().principals().size() + " listed)";
            case LAPTOP -> "any key accepted: loopback only and no --credentials-file";
            case INSECURE_ANONYMOUS -> "any key accepted from anyone (--insecure-allow-anonymous)";
        };
    }

    /** Glue's ENCRYPTED_PASSWORD: KMS Encrypt under the catalog's key, in the catalog's region unless the ARN names one. */
    private String encryptPassword(CatalogScope catalog, String kmsKeyId, String password) {
        return Base64.getEncoder().encodeToString(
                kms.encrypt(kmsKeyId, catalog.region(), password.getBytes(StandardCharsets.UTF_8)));
    }

    /** The embedded SQLite file in the data directory, unless a shared PostgreSQL catalog is named. */
    private static Catalog openCatalog(DialtoneConfig config, MasterKeys keys, SecretProperties secrets) {
        DialtoneConfig.CatalogLocation location = config.catalog();
        if (location.url().isPresent()) {
            return PostgresCatalog.open(location.url().get(), location.user(), location.resolvePassword(), keys, secrets);
        }
        return EmbeddedCatalog.open(config.dataDir(), keys, secrets);
    }

    private static void closeQuietly(Catalog store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.warn("the catalog could not be closed after a failed start", e);
        }
    }

    /** The API's listener, and the admin one when {@code --admin-port} gives it a port, open. */
    private static WireServer listening(DialtoneConfig config, OpsSettings ops) {
        WireServer wire = new WireServer(config.host(), config.port(), config.wire().idleTimeout());
        if (ops.adminPort().ownPort().isPresent()) {
            wire.addAdminListener(config.host(), ops.adminPort().ownPort().getAsInt());
        }
        try {
            wire.listen();
        } catch (java.io.IOException e) {
            closeQuietly(wire);
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            closeQuietly(wire);
            throw new IllegalStateException("cannot start the listener: " + e, e);
        }
        return wire;
    }

    private static void closeQuietly(WireServer unstarted) {
        try {
            unstarted.close();
        } catch (Exception e) {
            LOG.warn("the listener could not be closed after a failed start", e);
        }
    }

    /** What a start-up task made, or the error it stopped on as it would have been thrown on this thread. */
    private static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    public static Dialtone start(DialtoneConfig config, OpsSettings ops) throws Exception {
        return start(config, ops, Seams.NONE);
    }

    /** Opens the catalog and starts listening. */
    public static Dialtone start(DialtoneConfig config) throws Exception {
        return start(config, Seams.NONE);
    }

    /** As {@link #start(DialtoneConfig)}, with test seams in place. */
    public static Dialtone start(DialtoneConfig config, Seams seams) throws Exception {
        return start(config, OpsSettings.DEFAULT, seams);
    }

    /** As {@link #start(DialtoneConfig)}, with the operator's service settings (admin port, drain bound). */
    public static Dialtone start(DialtoneConfig config, OpsSettings ops, Seams seams) throws Exception {
        Dialtone dialtone = new Dialtone(config, ops, seams);
        dialtone.wire.serve(dialtone.routes);
        LOG.info("Dialtone listening on http://{}:{} (catalog in {}, secrets sealed with {}{}, test deadline {} ms, "
                + "audit log {}; {})", config.host(), dialtone.port(),
                config.catalog().shared() ? config.catalog() : config.dataDir().toAbsolutePath(),
                config.keys().file(config.dataDir()).toAbsolutePath(),
                config.keys().kmsKeyId().map(id -> " via KMS key " + id).orElse(""), config.testTimeout().toMillis(),
                config.auditLog().describe(config.host(), config.dataDir()), dialtone.accessDescription());
        LOG.info("health and metrics: {}", dialtone.adminDescription());
        if (dialtone.accessMode == AccessMode.INSECURE_ANONYMOUS) {
            LOG.warn("--insecure-allow-anonymous: listening on {} with no credentials file, so anyone who can reach it "
                    + "may read the catalog and start tests with any key; give --credentials-file to require signatures",
                    config.host());
        }
        return dialtone;
    }

    public int port() {
        return wire.port();
    }

    /** The Glue operations this server answers, by name. */
    public List<String> operationNames() {
        return operations.operationNames();
    }

    /** The catalog this node serves (its {@link Catalog#ping} tells readiness). */
    public Catalog catalog() {
        return catalog;
    }

    /** The admin listener's own port, when {@code --admin-port} gave one. */
    public Optional<Integer> adminPort() {
        return wire.adminPort();
    }

    private String adminDescription() {
        if (!ops.adminPort().enabled()) {
            return "off (--admin-port off)";
        }
        int port = wire.adminPort().orElse(wire.port());
        return "http://" + config.host() + ":" + port + "{" + AdminRoutes.LIVE + "," + AdminRoutes.READY + ","
                + AdminRoutes.METRICS + "}, no credentials needed";
    }

    /**
     * Stops as a rolling restart needs: readiness turns false and new tests are refused (503, which SDKs retry) at
     * once; tests in flight may finish within the drain bound, then those left answer OperationTimeoutException;
     * the calls still being answered are let finish (briefly); then the listener, the catalog and the rest close.
     */
    public void stopGracefully() throws Exception {
        Duration bound = ops.drainTimeout(config);
        long begun = System.nanoTime();
        LOG.info("stopping: readiness false, new tests refused; letting {} test(s) in flight finish within {} ms",
                probe.answering(), bound.toMillis());
        int stopped = probe.drain(bound);
        // The stopped tests' answers, and any other call under way, are written before the listener closes; new
        // calls are refused (503, retried elsewhere) and new connections too, so none is cut after it did its work.
        routes.refuseNewCalls();
        wire.stopAccepting();
        long callsDeadline = System.nanoTime() + CALLS_GRACE.toNanos();
        while (routes.apiCallsInFlight() > 0 && System.nanoTime() < callsDeadline) {
            Thread.sleep(5);
        }
        LOG.info("stopped after {} ms ({} test(s) stopped at the drain bound, {} call(s) cut); closing the catalog",
                (System.nanoTime() - begun) / 1_000_000, stopped, routes.apiCallsInFlight());
        close();
    }

    /** How long calls under way after the drain (stopped tests' answers, catalog calls) get to be answered. */
    private static final Duration CALLS_GRACE = Duration.ofSeconds(2);

    public Probe probe() {
        return probe;
    }

    public DialtoneConfig config() {
        return config;
    }

    public AccessMode accessMode() {
        return accessMode;
    }

    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        credentials.ifPresent(CredentialsWatcher::close);
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
                    try {
                        audit.close();
                    } finally {
                        kms.close();
                    }
                }
            }
        }
    }
}
