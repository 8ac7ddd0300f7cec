package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * SAP HANA through SAP's JDBC driver (ngdbc, SAP Developer License: not shipped). URL:
 * {@code jdbc:sap://host:port/[?databaseName=tenant&key=value...]}; the tenant database is a parameter.
 */
public final class SapHanaEngine extends VendorDriverEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("SAP HANA JDBC")
            .allow("databaseName", "currentSchema", "sessionVariable", "isolationLevel", "reconnect",
                    "communicationTimeout", "connectTimeout", "packetSize", "compress")
            .refuse("sends the session to other servers than the one named", "distribution", "siteType",
                    "proxyHost", "proxyPort", "proxyUserName", "proxyPassword", "proxyHttp", "proxyScpAccount",
                    "websocketURL", "nodeConnectTimeout")
            .refuse("makes the driver read or write files on the Dialtone server", "traceFile", "traceOptions",
                    "keyStore", "keyStorePassword", "trustStore", "trustStorePassword", "key", "localUserStoreKey")
            .refuse("makes the driver use the Dialtone server's own identity", "authenticationMethods", "SAMLToken",
                    "JWTToken", "x509Certificate", "sessionCookie")
            .refuse("asks for TLS, which Dialtone cannot verify through its relay yet", "encrypt",
                    "validateCertificate", "hostNameInCertificate")
            .refuse("carries credentials in the URL; use the connection's secret", "user", "password");

    public SapHanaEngine() {
        super("SAP HANA", "sap", 30015, "com.sap.db.jdbc.Driver", "the SAP Developer License", PARAMETERS);
    }

    /** {@code jdbc:sap://host[:port]/[?databaseName=...&...]}, the database taken from {@code databaseName}. */
    @Override
    public JdbcUrl parse(String url) {
        JdbcUrl plain = JdbcUrl.parse(url, "sap");
        if (plain.database().isPresent()) {
            throw new InvalidTestInput(JdbcUrl.WHERE + " for SAP HANA names the tenant database as "
                    + "?databaseName=<database>, not as a path: jdbc:sap://<host>:<port>/?databaseName=<database>.");
        }
        Map<String, String> parameters = new LinkedHashMap<>(plain.parameters());
        Optional<String> database = Optional.ofNullable(parameters.remove("databaseName"));
        database.ifPresent(name -> JdbcUrl.checkDatabase(name, "databaseName in " + JdbcUrl.WHERE));
        return new JdbcUrl("sap", plain.host(), plain.port(), database, false, parameters);
    }

    @Override
    public String url(JdbcTarget target) {
        return "jdbc:sap://" + target.host() + ":" + target.port() + "/"
                + target.database().map(name -> "?databaseName=" + name).orElse("");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = baseProperties(request);
        properties.setProperty("connectTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("communicationTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("reconnect", "false");
        properties.setProperty("distribution", "OFF");
        return properties;
    }

    /** SAP HANA error codes (SQL error codes of the server, also the driver's getErrorCode()). */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        String reason = JdbcFailures.plainMessage(error) + " (SAP HANA error " + error.getErrorCode() + ")";
        return switch (error.getErrorCode()) {
            case 10 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: "
                    + reason, "Check the username and password in the connection's secret."));
            case 414 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the user must change its password first: "
                    + reason, "Log in once with another client and change the password, then update the secret."));
            case 416 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the user is locked: " + reason,
                    "Unlock the user on the server (ALTER USER ... RESET CONNECT ATTEMPTS), or wait."));
            default -> Optional.empty();
        };
    }

    @Override
    public String authorizationQuery() {
        return "SELECT 1 FROM DUMMY";
    }
}
