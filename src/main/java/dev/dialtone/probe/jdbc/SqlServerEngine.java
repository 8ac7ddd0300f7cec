package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Microsoft SQL Server through mssql-jdbc. Its URL is {@code jdbc:sqlserver://host[:port][;key=value]...}
 * with the database as {@code databaseName} or {@code database}; Dialtone hands the driver its socket
 * factory ({@code socketFactoryClass}) and trust manager ({@code trustManagerClass}).
 */
public final class SqlServerEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("mssql-jdbc")
            .allow("encrypt", "trustServerCertificate", "hostNameInCertificate", "loginTimeout", "applicationName",
                    "applicationIntent", "lockTimeout", "sendStringParametersAsUnicode", "workstationID",
                    "packetSize", "selectMethod", "responseBuffering", "socketTimeout", "cancelQueryTimeout",
                    "sslProtocol", "queryTimeout", "serverNameAsACE")
            .refuse("makes the driver load a class named by the user", "socketFactoryClass",
                    "socketFactoryConstructorArg", "trustManagerClass", "trustManagerConstructorArg",
                    "accessTokenCallbackClass", "keyStoreProvider", "jaasConfigurationName")
            .refuse("makes the driver read files or key stores on the Dialtone server", "trustStore",
                    "trustStorePassword", "trustStoreType", "keyStoreAuthentication", "keyStoreLocation",
                    "keyStoreSecret", "keyStorePrincipalId", "clientCertificate", "clientKey", "clientKeyPassword",
                    "serverCertificate", "columnEncryptionSetting", "enclaveAttestationUrl",
                    "enclaveAttestationProtocol")
            .refuse("makes the driver use the Dialtone server's own identity (Kerberos, Windows, managed identity)",
                    "integratedSecurity", "authenticationScheme", "authentication", "serverSpn", "realm",
                    "msiClientId", "aadSecurePrincipalId", "aadSecurePrincipalSecret", "accessToken",
                    "useDefaultJaasConfig", "useDefaultGSSCredential")
            .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "user", "userName", "password")
            .refuse("overrides the host, port or instance given in the URL", "serverName", "server", "portNumber",
                    "port", "instanceName", "failoverPartner", "multiSubnetFailover",
                    "transparentNetworkIPResolution", "ipAddressPreference", "realmName");

    @Override
    public String displayName() {
        return "SQL Server";
    }

    @Override
    public List<String> engineNames() {
        return List.of("sqlserver", "mssql");
    }

    @Override
    public String urlScheme() {
        return "sqlserver";
    }

    @Override
    public int defaultPort() {
        return 1433;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return PARAMETERS;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of("com.microsoft.sqlserver.jdbc.SQLServerDriver");
    }

    @Override
    public Driver driver() {
        return new com.microsoft.sqlserver.jdbc.SQLServerDriver();
    }

    /**
     * {@code jdbc:sqlserver://host[:port][;key=value]...}. Named instances ({@code host\instance}) are
     * refused: finding their port takes a UDP query to the SQL Browser that Dialtone cannot route
     * through its dialer; give the instance's port instead. Braced values ({@code {a;b}}) are refused.
     */
    @Override
    public JdbcUrl parse(String url) {
        String where = JdbcUrl.WHERE;
        String prefix = "jdbc:sqlserver://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new InvalidTestInput(where + " for SQL Server must look like "
                    + "jdbc:sqlserver://<host>:<port>;databaseName=<database>.");
        }
        String rest = url.substring(prefix.length());
        if (rest.contains("{") || rest.contains("}")) {
            throw new InvalidTestInput(where + " must not use braced values ({...}).");
        }
        int semicolon = rest.indexOf(';');
        String authority = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String properties = semicolon < 0 ? "" : rest.substring(semicolon + 1);
        if (authority.contains("\\")) {
            throw new InvalidTestInput(where + " names an instance (host\\instance); Dialtone connects to a port, not "
                    + "through the SQL Browser: give host:port of the instance instead.");
        }
        if (authority.contains("/") || authority.contains("?")) {
            throw new InvalidTestInput(where + " for SQL Server takes the database as ;databaseName=<database>, "
                    + "not as a path or query.");
        }
        JdbcUrl.HostAndPort address = JdbcUrl.hostAndPort(authority);
        Map<String, String> parameters = new LinkedHashMap<>(JdbcUrl.parsePairs(properties, ";", false));
        Optional<String> database = Optional.empty();
        for (String key : List.copyOf(parameters.keySet())) {
            String folded = key.toLowerCase(Locale.ROOT);
            if (folded.equals("databasename") || folded.equals("database")) {
                if (database.isPresent()) {
                    throw new InvalidTestInput(where + " names the database twice (databaseName and database).");
                }
                String name = parameters.remove(key).trim();
                JdbcUrl.checkDatabase(name, "the database in " + where);
                database = Optional.of(name);
            }
        }
        return new JdbcUrl("sqlserver", address.host(), address.port(), database, false, parameters);
    }

    @Override
    public String url(JdbcTarget target) {
        return "jdbc:sqlserver://" + target.host() + ":" + target.port()
                + target.database().map(name -> ";databaseName=" + name).orElse("");
    }

    @Override
    public Optional<String> expectedCertificateName(Map<String, String> parameters) {
        return Optional.ofNullable(parameters.get("hostNameInCertificate")).map(String::trim)
                .filter(name -> !name.isEmpty());
    }

    /** mssql-jdbc 10 and later encrypt by default and verify unless told to trust the server. */
    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        String encrypt = parameters.getOrDefault("encrypt", "true").trim().toLowerCase(Locale.ROOT);
        boolean trust = "true".equalsIgnoreCase(parameters.get("trustServerCertificate"));
        if (encrypt.equals("false") || encrypt.equals("optional") || encrypt.equals("no")) {
            return TlsIntent.optional("encrypt=" + encrypt);
        }
        if (trust) {
            return TlsIntent.encryptOnly("trustServerCertificate=true");
        }
        return TlsIntent.verifyFull("encrypt=" + encrypt + (parameters.containsKey("encrypt") ? "" : " (the default)"));
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        properties.remove("trustServerCertificate");
        properties.remove("hostNameInCertificate");
        int seconds = Math.max(1, (request.timeoutMillis() + 999) / 1000);
        properties.putIfAbsent("loginTimeout", String.valueOf(seconds));
        properties.putIfAbsent("socketTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        properties.setProperty("socketFactoryClass", DialerSocketFactory.class.getName());
        // Verification is Dialtone's trust manager's, host name included (as JdbcTls says).
        properties.setProperty("trustManagerClass", DialtoneTrustManager.class.getName());
        JdbcTls tls = request.tls();
        String encrypt = request.parameters().getOrDefault("encrypt", "true");
        properties.setProperty("encrypt", tls.required() && encrypt.equalsIgnoreCase("false") ? "true" : encrypt);
        // One attempt, one address: the dialer picks it, and a retry would hide the first answer.
        properties.setProperty("connectRetryCount", "0");
        properties.setProperty("multiSubnetFailover", "false");
        properties.setProperty("transparentNetworkIPResolution", "false");
        properties.setProperty("applicationName", request.parameters().getOrDefault("applicationName",
                "Dialtone connection test"));
        return properties;
    }

    /**
     * mssql-jdbc looks the host up itself before it uses the socket factory, and reports a failed lookup only in
     * words ({@code The TCP/IP connection to the host H, port P has failed. Error: "H: Name or service not known.
     * Verify ...}), without the UnknownHostException as a cause.
     */
    private static final java.util.regex.Pattern UNRESOLVED = java.util.regex.Pattern.compile(
            "The TCP/IP connection to the host ([^,\\s]+), port \\d+ has failed\\. Error: \"\\1(: [^\".]*)?\\. ");

    /** Server error numbers (sys.messages), the same in every language the server speaks. */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        java.util.regex.Matcher unresolved = UNRESOLVED.matcher(String.valueOf(error.getMessage()));
        if (error.getErrorCode() == 0 && unresolved.find()) {
            return Optional.of(new StageFailure(Stage.RESOLVE, "the host name '" + unresolved.group(1)
                    + "' could not be resolved", "Check HOST (or the host in the connection URL) for typos, and that "
                    + "this server's DNS knows it."));
        }
        String reason = JdbcFailures.plainMessage(error) + " (error " + error.getErrorCode() + ")";
        return switch (error.getErrorCode()) {
            case 18456 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: "
                    + reason, "Check USERNAME and PASSWORD (and that SQL Server authentication is enabled)."));
            case 18452 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server accepts only Windows logins: "
                    + reason, "Enable SQL Server and Windows authentication mode on the server, or use another login."));
            case 18486 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the login is locked out: " + reason,
                    "Unlock the login on the server (ALTER LOGIN ... WITH PASSWORD ... UNLOCK)."));
            case 18487, 18488 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the password has expired or must be "
                    + "changed: " + reason, "Change the password of the login, then update PASSWORD."));
            case 18470 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the login is disabled: " + reason,
                    "Enable the login on the server (ALTER LOGIN ... ENABLE)."));
            case 4060, 4063 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the database cannot be opened by this "
                    + "login (it does not exist or the login has no user in it): " + reason,
                    "Check DATABASE (databaseName), and that the login is mapped to a user in that database."));
            case 916 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the user may not use the database: " + reason,
                    "Map the login to a user in the database, or check DATABASE."));
            case 17809, 17810 -> Optional.of(new StageFailure(Stage.HANDSHAKE, "the server refused the session: "
                    + reason, "The SQL Server has reached its user connection limit; try again or raise it."));
            case 18401, 18451 -> Optional.of(new StageFailure(Stage.HANDSHAKE, "the server accepts no logins now: "
                    + reason, "The SQL Server is upgrading, in single-user mode or shutting down; try again later."));
            default -> Optional.empty();
        };
    }

    /** The database the login landed in, and whether its user may access it (HAS_DBACCESS). */
    @Override
    public void authorize(Connection connection, ConnectRequest request, ProbeSession session)
            throws SQLException, StageFailure {
        try (PreparedStatement check = connection.prepareStatement("SELECT DB_NAME(), HAS_DBACCESS(DB_NAME())")) {
            try (ResultSet row = check.executeQuery()) {
                row.next();
                if (row.getInt(2) != 1) {
                    throw new StageFailure(Stage.AUTHORIZE, "the login has no access to database '" + row.getString(1)
                            + "'", "Map the login to a user in the database, or check DATABASE.");
                }
                if (request.target().database().isEmpty()) {
                    session.detail("database", row.getString(1) + " (the login's default)");
                }
            }
        }
    }

}
