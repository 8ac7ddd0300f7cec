package dev.dialtone.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the operator wants the audit trail ({@code --audit-log}, {@code DIALTONE_AUDIT_LOG}): a file,
 * {@code -} for standard output, {@code none}, or unset. Unset means off on a loopback address (a
 * laptop) and {@code <data-dir>/audit.log} on any other (a shared server should not run unaudited).
 *
 * @param value the setting as given, trimmed
 */
public record AuditLogSetting(Optional<String> value) {
    public static final AuditLogSetting UNSET = new AuditLogSetting(Optional.empty());
    public static final String DEFAULT_FILE_NAME = "audit.log";

    /** @throws IllegalArgumentException for a blank value, at start-up */
    public AuditLogSetting {
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalArgumentException("DIALTONE_AUDIT_LOG / --audit-log must name a file, '-' for standard "
                    + "output or 'none' (got a blank value)");
        }
        value = value.map(String::trim);
    }

    public static AuditLogSetting of(String value) {
        return new AuditLogSetting(Optional.of(value));
    }

    /** Opens the trail this setting names for a server listening on {@code host} with its catalog in {@code dataDir}. */
    public AuditTrail open(String host, Path dataDir) {
        try {
            if (value.isEmpty()) {
                return isLoopback(host) ? AuditTrail.off() : JsonLinesAuditTrail.toFile(dataDir.resolve(DEFAULT_FILE_NAME));
            }
            String text = value.get();
            if (text.toLowerCase(Locale.ROOT).equals("none")) {
                return AuditTrail.off();
            }
            if (text.equals("-")) {
                return JsonLinesAuditTrail.toStandardOutput();
            }
            return JsonLinesAuditTrail.toFile(Path.of(text));
        } catch (IOException e) {
            // An operator's setting: one line at start, exit code 2.
            throw new IllegalArgumentException("the audit log (DIALTONE_AUDIT_LOG / --audit-log) cannot be opened: " + e, e);
        }
    }

    /** Where the trail goes, for the start line. */
    public String describe(String host, Path dataDir) {
        if (value.isEmpty()) {
            return isLoopback(host) ? "off" : dataDir.resolve(DEFAULT_FILE_NAME).toAbsolutePath().toString();
        }
        return switch (value.get()) {
            case "-" -> "standard output";
            default -> value.get().equalsIgnoreCase("none") ? "off" : Path.of(value.get()).toAbsolutePath().toString();
        };
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
