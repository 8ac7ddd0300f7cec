package dev.dialtone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an operator can set, with its default. Each setting has a flag and a
 * {@code DIALTONE_*} environment variable; a flag wins over the variable.
 *
 * @param host        address to listen on ({@code DIALTONE_HOST}, default 127.0.0.1: loopback only)
 * @param port        port to listen on ({@code DIALTONE_PORT}, default 4599; 0 picks a free one)
 * @param dataDir     where the catalog file lives ({@code DIALTONE_DATA_DIR}, default ./data)
 * @param testTimeout hard deadline of one connection test ({@code DIALTONE_TEST_TIMEOUT}, default 10s)
 * @param limits      how many tests may run and wait at once
 */
public record DialtoneConfig(String host, int port, Path dataDir, Duration testTimeout, Limits limits) {

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
        this(host, port, dataDir, testTimeout, Limits.DEFAULT);
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
                Limits.fromEnvironment(env));
    }

    public DialtoneConfig withPort(int newPort) {
        return new DialtoneConfig(host, newPort, dataDir, testTimeout, limits);
    }

    public DialtoneConfig withDataDir(Path newDataDir) {
        return new DialtoneConfig(host, port, newDataDir, testTimeout, limits);
    }

    public DialtoneConfig withHost(String newHost) {
        return new DialtoneConfig(newHost, port, dataDir, testTimeout, limits);
    }

    public DialtoneConfig withTestTimeout(Duration newTimeout) {
        return new DialtoneConfig(host, port, dataDir, newTimeout, limits);
    }

    public DialtoneConfig withLimits(Limits newLimits) {
        return new DialtoneConfig(host, port, dataDir, testTimeout, newLimits);
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
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (RuntimeException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("a test timeout must be a positive duration such as 10s or 2500ms (got '"
                + text + "')");
    }
}
