package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** PostgreSQL through pgjdbc. */
public final class PostgresEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("pgjdbc")
            .allow("ApplicationName", "sslmode", "ssl", "connectTimeout", "socketTimeout", "tcpKeepAlive",
                    "tcpNoDelay", "currentSchema", "options", "gssEncMode", "channelBinding", "readOnly",
                    "assumeMinServerVersion", "preferQueryMode", "prepareThreshold", "targetServerType",
                    "sslNegotiation", "stringtype", "escapeSyntaxCallMode", "cancelSignalTimeout")
            .refuse("makes the driver load a class named by the user", "socketFactory", "socketFactoryArg",
                    "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback",
                    "authenticationPluginClassName", "xmlFactoryFactory")
            .refuse("makes the driver write files on the Dialtone server", "loggerFile", "loggerLevel")
            .refuse("makes the driver read files on the Dialtone server", "sslcert", "sslkey", "sslrootcert",
                    "sslpassword", "service", "pgpassfile", "jaasApplicationName", "jaasLogin", "gsslib",
                    "kerberosServerName", "sspiServiceClass", "useSpnego")
            .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "user", "password")
            .refuse("overrides the host, port or database given in the URL", "PGHOST", "PGPORT", "PGDBNAME")
            .refuse("chooses the local address connections leave from", "localSocketAddress");

    private final LazyDriver driver = new LazyDriver(() -> new org.postgresql.Driver());

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public List<String> engineNames() {
        return List.of("postgresql", "postgres");
    }

    @Override
    public String urlScheme() {
        return "postgresql";
    }

    @Override
    public int defaultPort() {
        return 5432;
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
        int seconds = Math.max(1, (timeoutMillis + 999) / 1000);
        properties.putIfAbsent("connectTimeout", String.valueOf(seconds));
        properties.putIfAbsent("socketTimeout", String.valueOf(seconds));
        properties.putIfAbsent("ApplicationName", "Dialtone connection test");
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("socketFactory", DialerSocketFactory.class.getName());
        // loginTimeout would move the connect to a thread of pgjdbc's own, out of the test's reach.
        properties.setProperty("loginTimeout", "0");
        return properties;
    }

    @Override
    public boolean requiresTls(Map<String, String> allowedParameters) {
        String mode = allowedParameters.getOrDefault("sslmode", "").toLowerCase(java.util.Locale.ROOT);
        return mode.equals("require") || mode.startsWith("verify")
                || (mode.isEmpty() && "true".equalsIgnoreCase(allowedParameters.get("ssl")));
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        return switch (state) {
            case "53300" -> Optional.of(new StageFailure(Stage.HANDSHAKE,
                    "the server has no connection slots left: " + JdbcFailures.serverMessage(error),
                    "Try again later, or raise max_connections on the PostgreSQL server."));
            case "57P03" -> Optional.of(new StageFailure(Stage.HANDSHAKE,
                    "the server is not accepting connections yet: " + JdbcFailures.serverMessage(error),
                    "The PostgreSQL server is starting up, shutting down or in recovery; try again shortly."));
            default -> Optional.empty();
        };
    }
}
