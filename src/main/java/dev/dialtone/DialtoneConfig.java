package dev.dialtone;

import dev.dialtone.audit.AuditLogSetting;
import dev.dialtone.guard.CidrEgressPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything an operator can set, with its default. Each setting has a flag and a
 * {@code DIALTONE_*} environment variable; a flag wins over the variable.
 *
 * @param host        address to listen on ({@code DIALTONE_HOST}, default 127.0.0.1: loopback only)
 * @param port        port to listen on ({@code DIALTONE_PORT}, default 4599; 0 picks a free one)
 * @param dataDir     where the catalog file lives ({@code DIALTONE_DATA_DIR}, default ./data)
 * @param testTimeout hard deadline of one connection test ({@code DIALTONE_TEST_TIMEOUT}, default 10s)
 * @param limits      how many tests may run and wait at once
 * @param sources     where secrets, CA certificates and vendor drivers come from
 * @param egress      which addresses tests may dial
 * @param access      who may call: the credentials file, or the explicit choice to accept anyone
 * @param auditLog    where the audit trail goes ({@code DIALTONE_AUDIT_LOG}; default off on loopback, else
 *                    {@code <data-dir>/audit.log})
 * @param keys        where the master key sealing the catalog's secrets comes from
 * @param wire        how the HTTP listener treats requests before any operation runs
 * @param catalog     where the catalog is: the embedded file in the data directory, or a shared PostgreSQL
 */
