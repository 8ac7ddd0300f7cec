package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.Memoized;
import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** MySQL through MySQL Connector/J. */
public final class MySqlEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = MySqlFamily.refusals(DriverParameterPolicy.forDriver("MySQL Connector/J"))
            .allow("sslMode", "useSSL", "requireSSL", "verifyServerCertificate", "connectTimeout", "socketTimeout",
                    "characterEncoding", "connectionTimeZone", "serverTimezone", "tcpKeepAlive",
                    "enabledTLSProtocols", "enabledSSLCipherSuites", "useUnicode", "zeroDateTimeBehavior",
                    "useCompression", "connectionCollation", "sessionVariables")
            .refuse("makes the driver load a class named by the user", "socketFactory", "queryInterceptors",
                    "statementInterceptors", "connectionLifecycleInterceptors", "exceptionInterceptors",
                    "propertiesTransform", "authenticationPlugins", "defaultAuthenticationPlugin",
                    "disabledAuthenticationPlugins", "clientInfoProvider", "serverConfigCacheFactory",
                    "loadBalanceStrategy", "loadBalanceExceptionChecker", "ha.loadBalanceStrategy", "logger",
                    "profilerEventHandler")
            .refuse("makes the driver deserialize Java objects sent by the server", "autoDeserialize",
                    "detectCustomCollations")
            .refuse("makes the driver read files or URLs on the Dialtone server", "trustCertificateKeyStoreUrl",
                    "clientCertificateKeyStoreUrl", "serverRSAPublicKeyFile", "authenticationOciConfigFile",
                    "ociConfigFile")
            .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "password1", "password2",
                    "password3");

    private final Memoized<Driver> driver = new Memoized<>(MySqlEngine::newDriver);

    @Override
    public String displayName() {
        return "MySQL";
    }

    @Override
    public List<String> engineNames() {
        return List.of("mysql");
    }

    @Override
    public String urlScheme() {
        return "mysql";
    }

    @Override
    public int defaultPort() {
        return 3306;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return PARAMETERS;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver");
    }

    @Override
    public Driver driver() {
        return driver.get();
    }

    private static Driver newDriver() {
        try {
            return new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL Connector/J could not start", e);
        }
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        String mode = parameters.getOrDefault("sslMode", "").trim().toUpperCase(Locale.ROOT);
        if (mode.isEmpty()) {
            if ("false".equalsIgnoreCase(parameters.get("useSSL"))) {
                return TlsIntent.off("useSSL=false");
            }
            if ("true".equalsIgnoreCase(parameters.get("requireSSL"))) {
                return "true".equalsIgnoreCase(parameters.get("verifyServerCertificate"))
                        ? TlsIntent.verifyChain("requireSSL=true&verifyServerCertificate=true")
                        : TlsIntent.encryptOnly("requireSSL=true");
            }
            return TlsIntent.optional("sslMode=PREFERRED (the default)");
        }
        return switch (mode) {
            case "DISABLED" -> TlsIntent.off("sslMode=DISABLED");
            case "REQUIRED" -> TlsIntent.encryptOnly("sslMode=REQUIRED");
            case "VERIFY_CA" -> TlsIntent.verifyChain("sslMode=VERIFY_CA");
            case "VERIFY_IDENTITY" -> TlsIntent.verifyFull("sslMode=VERIFY_IDENTITY");
            default -> TlsIntent.optional("sslMode=" + mode);
        };
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        // Whether to encrypt is decided below; how to verify is Dialtone's (its socket factory runs the handshake).
        properties.remove("useSSL");
        properties.remove("requireSSL");
        properties.remove("verifyServerCertificate");
        properties.putIfAbsent("connectTimeout", String.valueOf(request.timeoutMillis()));
        properties.putIfAbsent("socketTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        properties.setProperty("socketFactory", MySqlDialerSocketFactory.class.getName());
        JdbcTls tls = request.tls();
        properties.setProperty("sslMode", tls.disabled() ? "DISABLED" : tls.required() ? "REQUIRED" : "PREFERRED");
        properties.setProperty("allowLoadLocalInfile", "false");
        properties.setProperty("allowUrlInLocalInfile", "false");
        properties.setProperty("autoDeserialize", "false");
        properties.setProperty("allowPublicKeyRetrieval", "false");
        properties.setProperty("connectionAttributes", "program_name:dialtone");
        return properties;
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        // Connector/J reads the first bytes of another protocol (an SSH or SMTP banner) as the length of a
        // MySQL packet, and refuses it as too large before any login: the server is not MySQL.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("com.mysql.cj.exceptions.CJPacketTooBigException")
                    || cause instanceof com.mysql.cj.jdbc.exceptions.PacketTooBigException) {
                return Optional.of(new StageFailure(Stage.HANDSHAKE, "the server's greeting is not a MySQL handshake "
                        + "packet: " + JdbcFailures.plainMessage(error), "Check that HOST and PORT point at a "
                        + displayName() + " server."));
            }
        }
        return MySqlFamily.classify(error, displayName());
    }
}
