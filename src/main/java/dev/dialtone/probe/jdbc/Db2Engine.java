package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * IBM Db2 through the IBM Data Server driver (JCC), which is not shipped (IBM's licence): it works once
 * the operator installs it in the driver directory, and reaches the server through the dialer's relay.
 * URL: {@code jdbc:db2://host:port/database[:key=value;...]}, whose properties are allow-listed (the
 * JNDI ones have been used for remote code execution).
 */
public final class Db2Engine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("IBM Db2 JCC")
            .allow("currentSchema", "retrieveMessagesFromServerOnGetMessage", "clientProgramName",
                    "clientApplicationInformation", "loginTimeout", "blockingReadConnectionTimeout")
            .refuse("makes the driver look up a name in JNDI (LDAP/RMI), which can load remote code",
                    "clientRerouteServerListJNDIName", "clientRerouteServerListJNDIContext")
            .refuse("makes the driver read or write files on the Dialtone server", "sslTrustStoreLocation",
                    "sslKeyStoreLocation", "sslTrustStorePassword", "sslKeyStorePassword", "sslCertLocation",
                    "traceFile", "traceDirectory", "traceLevel", "logWriter", "jdbcCollection")
            .refuse("makes the driver use the Dialtone server's own identity or plugins", "securityMechanism",
                    "pluginName", "plugin", "kerberosServerPrincipal", "gssCredential", "accessToken", "apiKey")
            .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "user", "password")
            .refuse("sends the session to other servers than the one named", "clientRerouteAlternateServerName",
                    "clientRerouteAlternatePortNumber", "enableClientAffinitiesList", "enableSeamlessFailover");

    @Override
    public String displayName() {
        return "IBM Db2";
    }

    @Override
    public List<String> engineNames() {
        return List.of("db2");
    }

    @Override
    public String urlScheme() {
        return "db2";
    }

    @Override
    public int defaultPort() {
        return 50000;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return PARAMETERS;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of("com.ibm.db2.jcc.DB2Driver");
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return "IBM's Db2 JDBC driver (JCC) carries IBM's licence and is not shipped with Dialtone; the operator can "
                + "put its jar in the driver directory (DIALTONE_DRIVER_DIR).";
    }

    @Override
    public Driver driver() {
        throw new IllegalStateException(unavailableReason());
    }

    @Override
    public boolean needsRelay() {
        return true;
    }

    /** {@code jdbc:db2://host[:port]/database[:key=value;...;]}. */
    @Override
    public JdbcUrl parse(String url) {
        String where = JdbcUrl.WHERE;
        String prefix = "jdbc:db2://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new InvalidTestInput(where + " for Db2 must look like jdbc:db2://<host>:<port>/<database>.");
        }
        String rest = url.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new InvalidTestInput(where + " for Db2 needs a database: jdbc:db2://<host>:<port>/<database>.");
        }
        JdbcUrl.HostAndPort address = JdbcUrl.hostAndPort(rest.substring(0, slash));
        String path = rest.substring(slash + 1);
        int colon = path.indexOf(':');
        String database = colon < 0 ? path : path.substring(0, colon);
        JdbcUrl.checkDatabase(database, "the database in " + where);
        Map<String, String> parameters = Map.of();
        if (colon >= 0) {
            String properties = path.substring(colon + 1);
            if (!properties.isEmpty() && !properties.endsWith(";")) {
                throw new InvalidTestInput(where + " properties after the database must each end with ';' "
                        + "(jdbc:db2://host:port/db:currentSchema=APP;).");
            }
            parameters = JdbcUrl.parsePairs(properties.isEmpty() ? "" : properties.substring(0,
                    properties.length() - 1), ";", false);
        }
        return new JdbcUrl("db2", address.host(), address.port(), Optional.of(database), false, parameters);
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        return TlsIntent.optional("plain TCP");
    }

    @Override
    public Optional<String> tlsUnsupported() {
        return Optional.of("TLS to Db2 (sslConnection) is not supported by Dialtone yet: the JCC driver reaches the "
                + "server through Dialtone's relay, and its trust store would be a file.");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        int seconds = Math.max(1, (request.timeoutMillis() + 999) / 1000);
        properties.setProperty("loginTimeout", String.valueOf(seconds));
        properties.setProperty("blockingReadConnectionTimeout", String.valueOf(seconds));
        properties.setProperty("retrieveMessagesFromServerOnGetMessage", "true");
        return properties;
    }

    /** Db2 SQLCODEs (the driver's error code), and the reason code of -30082 security failures. */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        String reason = JdbcFailures.plainMessage(error) + " (SQLCODE " + error.getErrorCode() + ")";
        String message = String.valueOf(error.getMessage()).toUpperCase(Locale.ROOT);
        return switch (error.getErrorCode()) {
            case -4214 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: "
                    + reason, "Check USERNAME and PASSWORD."));
            case -30082 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, message.contains("EXPIRED")
                    ? "the password has expired: " + reason : "the server rejected the credentials: " + reason,
                    "Check USERNAME and PASSWORD."));
            case -1060 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the user may not connect to the database: "
                    + reason, "GRANT CONNECT ON DATABASE to the user."));
            case -1013, -4499 -> message.contains("DATABASE") && message.contains("NOT FOUND")
                    || error.getErrorCode() == -1013
                    ? Optional.of(new StageFailure(Stage.AUTHORIZE, "the database does not exist: " + reason,
                            "Check DATABASE (the database in JDBC_CONNECTION_URL)."))
                    : Optional.empty();
            case -1035, -1224 -> Optional.of(new StageFailure(Stage.HANDSHAKE, "the database accepts no session now: "
                    + reason, "The Db2 database is in use exclusively, quiesced or stopping; try again later."));
            default -> Optional.empty();
        };
    }

    @Override
    public String authorizationQuery() {
        return "SELECT 1 FROM SYSIBM.SYSDUMMY1";
    }
}
