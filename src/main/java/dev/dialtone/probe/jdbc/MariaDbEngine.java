package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
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

    private final LazyDriver driver = new LazyDriver(() -> new org.mariadb.jdbc.Driver());

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
    public Driver driver() {
        return driver.get();
    }

    @Override
    public Properties connectProperties(Map<String, String> allowedParameters, String user, String password,
            int timeoutMillis) {
        Properties properties = new Properties();
        properties.putAll(allowedParameters);
        properties.putIfAbsent("connectTimeout", String.valueOf(timeoutMillis));
        properties.putIfAbsent("socketTimeout", String.valueOf(timeoutMillis));
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("socketFactory", DialerSocketFactory.class.getName());
        // MariaDB enables LOCAL INFILE by default.
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("allowPublicKeyRetrieval", "false");
        return properties;
    }

    @Override
    public boolean requiresTls(Map<String, String> allowedParameters) {
        String mode = allowedParameters.getOrDefault("sslMode", "disable").toLowerCase(java.util.Locale.ROOT);
        return !mode.equals("disable");
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        return MySqlFamily.classify(error, displayName());
    }
}
