package dev.dialtone.probe.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** What pgjdbc and its Redshift fork share: TLS parameters, socket and TLS hooks, timeouts in seconds. */
final class Pgjdbc {
    private Pgjdbc() {
    }

    /** {@code sslmode} (and the older {@code ssl=true}) in driver-independent terms. */
    static TlsIntent tlsIntent(Map<String, String> parameters, String defaultMode) {
        String mode = parameters.getOrDefault("sslmode", "").trim().toLowerCase(Locale.ROOT);
        if (mode.isEmpty() && "true".equalsIgnoreCase(parameters.get("ssl"))) {
            return TlsIntent.verifyFull("ssl=true");
        }
        if (mode.isEmpty() && "false".equalsIgnoreCase(parameters.get("ssl"))) {
            return TlsIntent.off("ssl=false");
        }
        String setting = "sslmode=" + (mode.isEmpty() ? defaultMode + " (the default)" : mode);
        if (mode.isEmpty() && defaultMode.equals("verify-ca")) {
            // A driver's default, not a choice of the user's: Glue's properties may still ask for the host name.
            return new TlsIntent(false, true, true, false, false, setting);
        }
        return switch (mode.isEmpty() ? defaultMode : mode) {
            case "disable" -> TlsIntent.off(setting);
            case "require" -> TlsIntent.encryptOnly(setting);
            case "verify-ca" -> TlsIntent.verifyChain(setting);
            case "verify-full" -> TlsIntent.verifyFull(setting);
            default -> TlsIntent.optional(setting);
        };
    }

    /**
     * The user's parameters, credentials and timeouts, with Dialtone's hooks: every socket through the
     * dialer, every TLS handshake through Dialtone's trust manager (so {@code sslmode} only says whether
     * to encrypt: verification is Dialtone's, as the test's {@link JdbcTls} says).
     */
    static Properties properties(ConnectRequest request, Class<?> socketFactory, Class<?> sslFactory) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        properties.remove("ssl");
        int seconds = Math.max(1, (request.timeoutMillis() + 999) / 1000);
        properties.putIfAbsent("connectTimeout", String.valueOf(seconds));
        properties.putIfAbsent("socketTimeout", String.valueOf(seconds));
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        properties.setProperty("socketFactory", socketFactory.getName());
        JdbcTls tls = request.tls();
        properties.setProperty("sslmode", tls.disabled() ? "disable" : tls.required() ? "require" : "prefer");
        properties.setProperty("sslfactory", sslFactory.getName());
        return properties;
    }

    /** The schemas a {@code currentSchema} search path names, without {@code $user} and quotes. */
    static List<String> schemas(String currentSchema) {
        List<String> schemas = new ArrayList<>();
        if (currentSchema == null) {
            return schemas;
        }
        for (String part : currentSchema.split(",")) {
            String name = part.trim();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.isEmpty() && !name.equals("$user")) {
                schemas.add(name);
            }
        }
        return schemas;
    }
}
