package dev.dialtone.ops;

import dev.dialtone.DialtoneConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an operator sets for running the server as a service. Kept beside {@link DialtoneConfig} rather than in it:
 * these settings change how the server is watched and stopped, never what it answers.
 *
 * @param adminPort    where {@code /health/*} and {@code /metrics} are answered ({@code --admin-port},
 *                     {@code DIALTONE_ADMIN_PORT}): unset, on the API's own port; a number, only on that port (same
 *                     host); {@code off}, nowhere
 * @param logFormat    {@code --log-format} / {@code DIALTONE_LOG_FORMAT}: plain (default) or json
 * @param drainTimeout {@code --drain-timeout} / {@code DIALTONE_DRAIN_TIMEOUT}: how long SIGTERM lets tests in
 *                     flight finish (default: the test deadline)
 */
public record OpsSettings(AdminPort adminPort, LogFormat logFormat, Optional<Duration> drainTimeout) {
    public static final OpsSettings DEFAULT = new OpsSettings(AdminPort.API_PORT, LogFormat.PLAIN, Optional.empty());

    /** Where the admin paths are answered. */
    public record AdminPort(boolean enabled, OptionalInt ownPort) {
        public static final AdminPort API_PORT = new AdminPort(true, OptionalInt.empty());
        public static final AdminPort OFF = new AdminPort(false, OptionalInt.empty());

        /** {@code off}, or a port number (0: any free port). */
        public static AdminPort parse(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (value.equals("off") || value.equals("none")) {
                return OFF;
            }
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return new AdminPort(true, OptionalInt.of(port));
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new IllegalArgumentException("--admin-port / DIALTONE_ADMIN_PORT must be a port number from 0 to "
                    + "65535 or 'off' (got '" + text + "')");
        }
    }

    /** How log lines are written. */
    public enum LogFormat {
        PLAIN, JSON;

        public static LogFormat parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "plain", "text" -> PLAIN;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("--log-format / DIALTONE_LOG_FORMAT must be plain or json "
                        + "(got '" + text + "')");
            };
        }
    }

    public static OpsSettings fromEnvironment(Map<String, String> env) {
        return new OpsSettings(
                Optional.ofNullable(env.get("DIALTONE_ADMIN_PORT")).filter(v -> !v.isBlank()).map(AdminPort::parse)
                        .orElse(AdminPort.API_PORT),
                Optional.ofNullable(env.get("DIALTONE_LOG_FORMAT")).filter(v -> !v.isBlank()).map(LogFormat::parse)
                        .orElse(LogFormat.PLAIN),
                Optional.ofNullable(env.get("DIALTONE_DRAIN_TIMEOUT")).filter(v -> !v.isBlank())
                        .map(OpsSettings::parseDrainTimeout));
    }

    /** A drain bound: 0 (stop tests at once) or a duration such as 30s. */
    public static Duration parseDrainTimeout(String text) {
        String value = text.trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return DialtoneConfig.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--drain-timeout / DIALTONE_DRAIN_TIMEOUT must be a duration such as "
                    + "30s or 0 (got '" + text + "')");
        }
    }

    public OpsSettings withAdminPort(AdminPort port) {
        return new OpsSettings(port, logFormat, drainTimeout);
    }

    public OpsSettings withLogFormat(LogFormat format) {
        return new OpsSettings(adminPort, format, drainTimeout);
    }

    public OpsSettings withDrainTimeout(Duration timeout) {
        return new OpsSettings(adminPort, logFormat, Optional.of(timeout));
    }

    /** The drain bound: the one set, else the test deadline (a test in flight may take that long). */
    public Duration drainTimeout(DialtoneConfig config) {
        return drainTimeout.orElse(config.testTimeout());
    }
}
