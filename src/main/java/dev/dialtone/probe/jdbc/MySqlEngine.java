package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
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

    private final LazyDriver driver = new LazyDriver(MySqlEngine::newDriver);

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
    public Properties connectProperties(Map<String, String> allowedParameters, String user, String password,
            int timeoutMillis) {
        Properties properties = new Properties();
        properties.putAll(allowedParameters);
        properties.putIfAbsent("connectTimeout", String.valueOf(timeoutMillis));
        properties.putIfAbsent("socketTimeout", String.valueOf(timeoutMillis));
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("socketFactory", MySqlDialerSocketFactory.class.getName());
        properties.setProperty("allowLoadLocalInfile", "false");
        properties.setProperty("allowUrlInLocalInfile", "false");
        properties.setProperty("autoDeserialize", "false");
        properties.setProperty("allowPublicKeyRetrieval", "false");
        properties.setProperty("connectionAttributes", "program_name:dialtone");
        return properties;
    }

    @Override
    public boolean requiresTls(Map<String, String> allowedParameters) {
        String mode = allowedParameters.getOrDefault("sslMode", "").toUpperCase(java.util.Locale.ROOT);
        return mode.equals("REQUIRED") || mode.startsWith("VERIFY")
                || (mode.isEmpty() && "true".equalsIgnoreCase(allowedParameters.get("requireSSL")));
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        return MySqlFamily.classify(error, displayName());
    }
}
