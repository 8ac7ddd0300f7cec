package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.Memoized;
import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.ProbeSession;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private final Memoized<Driver> driver = new Memoized<>(() -> new org.postgresql.Driver());

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
    public List<String> driverClassNames() {
        return List.of("org.postgresql.Driver");
    }

    @Override
    public Driver driver() {
        return driver.get();
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        return Pgjdbc.tlsIntent(parameters, "prefer");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = Pgjdbc.properties(request, DialerSocketFactory.class, DialtoneSslSocketFactory.class);
        properties.putIfAbsent("ApplicationName", "Dialtone connection test");
        // loginTimeout would move the connect to a thread of pgjdbc's own, out of the test's reach.
        properties.setProperty("loginTimeout", "0");
        // Without it pgjdbc sends SET extra_float_digits (and application_name) as a query after the login: one
        // round trip more per test. With it both travel in the startup packet; every server since 9.0 accepts that.
        properties.putIfAbsent("assumeMinServerVersion", "9.0");
        return properties;
    }

    /**
     * After login: the session runs a statement, and the user may use each schema {@code currentSchema} names. One
     * query, one round trip, however many schemas: a row per schema, each with its existence and USAGE beside it.
     *
     * <p>CONNECT on the database is not queried: PostgreSQL refuses the login itself without it (42501, "permission
     * denied for database", which {@link JdbcFailures} reports at AUTHORIZE) and a superuser, who may log in
     * without it, has every privilege anyway; so after a login {@code has_database_privilege(current_database(),
     * 'CONNECT')} is always true. Asking anyway cost a fresh backend about 0.4 ms per test (its catalog caches are
     * cold: each function name is a pg_proc lookup), more than the raw driver's whole {@code isValid}.
     */
    @Override
    public void authorize(Connection connection, ConnectRequest request, ProbeSession session)
            throws SQLException, StageFailure {
        List<String> schemas = Pgjdbc.schemas(request.parameters().get("currentSchema"));
        if (schemas.isEmpty()) {
            // The cheapest statement that still proves the session answers queries (a pooler such as PgBouncer can
            // accept a login and fail every query): nothing for a cold backend to look up.
            try (PreparedStatement check = connection.prepareStatement("SELECT 1");
                    ResultSet row = check.executeQuery()) {
                row.next();
            }
            return;
        }
        try (PreparedStatement check = connection.prepareStatement("SELECT current_database(), s.name, "
                + "n.oid IS NOT NULL, CASE WHEN n.oid IS NULL THEN false ELSE has_schema_privilege(n.oid, 'USAGE') END "
                + "FROM unnest(?::text[]) WITH ORDINALITY AS s(name, position) "
                + "LEFT JOIN pg_namespace n ON n.nspname = s.name ORDER BY s.position")) {
            check.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet row = check.executeQuery()) {
                while (row.next()) {
                    String schema = row.getString(2);
                    if (!row.getBoolean(3)) {
                        throw new StageFailure(Stage.AUTHORIZE, "schema \"" + schema + "\" (from currentSchema) does "
                                + "not exist in database \"" + row.getString(1) + "\"",
                                "Check currentSchema in JDBC_CONNECTION_URL.");
                    }
                    if (!row.getBoolean(4)) {
                        throw new StageFailure(Stage.AUTHORIZE, "user \"" + request.user() + "\" has no USAGE "
                                + "privilege on schema \"" + schema + "\"", "GRANT USAGE ON SCHEMA \"" + schema
                                + "\" to the user, or check currentSchema.");
                    }
                }
            }
        }
        session.detail("schema", String.join(", ", schemas) + " (USAGE granted)");
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
