package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.sql.SQLException;

/**
 * Teradata Vantage through Teradata's JDBC driver (Teradata's licence: not shipped). URL:
 * {@code jdbc:teradata://host/DBS_PORT=1025,DATABASE=db,KEY=value,...}: the port and database are parameters.
 */
public final class TeradataEngine extends VendorDriverEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("Teradata JDBC")
            .allow("TMODE", "CHARSET", "ACCOUNT", "ENCRYPTDATA", "LOGIN_TIMEOUT", "TYPE", "RUNSTARTUP",
                    "QUERY_BAND", "CONNECT_FUNCTION", "COLUMN_NAME")
            .refuse("sends the session to other servers than the one named (COP discovery, redirects)", "COP",
                    "COPLAST", "REDRIVE", "RECONNECT_COUNT", "RECONNECT_INTERVAL", "PROXY_URL", "PROXY_USER",
                    "PROXY_PASSWORD", "HTTPS_PORT")
            .refuse("makes the driver read or write files on the Dialtone server", "LOG", "SSLCA", "SSLCAPATH",
                    "SSLTRUSTSTORE", "SSLTRUSTSTORE_PASSWORD", "LOGDATA_FILE", "JWS_PRIVATE_KEY", "OIDC_TOKEN_FILE")
            .refuse("makes the driver use the Dialtone server's own identity (Kerberos, JWT, browser logins)",
                    "LOGMECH", "LOGDATA", "BROWSER", "OIDC_CLIENTID", "OIDC_SCOPE", "JWS_CERT")
            .refuse("asks for TLS, which Dialtone cannot verify through its relay yet", "SSLMODE", "ENCRYPTDATA_TLS")
            .refuse("carries credentials in the URL; use the connection's secret", "USER", "PASSWORD");

    public TeradataEngine() {
        super("Teradata", "teradata", 1025, "com.teradata.jdbc.TeraDriver", "Teradata's licence", PARAMETERS);
    }

    /** {@code jdbc:teradata://host[/KEY=value,...]} with the port as DBS_PORT and the database as DATABASE. */
    @Override
    public JdbcUrl parse(String url) {
        String prefix = "jdbc:teradata://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new InvalidTestInput(JdbcUrl.WHERE + " for Teradata must look like "
                    + "jdbc:teradata://<host>/DBS_PORT=<port>,DATABASE=<database>.");
        }
        String rest = url.substring(prefix.length());
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        if (host.contains(":")) {
            throw new InvalidTestInput(JdbcUrl.WHERE + " for Teradata gives the port as DBS_PORT=<port>, not host:port.");
        }
        JdbcUrl.HostAndPort address = JdbcUrl.hostAndPort(host);
        Map<String, String> parameters = new LinkedHashMap<>(JdbcUrl.parsePairs(slash < 0 ? "" : rest.substring(slash + 1),
                ",", false));
        java.util.OptionalInt port = java.util.OptionalInt.empty();
        Optional<String> database = Optional.empty();
        for (String key : java.util.List.copyOf(parameters.keySet())) {
            switch (key.toUpperCase(Locale.ROOT)) {
                case "DBS_PORT" -> port = java.util.OptionalInt.of(JdbcUrl.parsePort(parameters.remove(key).trim(),
                        "DBS_PORT in " + JdbcUrl.WHERE));
                case "DATABASE" -> {
                    String name = parameters.remove(key).trim();
                    JdbcUrl.checkDatabase(name, "DATABASE in " + JdbcUrl.WHERE);
                    database = Optional.of(name);
                }
                default -> { }
            }
        }
        return new JdbcUrl("teradata", address.host(), port, database, false, parameters);
    }

    @Override
    public String url(JdbcTarget target) {
        return "jdbc:teradata://" + target.host() + "/DBS_PORT=" + target.port()
                + target.database().map(name -> ",DATABASE=" + name).orElse("");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = baseProperties(request);
        properties.setProperty("LOGIN_TIMEOUT", String.valueOf(seconds(request)));
        // The relay's loopback address is what the driver sees: COP discovery would look up other names.
        properties.setProperty("COP", "OFF");
        properties.setProperty("LOGMECH", "TD2");
        return properties;
    }

    /** Teradata Database error codes (the driver's getErrorCode() is the server's code). */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        String reason = JdbcFailures.plainMessage(error) + " (Teradata error " + error.getErrorCode() + ")";
        return switch (error.getErrorCode()) {
            case 8017 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: "
                    + reason, "Check the username and password in the connection's secret."));
            case 3802 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the database does not exist: " + reason,
                    "Check DATABASE."));
            default -> Optional.empty();
        };
    }
}
