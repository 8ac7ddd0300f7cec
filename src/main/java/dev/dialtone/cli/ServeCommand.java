package dev.dialtone.cli;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.audit.AuditLogSetting;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.dialtone.LogConfigurator;
import dev.dialtone.ops.OpsSettings;
import picocli.CommandLine.Command;
import sun.misc.Signal;
import picocli.CommandLine.Option;

/** {@code dialtone serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Glue-compatible server (settings also from DIALTONE_* environment variables).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on (DIALTONE_PORT; default 4599).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (DIALTONE_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--data-dir", description = "Directory of the catalog file (DIALTONE_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--catalog", description = "A shared catalog in PostgreSQL, jdbc:postgresql://host:5432/db, for "
            + "several nodes (DIALTONE_CATALOG_URL; user and password from DIALTONE_CATALOG_USER and "
            + "DIALTONE_CATALOG_PASSWORD or --catalog-password-file; default: the SQLite file in the data directory).")
    String catalogUrl;

    @Option(names = "--catalog-user", description = "The PostgreSQL role of the shared catalog (DIALTONE_CATALOG_USER).")
    String catalogUser;

    @Option(names = "--catalog-password-file", description = "A file whose first line is the shared catalog's "
            + "password (DIALTONE_CATALOG_PASSWORD_FILE; DIALTONE_CATALOG_PASSWORD wins).")
    Path catalogPasswordFile;

    @Option(names = "--test-timeout", description = "Deadline of one test, e.g. 10s (DIALTONE_TEST_TIMEOUT; default 10s).")
    String testTimeout;

    @Option(names = "--secrets-dir", description = "Directory of SECRET_ID=file:NAME secrets (DIALTONE_SECRETS_DIR).")
    Path secretsDir;

    @Option(names = "--secrets-ttl", description = "How long a resolved secret may be reused, 0 to 15m "
            + "(DIALTONE_SECRETS_TTL; default 0: never).")
    String secretsTtl;

    @Option(names = "--cert-dir", description = "Directory CUSTOM_JDBC_CERT file names are read from (DIALTONE_CERT_DIR).")
    Path certDir;

    @Option(names = "--driver-dir", description = "Directory of vendor JDBC driver jars loaded at start "
            + "(DIALTONE_DRIVER_DIR).")
    Path driverDir;

    @Option(names = "--egress-deny", description = "Address ranges tests may not dial, comma-separated CIDRs; "
            + "'metadata' is the cloud metadata and link-local ranges, 'none' no rule (DIALTONE_EGRESS_DENY; "
            + "default metadata).")
    String egressDeny;

    @Option(names = "--egress-allow", description = "When set, the only address ranges tests may dial, "
            + "comma-separated CIDRs; deny still wins (DIALTONE_EGRESS_ALLOW; default: every range not denied).")
    String egressAllow;

    @Option(names = "--audit-log", description = "Audit trail as JSON lines: a file, '-' for standard output or "
            + "'none' (DIALTONE_AUDIT_LOG; default: off on a loopback address, else <data-dir>/audit.log).")
    String auditLog;
    @Option(names = "--credentials-file", description = "JSON file of the principals (access keys, ARNs, policies) "
            + "allowed to call; every request must then be signed (DIALTONE_CREDENTIALS_FILE). Re-read when it changes.")
    Path credentialsFile;

    @Option(names = "--insecure-allow-anonymous", description = "Accept any key on a non-loopback address, without a "
            + "credentials file (DIALTONE_INSECURE_ALLOW_ANONYMOUS). Anyone who can reach the server may use it.")
    boolean insecureAllowAnonymous;

    @Option(names = "--master-key-file", description = "The master key file sealing stored secrets, created 0600 "
            + "on first start (DIALTONE_MASTER_KEY_FILE; default <data-dir>/master.key).")
    Path masterKeyFile;

    @Option(names = "--kms-key-id", description = "Generate the master key with this AWS KMS key; the key file then "
            + "holds only KMS's ciphertext of it (DIALTONE_KMS_KEY_ID; AWS_ENDPOINT_URL_KMS honoured).")
    String kmsKeyId;

    @Option(names = "--allow-server-secrets", description = "Let unauthenticated callers use this server's secrets "
            + "(SECRET_ID env:, file:, Secrets Manager) and S3 objects (DIALTONE_ALLOW_SERVER_SECRETS; default off).")
    Boolean allowServerSecrets;

    @Option(names = "--origin-override", description = "Send the REST engine's calls for one origin to another, "
            + "e.g. https://api.stripe.com=http://127.0.0.1:9000 (repeatable; DIALTONE_ORIGIN_OVERRIDES, "
            + "comma-separated). The path is kept; the egress policy applies to the new address.")
    java.util.List<String> originOverrides;

    @Option(names = "--aws-use-default-credentials", description = "Let the AWS SDK's default credentials chain, "
            + "instance metadata included, give Dialtone its AWS identity (DIALTONE_AWS_DEFAULT_CREDENTIALS; default "
            + "off: only AWS_ACCESS_KEY_ID/AWS_PROFILE/web identity settings).")
    Boolean awsDefaultCredentials;

    @Option(names = "--admin-port", description = "Where GET /health/live, /health/ready and /metrics are answered: "
            + "a port of their own (same host), or 'off' (DIALTONE_ADMIN_PORT; default: the API's port).")
    String adminPort;

    @Option(names = "--log-format", description = "plain or json: one JSON object per line (DIALTONE_LOG_FORMAT; "
            + "default plain).")
    String logFormat;

    @Option(names = "--drain-timeout", description = "On SIGTERM, how long tests in flight may finish before they "
            + "are answered OperationTimeoutException, e.g. 30s (DIALTONE_DRAIN_TIMEOUT; default the test deadline).")
    String drainTimeout;

    @Override
    public Integer call() throws Exception {
        OpsSettings ops = OpsSettings.fromEnvironment(System.getenv());
        if (logFormat != null) {
            ops = ops.withLogFormat(OpsSettings.LogFormat.parse(logFormat));
        }
        // Logback sets itself up (~60 ms) while the settings are read and the server starts; SLF4J holds what is
        // logged meanwhile and passes it on once logback is ready. Beside it, what the catalog will need is readied.
        OpsSettings.LogFormat format = ops.logFormat();
        java.util.concurrent.CompletableFuture<Void> logging = java.util.concurrent.CompletableFuture.runAsync(
                () -> LogConfigurator.useFormat(format), dev.dialtone.StartupThreads.EACH_ON_ITS_OWN);
        dev.dialtone.StartupThreads.EACH_ON_ITS_OWN.execute(dev.dialtone.StartupThreads::preinitialize);
        if (adminPort != null) {
            ops = ops.withAdminPort(OpsSettings.AdminPort.parse(adminPort));
        }
        if (drainTimeout != null) {
            ops = ops.withDrainTimeout(OpsSettings.parseDrainTimeout(drainTimeout));
        }
        DialtoneConfig config = DialtoneConfig.fromEnvironment(System.getenv());
        if (masterKeyFile != null || kmsKeyId != null) {
            DialtoneConfig.Keys keys = config.keys();
            config = config.withKeys(new DialtoneConfig.Keys(
                    masterKeyFile != null ? java.util.Optional.of(masterKeyFile) : keys.masterKeyFile(),
                    kmsKeyId != null ? java.util.Optional.of(kmsKeyId) : keys.kmsKeyId()));
        }
        if (Boolean.TRUE.equals(allowServerSecrets)) {
            config = config.withServerSecretsAllowed(true);
        }
        if (originOverrides != null && !originOverrides.isEmpty()) {
            config = config.withSources(config.sources().withOriginOverrides(originOverrides));
        }
        if (Boolean.TRUE.equals(awsDefaultCredentials)) {
            config = config.withAwsDefaultCredentials(true);
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (egressDeny != null) {
            config = config.withEgress(config.egress().withDeny(egressDeny));
        }
        if (egressAllow != null) {
            config = config.withEgress(config.egress().withAllow(egressAllow));
        }
        if (host != null) {
            config = config.withHost(host);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (catalogUrl != null) {
            config = config.withCatalog(config.catalog().withUrl(catalogUrl.trim()));
        }
        if (catalogUser != null) {
            config = config.withCatalog(config.catalog().withUser(catalogUser));
        }
        if (catalogPasswordFile != null) {
            config = config.withCatalog(config.catalog().withPasswordFile(catalogPasswordFile));
        }
        if (testTimeout != null) {
            config = config.withTestTimeout(DialtoneConfig.parseDuration(testTimeout));
        }
        if (secretsDir != null) {
            config = config.withSecretsDir(secretsDir);
        }
        if (secretsTtl != null) {
            config = config.withSecretsTtl(DialtoneConfig.parseTtl(secretsTtl));
        }
        if (certDir != null) {
            config = config.withCertDir(certDir);
        }
        if (driverDir != null) {
            config = config.withDriverDir(driverDir);
        }
        if (auditLog != null) {
            config = config.withAuditLog(AuditLogSetting.of(auditLog));
        }
        if (credentialsFile != null) {
            config = config.withCredentialsFile(credentialsFile);
        }
        if (insecureAllowAnonymous) {
            config = config.withAccess(config.access().withInsecureAllowAnonymous(true));
        }
        Dialtone dialtone;
        try {
            dialtone = Dialtone.start(config, ops);
        } finally {
            logging.join();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (a deploy, a rolling restart) drains: the JVM's own handling would run the hook below at once
        // and exit 143. Ctrl-C (SIGINT) still stops at once.
        Signal.handle(new Signal("TERM"), signal -> new Thread(() -> {
            try {
                dialtone.stopGracefully();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "dialtone-drain").start());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dialtone.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "dialtone-shutdown"));
        stopped.await();
        return 0;
    }
}
