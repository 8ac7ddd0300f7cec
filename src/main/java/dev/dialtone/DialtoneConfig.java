package dev.dialtone;

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
 * @param wire        how the HTTP listener treats requests before any operation runs
 */
public record DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits,
        Sources sources, Egress egress, Wire wire) {
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
     */
    public record Sources(Optional<Path> secretsDir, Duration secretsTtl, Optional<Path> certDir,
            Optional<Path> driverDir, Map<String, String> environment) {
        public static final Sources NONE = new Sources(Optional.empty(), Duration.ZERO, Optional.empty(),
                Optional.empty(), Map.of());

        public Sources {
            environment = Map.copyOf(relevant(environment));
        }

        static Sources fromEnvironment(Map<String, String> env) {
            return new Sources(path(env, "DIALTONE_SECRETS_DIR"),
                    env.containsKey("DIALTONE_SECRETS_TTL") ? parseTtl(env.get("DIALTONE_SECRETS_TTL")) : Duration.ZERO,
                    path(env, "DIALTONE_CERT_DIR"), path(env, "DIALTONE_DRIVER_DIR"), env);
        }

        public Sources withSecretsDir(Path dir) {
            return new Sources(Optional.of(dir), secretsTtl, certDir, driverDir, environment);
        }

        public Sources withSecretsTtl(Duration ttl) {
            return new Sources(secretsDir, ttl, certDir, driverDir, environment);
        }

        public Sources withCertDir(Path dir) {
            return new Sources(secretsDir, secretsTtl, Optional.of(dir), driverDir, environment);
        }

        public Sources withDriverDir(Path dir) {
            return new Sources(secretsDir, secretsTtl, certDir, Optional.of(dir), environment);
        }

        /** Adds (or replaces) {@code AWS_*} and {@code DIALTONE_SECRET_*} variables. */
        public Sources withEnvironment(Map<String, String> variables) {
            Map<String, String> merged = new TreeMap<>(environment);
            merged.putAll(variables);
            return new Sources(secretsDir, secretsTtl, certDir, driverDir, merged);
        }

        private static Optional<Path> path(Map<String, String> env, String key) {
            String value = env.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
        }

        private static Map<String, String> relevant(Map<String, String> env) {
            Map<String, String> kept = new TreeMap<>();
            env.forEach((key, value) -> {
                if (key.startsWith("AWS_") || key.startsWith(SECRET_VARIABLE_PREFIX)) {
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

    public DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout) {
        this(host, port, dataDir, testTimeout, Limits.DEFAULT, Sources.NONE, Egress.DEFAULT, Wire.DEFAULT);
    }

    public DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits) {
        this(host, port, dataDir, testTimeout, limits, Sources.NONE, Egress.DEFAULT, Wire.DEFAULT);
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
                Wire.DEFAULT);
    }

    public DialtoneConfig withPort(int newPort) {
        return new DialtoneConfig(host, newPort, dataDir, testTimeout, limits, sources, egress, wire);
    }

    public DialtoneConfig withDataDir(Path newDataDir) {
        return new DialtoneConfig(host, port, newDataDir, testTimeout, limits, sources, egress, wire);
    }

    public DialtoneConfig withHost(String newHost) {
        return new DialtoneConfig(newHost, port, dataDir, testTimeout, limits, sources, egress, wire);
    }

    public DialtoneConfig withTestTimeout(Duration newTimeout) {
        return new DialtoneConfig(host, port, dataDir, newTimeout, limits, sources, egress, wire);
    }

    public DialtoneConfig withLimits(Limits newLimits) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, newLimits, sources, egress, wire);
    }

    public DialtoneConfig withSources(Sources newSources) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, newSources, egress, wire);
    }

    public DialtoneConfig withEgress(Egress newEgress) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, newEgress, wire);
    }

    public DialtoneConfig withWire(Wire newWire) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, limits, sources, egress, newWire);
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
