package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.Memoized;
import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** MariaDB through MariaDB Connector/J. */
public final class MariaDbEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = MySqlFamily.refusals(DriverParameterPolicy.forDriver("MariaDB Connector/J"))
            .allow("sslMode", "connectTimeout", "socketTimeout", "tcpKeepAlive", "enabledSslProtocolSuites",
                    "enabledSslCipherSuites", "useCompression", "timezone", "connectionCollation", "sessionVariables")
            .refuse("makes the driver load a class named by the user", "socketFactory", "tlsSocketType",
                    "codecs", "transactionReplay")
            .refuse("makes the driver use the Dialtone server's own credentials (environment, cloud identity)",
                    "credentialType")
            .refuse("makes the driver read files on the Dialtone server", "serverSslCert", "keyStore",
                    "trustStore", "keyStorePassword", "trustStorePassword", "serverRsaPublicKeyFile",
                    "fallbackToSystemKeyStore", "fallbackToSystemTrustStore")
            .refuse("connects through a pipe or Unix socket on the Dialtone server", "pipe", "localSocket",
                    "localSocketAddress");

    private final Memoized<Driver> driver = new Memoized<>(() -> new org.mariadb.jdbc.Driver());

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public List<String> engineNames() {
        return List.of("mariadb");
    }

    @Override
    public String urlScheme() {
        return "mariadb";
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
        return List.of("org.mariadb.jdbc.Driver");
    }

    @Override
    public Driver driver() {
        return driver.get();
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        String mode = parameters.getOrDefault("sslMode", "").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "" -> TlsIntent.optional("sslMode=disable (the default)");
            case "disable", "disabled", "false", "0" -> TlsIntent.off("sslMode=" + mode);
            case "trust" -> TlsIntent.encryptOnly("sslMode=trust");
            case "verify-ca", "verify_ca" -> TlsIntent.verifyChain("sslMode=" + mode);
            default -> TlsIntent.verifyFull("sslMode=" + mode);
        };
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        properties.putIfAbsent("connectTimeout", String.valueOf(request.timeoutMillis()));
        properties.putIfAbsent("socketTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        properties.setProperty("socketFactory", DialerSocketFactory.class.getName());
        // MariaDB has no opportunistic TLS: it is on only when required. Then the driver's own trust
        // decision is replaced by Dialtone's (sslMode=trust only keeps the driver from adding its own).
        properties.setProperty("sslMode", request.tls().required() ? "trust" : "disable");
        properties.setProperty("tlsSocketType", MariaDbTlsPlugin.TYPE);
        // MariaDB enables LOCAL INFILE by default.
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("allowPublicKeyRetrieval", "false");
        return properties;
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        return MySqlFamily.classify(error, displayName());
    }
}