public record DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits,
        Sources sources, Egress egress, Access access, AuditLogSetting auditLog, Keys keys,
        Wire wire, CatalogLocation catalog) {

    /**
     * Where the catalog lives.
     *
     * @param url          a {@code jdbc:postgresql://host:port/db} URL for a catalog shared by several nodes
     *                     ({@code --catalog}, {@code DIALTONE_CATALOG_URL}); empty: the SQLite file in the data directory
     * @param user         the PostgreSQL role ({@code DIALTONE_CATALOG_USER})
     * @param password     its password ({@code DIALTONE_CATALOG_PASSWORD}); never printed
     * @param passwordFile a file whose first line is the password ({@code --catalog-password-file},
     *                     {@code DIALTONE_CATALOG_PASSWORD_FILE}), used when {@code password} is not set
     */
    public record CatalogLocation(Optional<String> url, Optional<String> user, Optional<String> password,
            Optional<Path> passwordFile) {
        public static final CatalogLocation EMBEDDED = new CatalogLocation(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        /** @throws IllegalArgumentException for a URL that is not PostgreSQL's, or that carries a password */
        public CatalogLocation {
            url.ifPresent(CatalogLocation::check);
        }

        private static void check(String url) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("the catalog must be a jdbc:postgresql://host:port/database URL "
                        + "(or unset, for the embedded file in the data directory)");
            }
            // The URL is printed at start and may reach logs: a password in it would leak (no value is echoed here).
            int query = url.indexOf('?');
            if (url.substring(0, query < 0 ? url.length() : query).contains("@")
                    || (query >= 0 && url.substring(query).toLowerCase(Locale.ROOT).contains("password"))) {
                throw new IllegalArgumentException("the catalog URL may not carry credentials: give the user in "
                        + "DIALTONE_CATALOG_USER and the password in DIALTONE_CATALOG_PASSWORD or --catalog-password-file");
            }
        }

        static CatalogLocation fromEnvironment(Map<String, String> env) {
            return new CatalogLocation(setting(env, "DIALTONE_CATALOG_URL"), setting(env, "DIALTONE_CATALOG_USER"),
                    Optional.ofNullable(env.get("DIALTONE_CATALOG_PASSWORD")).filter(v -> !v.isEmpty()),
                    setting(env, "DIALTONE_CATALOG_PASSWORD_FILE").map(Path::of));
        }

        private static Optional<String> setting(Map<String, String> env, String key) {
            return Optional.ofNullable(env.get(key)).filter(v -> !v.isBlank()).map(String::trim);
        }

        public boolean shared() {
            return url.isPresent();
        }

        public CatalogLocation withUrl(String newUrl) {
            return new CatalogLocation(Optional.of(newUrl), user, password, passwordFile);
        }

        public CatalogLocation withUser(String newUser) {
            return new CatalogLocation(url, Optional.of(newUser), password, passwordFile);
        }

        public CatalogLocation withPassword(String newPassword) {
            return new CatalogLocation(url, user, Optional.of(newPassword), passwordFile);
        }

        public CatalogLocation withPasswordFile(Path file) {
            return new CatalogLocation(url, user, password, Optional.of(file));
        }

        /** The password to log in with: the one given, else the first line of the password file. */
        public Optional<String> resolvePassword() {
            if (password.isPresent()) {
                return password;
            }
            return passwordFile.map(file -> {
                try {
                    return java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("");
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot read the catalog password file " + file + ": "
                            + e.getClass().getSimpleName());
                }
            });
        }

        /** The location as the start line names it: never the password. */
        @Override
        public String toString() {
            return url.map(u -> u + user.map(name -> " as " + name).orElse("")).orElse("embedded");
        }
    }

    /**
     * The master key of secrets at rest.
     *
     * @param masterKeyFile the key ring file ({@code DIALTONE_MASTER_KEY_FILE}; default {@code <data-dir>/master.key})
     * @param kmsKeyId      when set, new master keys are generated by this AWS KMS key and the file holds only
     *                      KMS's ciphertext of them ({@code DIALTONE_KMS_KEY_ID}; default none)
     */
    public record Keys(Optional<Path> masterKeyFile, Optional<String> kmsKeyId) {
        public static final Keys DEFAULT = new Keys(Optional.empty(), Optional.empty());

        static Keys fromEnvironment(Map<String, String> env) {
            return new Keys(Optional.ofNullable(env.get("DIALTONE_MASTER_KEY_FILE")).filter(v -> !v.isBlank())
                    .map(v -> Path.of(v.trim())),
                    Optional.ofNullable(env.get("DIALTONE_KMS_KEY_ID")).filter(v -> !v.isBlank()).map(String::trim));
        }

        /** The key file: the one named, else {@code master.key} in the data directory. */
        public Path file(Path dataDir) {
            return masterKeyFile.orElse(dataDir.resolve("master.key"));
        }
    }

    /** Environment variables {@code SECRET_ID=env:NAME} may name: never the server's other variables. */
    public static final String SECRET_VARIABLE_PREFIX = "DIALTONE_SECRET_";

    /**
     * Where tests find what connections name but do not carry.
     *
     * @param secretsDir  where {@code SECRET_ID=file:NAME} secrets live ({@code DIALTONE_SECRETS_DIR}; none by default)
     * @param secretsTtl  how long a resolved secret may be reused ({@code DIALTONE_SECRETS_TTL}; default 0: never)
     * @param certDir     where {@code CUSTOM_JDBC_CERT} file names are looked up ({@code DIALTONE_CERT_DIR}; none)
     * @param driverDir   vendor JDBC driver jars to load at start ({@code DIALTONE_DRIVER_DIR}; none)
     * @param environment the {@code AWS_*} settings (region, endpoints, credentials) and the {@code DIALTONE_SECRET_*}
     *                    variables that {@code SECRET_ID=env:NAME} may read; nothing else of the environment
     * @param allowServerSecrets whether unauthenticated callers (the laptop mode) may use the server's own secrets
     *                    and S3 objects: env:, file:, Secrets Manager, s3:// ({@code DIALTONE_ALLOW_SERVER_SECRETS};
     *                    default false). Authenticated callers need their policy's permission instead.
     * @param awsDefaultCredentials whether the AWS SDK's whole default credentials chain (instance metadata and
     *                    container endpoints included) may give Dialtone its AWS identity
     *                    ({@code DIALTONE_AWS_DEFAULT_CREDENTIALS}; default false: only explicit settings)
     */
    public record Sources(Optional<Path> secretsDir, Duration secretsTtl, Optional<Path> certDir,
            Optional<Path> driverDir, Map<String, String> environment, boolean allowServerSecrets,
            boolean awsDefaultCredentials) {
        public static final Sources NONE = new Sources(Optional.empty(), Duration.ZERO, Optional.empty(),
                Optional.empty(), Map.of(), false, false);

        public Sources {
            environment = Map.copyOf(relevant(environment));
        }

        public Sources(Optional<Path> secretsDir, Duration secretsTtl, Optional<Path> certDir,
                Optional<Path> driverDir, Map<String, String> environment) {
            this(secretsDir, secretsTtl, certDir, driverDir, environment, false, false);
        }

        static Sources fromEnvironment(Map<String, String> env) {
            return new Sources(path(env, "DIALTONE_SECRETS_DIR"),
                    env.containsKey("DIALTONE_SECRETS_TTL") ? parseTtl(env.get("DIALTONE_SECRETS_TTL")) : Duration.ZERO,
                    path(env, "DIALTONE_CERT_DIR"), path(env, "DIALTONE_DRIVER_DIR"), env,
                    flag(env, "DIALTONE_ALLOW_SERVER_SECRETS"), flag(env, "DIALTONE_AWS_DEFAULT_CREDENTIALS"));
        }

        /** Lets unauthenticated callers use the server's secrets and S3 objects (see {@link #allowServerSecrets}). */
        public Sources withServerSecretsAllowed(boolean allowed) {
            return new Sources(secretsDir, secretsTtl, certDir, driverDir, environment, allowed, awsDefaultCredentials);
        }

        /** Lets the AWS SDK's default chain give Dialtone its AWS identity (see {@link #awsDefaultCredentials}). */
        public Sources withAwsDefaultCredentials(boolean allowed) {
            return new Sources(secretsDir, secretsTtl, certDir, driverDir, environment, allowServerSecrets, allowed);
        }

        private static boolean flag(Map<String, String> env, String key) {
            String value = env.get(key);
            if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
                return false;
            }
            if (value.trim().equalsIgnoreCase("true")) {
                return true;
            }
            throw new IllegalArgumentException(key + " must be true or false (got '" + value + "')");
        }

        public Sources withSecretsDir(Path dir) {
            return new Sources(Optional.of(dir), secretsTtl, certDir, driverDir, environment, allowServerSecrets,
                    awsDefaultCredentials);
        }

        public Sources withSecretsTtl(Duration ttl) {
            return new Sources(secretsDir, ttl, certDir, driverDir, environment, allowServerSecrets,
                    awsDefaultCredentials);
        }

        public Sources withCertDir(Path dir) {
            return new Sources(secretsDir, secretsTtl, Optional.of(dir), driverDir, environment, allowServerSecrets,
                    awsDefaultCredentials);
        }

        public Sources withDriverDir(Path dir) {
            return new Sources(secretsDir, secretsTtl, certDir, Optional.of(dir), environment, allowServerSecrets,
                    awsDefaultCredentials);
        }

        /** The REST engine's origin overrides, {@code from=to} separated by commas. */
        public static final String ORIGIN_OVERRIDES = "DIALTONE_ORIGIN_OVERRIDES";

        /** The origin overrides set ({@code DIALTONE_ORIGIN_OVERRIDES}, then each {@code --origin-override}). */
        public java.util.List<String> originOverrides() {
            String value = environment.getOrDefault(ORIGIN_OVERRIDES, "");
            return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        /** Adds origin overrides to those the environment set. */
        public Sources withOriginOverrides(java.util.List<String> overrides) {
            java.util.List<String> all = new java.util.ArrayList<>(originOverrides());
            all.addAll(overrides);
            return withEnvironment(Map.of(ORIGIN_OVERRIDES, String.join(",", all)));
        }

        /** Adds (or replaces) {@code AWS_*}, {@code DIALTONE_SECRET_*} and the testers' {@code DIALTONE_*} variables. */
        public Sources withEnvironment(Map<String, String> variables) {
            Map<String, String> merged = new TreeMap<>(environment);
            merged.putAll(variables);
            return new Sources(secretsDir, secretsTtl, certDir, driverDir, merged, allowServerSecrets,
                    awsDefaultCredentials);
        }

        private static Optional<Path> path(Map<String, String> env, String key) {
            String value = env.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
        }

        private static Map<String, String> relevant(Map<String, String> env) {
            Map<String, String> kept = new TreeMap<>();
            env.forEach((key, value) -> {
                if (key.startsWith("AWS_") || key.startsWith(SECRET_VARIABLE_PREFIX)
                        // Endpoint overrides of the Google testers, and the AWS-service testers' use of the
                        // server's own AWS identity (probe.google, ProbeAssembly).
                        || key.startsWith("DIALTONE_GOOGLE_ENDPOINT_URL_")
                        || key.equals("DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY")
                        // The REST engine's origin overrides (probe.rest.OriginOverrides, --origin-override).
                        || key.equals(ORIGIN_OVERRIDES)) {
                    kept.put(key, value);
                }
            });
            return kept;
        }
    }

    /**
     * Which addresses tests may dial, as address ranges (see {@link CidrEgressPolicy}).
     *
     * @param deny  ranges refused ({@code DIALTONE_EGRESS_DENY}; default {@code metadata}: the cloud metadata and
     *              link-local ranges; {@code none} for no rule)
     * @param allow when not blank, the only ranges that may be dialled ({@code DIALTONE_EGRESS_ALLOW}; default blank)
     */
    public record Egress(String deny, String allow) {
        public static final Egress DEFAULT = new Egress(CidrEgressPolicy.DEFAULT_DENY, "");

        /** @throws IllegalArgumentException naming an entry that is not a range, at start-up rather than per test */
        public Egress {
            CidrEgressPolicy.of(deny, allow);
        }

        static Egress fromEnvironment(Map<String, String> env) {
            return new Egress(env.getOrDefault("DIALTONE_EGRESS_DENY", DEFAULT.deny()),
                    env.getOrDefault("DIALTONE_EGRESS_ALLOW", DEFAULT.allow()));
        }

        public Egress withDeny(String newDeny) {
            return new Egress(newDeny, allow);
        }

        public Egress withAllow(String newAllow) {
            return new Egress(deny, newAllow);
        }

        public CidrEgressPolicy policy() {
            return CidrEgressPolicy.of(deny, allow);
        }
    }

    /**
     * Who may call (see {@code iam.AccessMode}).
     *
     * @param credentialsFile         the principals and their policies ({@code DIALTONE_CREDENTIALS_FILE}); when set,
     *                                every request must be signed by one of them
     * @param insecureAllowAnonymous  accept any key on a non-loopback address ({@code DIALTONE_INSECURE_ALLOW_ANONYMOUS})
     */
    public record Access(Optional<Path> credentialsFile, boolean insecureAllowAnonymous) {
        public static final Access NONE = new Access(Optional.empty(), false);

        static Access fromEnvironment(Map<String, String> env) {
            String file = env.get("DIALTONE_CREDENTIALS_FILE");
            String insecure = env.getOrDefault("DIALTONE_INSECURE_ALLOW_ANONYMOUS", "false").trim();
            if (!insecure.equalsIgnoreCase("true") && !insecure.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("DIALTONE_INSECURE_ALLOW_ANONYMOUS must be true or false (got '"
                        + insecure + "')");
            }
            return new Access(file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file.trim())),
                    Boolean.parseBoolean(insecure.toLowerCase(Locale.ROOT)));
        }

        public Access withCredentialsFile(Path file) {
            return new Access(Optional.of(file), insecureAllowAnonymous);
        }

        public Access withInsecureAllowAnonymous(boolean allow) {
            return new Access(credentialsFile, allow);
        }
    }

    /**
     * The HTTP listener's own rules.
     *
     * @param loopbackHostsOnly answer only requests whose {@code Host} is a loopback name or address (localhost,
     *                          *.localhost, 127.0.0.0/8, [::1]); on by default, the laptop mode's guard against DNS
     *                          rebinding, since nobody is authenticated there
     * @param idleTimeout       how long a connection may send nothing, mid-request or between requests (default 30s)
     */
    public record Wire(boolean loopbackHostsOnly, Duration idleTimeout) {
        public static final Wire DEFAULT = new Wire(true, Duration.ofSeconds(30));

        public Wire withLoopbackHostsOnly(boolean only) {
            return new Wire(only, idleTimeout);
        }

        public Wire withIdleTimeout(Duration timeout) {
            return new Wire(loopbackHostsOnly, timeout);
        }
    }

    /**
     * Bulkhead sizes.
     *
     * @param maxTests               tests in flight at once ({@code DIALTONE_MAX_TESTS}, default 64)
     * @param maxTestsPerDestination tests in flight to one host:port ({@code DIALTONE_MAX_TESTS_PER_DESTINATION}, default 8)
     * @param maxQueuedTests         tests waiting for a place; past it the answer is an immediate
     *                               ResourceNumberLimitExceededException ({@code DIALTONE_MAX_QUEUED_TESTS}, default 64)
     */
    public record Limits(int maxTests, int maxTestsPerDestination, int maxQueuedTests) {
        public static final Limits DEFAULT = new Limits(64, 8, 64);

        static Limits fromEnvironment(Map<String, String> env) {
            return new Limits(
                    positive(env, "DIALTONE_MAX_TESTS", DEFAULT.maxTests()),
                    positive(env, "DIALTONE_MAX_TESTS_PER_DESTINATION", DEFAULT.maxTestsPerDestination()),
                    positive(env, "DIALTONE_MAX_QUEUED_TESTS", DEFAULT.maxQueuedTests()));
        }

        private static int positive(Map<String, String> env, String name, int fallback) {
            String text = env.get(name);
            if (text == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text.trim());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new IllegalArgumentException(name + " must be a positive whole number (got '" + text + "')");
        }
    }

    public DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits,
            Sources sources, Egress egress) {
        this(host, port, dataDir, testTimeout, limits, sources, egress, Access.NONE, AuditLogSetting.UNSET,
                Keys.DEFAULT, Wire.DEFAULT, CatalogLocation.EMBEDDED);
    }

    public DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout) {
        this(host, port, dataDir, testTimeout, Limits.DEFAULT, Sources.NONE, Egress.DEFAULT);
    }

    public DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits) {
        this(host, port, dataDir, testTimeout, limits, Sources.NONE, Egress.DEFAULT);
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4599;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(10);

    /** The defaults, overridden by whatever the environment sets. */
    public static DialtoneConfig fromEnvironment(Map<String, String> env) {
        return new DialtoneConfig(
                env.getOrDefault("DIALTONE_HOST", DEFAULT_HOST),
                env.containsKey("DIALTONE_PORT") ? parsePort(env.get("DIALTONE_PORT")) : DEFAULT_PORT,
                env.containsKey("DIALTONE_DATA_DIR") ? Path.of(env.get("DIALTONE_DATA_DIR")) : DEFAULT_DATA_DIR,
                env.containsKey("DIALTONE_TEST_TIMEOUT") ? parseDuration(env.get("DIALTONE_TEST_TIMEOUT"))
                        : DEFAULT_TEST_TIMEOUT,
                Limits.fromEnvironment(env),
                Sources.fromEnvironment(env),
                Egress.fromEnvironment(env),
                Access.fromEnvironment(env),
                env.containsKey("DIALTONE_AUDIT_LOG") ? AuditLogSetting.of(env.get("DIALTONE_AUDIT_LOG"))
                        : AuditLogSetting.UNSET,
                Keys.fromEnvironment(env),
                Wire.DEFAULT,
                CatalogLocation.fromEnvironment(env));
    }

    public DialtoneConfig withPort(int newPort) {
        return new DialtoneConfig(host, newPort, dataDir, testTimeout, limits, sources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withDataDir(Path newDataDir) {
        return new DialtoneConfig(host, port, newDataDir, testTimeout, limits, sources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withHost(String newHost) {
        return new DialtoneConfig(newHost, port, dataDir, testTimeout, limits, sources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withTestTimeout(Duration newTimeout) {
        return new DialtoneConfig(host, port, dataDir, newTimeout, limits, sources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withLimits(Limits newLimits) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, newLimits, sources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withSources(Sources newSources) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, newSources, egress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withEgress(Egress newEgress) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, newEgress,
                access, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withAccess(Access newAccess) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress,
                newAccess, auditLog, keys, wire, catalog);
    }

    public DialtoneConfig withAuditLog(AuditLogSetting newAuditLog) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress,
                access, newAuditLog, keys, wire, catalog);
    }

    public DialtoneConfig withCredentialsFile(Path file) {
        return withAccess(access.withCredentialsFile(file));
    }

    public DialtoneConfig withKeys(Keys newKeys) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress,
                access, auditLog, newKeys, wire, catalog);
    }

    public DialtoneConfig withWire(Wire newWire) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress, access, auditLog, keys,
                newWire, catalog);
    }

    public DialtoneConfig withCatalog(CatalogLocation newCatalog) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress, access, auditLog, keys,
                wire, newCatalog);
    }

    public DialtoneConfig withSecretsDir(Path dir) {
        return withSources(sources.withSecretsDir(dir));
    }

    public DialtoneConfig withSecretsTtl(Duration ttl) {
        return withSources(sources.withSecretsTtl(ttl));
    }

    public DialtoneConfig withCertDir(Path dir) {
        return withSources(sources.withCertDir(dir));
    }

    public DialtoneConfig withDriverDir(Path dir) {
        return withSources(sources.withDriverDir(dir));
    }

    public DialtoneConfig withEnvironment(Map<String, String> variables) {
        return withSources(sources.withEnvironment(variables));
    }

    /** {@code --allow-server-secrets}: unauthenticated callers may use the server's secrets and S3 objects. */
    public DialtoneConfig withServerSecretsAllowed(boolean allowed) {
        return withSources(sources.withServerSecretsAllowed(allowed));
    }

    /** {@code --aws-use-default-credentials}: the AWS SDK's default chain may give Dialtone its AWS identity. */
    public DialtoneConfig withAwsDefaultCredentials(boolean allowed) {
        return withSources(sources.withAwsDefaultCredentials(allowed));
    }

    static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("DIALTONE_PORT must be a port number from 0 to 65535 (got '" + text + "')");
    }

    /** Accepts {@code 10}, {@code 10s}, {@code 2500ms}, {@code 1m} or ISO-8601 {@code PT10S}. */
    public static Duration parseDuration(String text) {
        Optional<Duration> duration = duration(text);
        if (duration.isPresent() && !duration.get().isZero()) {
            return duration.get();
        }
        throw new IllegalArgumentException("a test timeout must be a positive duration such as 10s or 2500ms (got '"
                + text + "')");
    }

    /** A secrets cache lifetime: 0 (no cache) up to 15 minutes, so a rotated secret is picked up soon. */
    public static Duration parseTtl(String text) {
        Optional<Duration> duration = duration(text);
        if (duration.isPresent() && duration.get().compareTo(Duration.ofMinutes(15)) <= 0) {
            return duration.get();
        }
        throw new IllegalArgumentException("DIALTONE_SECRETS_TTL must be a duration from 0 to 15m such as 30s (got '"
                + text + "')");
    }

    private static Optional<Duration> duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (value.startsWith("pt")) {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            } else if (value.endsWith("s")) {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            } else if (value.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            } else {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
