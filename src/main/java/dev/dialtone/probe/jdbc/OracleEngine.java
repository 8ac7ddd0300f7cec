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
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Oracle Database through the Oracle thin driver, which is not shipped (Oracle's licence): it works
 * once the operator installs ojdbc in the driver directory. The thin driver has no socket hook, so it
 * reaches the server through the dialer's relay. Only the service-name and SID forms are accepted:
 * connect descriptors, TNS aliases, LDAP and {@code config-file://}/{@code config-https://} providers
 * would make the driver read files or fetch URLs chosen by the user.
 */
public final class OracleEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("Oracle JDBC thin");
    /** {@code @//host:port/service}, {@code @host:port/service}, {@code @host:port:SID}, and AWS's {@code //@...}. */
    private static final Pattern FORM = Pattern.compile(
            "jdbc:oracle:thin:(?://)?@(//)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?([/:])([A-Za-z0-9_$.#-]+)",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String displayName() {
        return "Oracle";
    }

    @Override
    public List<String> engineNames() {
        return List.of("oracle");
    }

    @Override
    public String urlScheme() {
        return "oracle";
    }

    @Override
    public int defaultPort() {
        return 1521;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return PARAMETERS;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of("oracle.jdbc.OracleDriver", "oracle.jdbc.driver.OracleDriver");
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return "Oracle's JDBC driver (ojdbc) carries Oracle's licence and is not shipped with Dialtone; the operator "
                + "can put the ojdbc jar in the driver directory (DIALTONE_DRIVER_DIR).";
    }

    @Override
    public Driver driver() {
        throw new IllegalStateException(unavailableReason());
    }

    @Override
    public boolean needsRelay() {
        return true;
    }

    @Override
    public JdbcUrl parse(String url) {
        String where = JdbcUrl.WHERE;
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:oracle:thin:")) {
            throw new InvalidTestInput(where + " form '" + url.substring(0, Math.min(url.length(), 20)) + "...' is "
                    + "not supported for Oracle; use jdbc:oracle:thin:@//<host>:<port>/<service> or "
                    + "jdbc:oracle:thin:@<host>:<port>:<SID> (the OCI driver is never used).");
        }
        String target = lower.substring(lower.indexOf('@') + 1);
        if (target.startsWith("config-") || target.startsWith("ldap") || target.startsWith("(")
                || target.startsWith("tcp") || lower.contains("?") || lower.contains("wallet")) {
            throw new InvalidTestInput(where + " form 'jdbc:oracle:thin:@" + target.split("[:/(?]")[0] + "...' is "
                    + "not supported: connect descriptors, LDAP, TLS (tcps) and config-file/config-https providers make "
                    + "the driver read files or fetch URLs; use jdbc:oracle:thin:@//<host>:<port>/<service> or "
                    + "jdbc:oracle:thin:@<host>:<port>:<SID>.");
        }
        Matcher form = FORM.matcher(url);
        if (!form.matches()) {
            throw new InvalidTestInput(where + " is not an Oracle URL Dialtone accepts; use "
                    + "jdbc:oracle:thin:@//<host>:<port>/<service> or jdbc:oracle:thin:@<host>:<port>:<SID>.");
        }
        boolean sid = form.group(4).equals(":");
        if (sid && form.group(1) != null) {
            throw new InvalidTestInput(where + " mixes the service form (@//) with a SID (:SID); use "
                    + "@//<host>:<port>/<service> or @<host>:<port>:<SID>.");
        }
        if (sid && form.group(3) == null) {
            throw new InvalidTestInput(where + " gives a SID without a port; use jdbc:oracle:thin:@<host>:<port>:<SID>.");
        }
        String host = form.group(2);
        JdbcUrl.checkHost(host, "the host in " + where);
        OptionalInt port = form.group(3) == null ? OptionalInt.empty()
                : OptionalInt.of(JdbcUrl.parsePort(form.group(3), "the port in " + where));
        String database = form.group(5);
        JdbcUrl.checkDatabase(database, (sid ? "the SID" : "the service name") + " in " + where);
        return new JdbcUrl("oracle", host, port, Optional.of(database), sid, Map.of());
    }

    @Override
    public String url(JdbcTarget target) {
        String database = target.database().orElseThrow(() -> new InvalidTestInput(
                "Oracle connections need a service name (DATABASE, or the URL's /<service>) or a SID."));
        return target.sid() ? "jdbc:oracle:thin:@" + target.host() + ":" + target.port() + ":" + database
                : "jdbc:oracle:thin:@//" + target.host() + ":" + target.port() + "/" + database;
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        return TlsIntent.optional("plain TCP (the only Oracle form Dialtone accepts)");
    }

    @Override
    public Optional<String> tlsUnsupported() {
        return Optional.of("TLS to Oracle (tcps, SSL_SERVER_CERT_DN) is not supported by Dialtone yet: the thin "
                + "driver reaches the server through Dialtone's relay, and would check the certificate against the "
                + "relay's address.");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        properties.setProperty("oracle.net.CONNECT_TIMEOUT", String.valueOf(request.timeoutMillis()));
        properties.setProperty("oracle.jdbc.ReadTimeout", String.valueOf(request.timeoutMillis()));
        properties.setProperty("v$session.program", "Dialtone connection test");
        return properties;
    }

    private static final Pattern ORA = Pattern.compile("ORA-(\\d{5})");

    /** ORA- numbers: the driver's error code, or the first ORA- in the message for listener errors. */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        int code = error.getErrorCode();
        Matcher ora = ORA.matcher(String.valueOf(error.getMessage()));
        if (ora.find() && (code == 0 || code == 17002 || code == 17820)) {
            code = Integer.parseInt(ora.group(1));
        }
        String reason = JdbcFailures.plainMessage(error);
        return switch (code) {
            case 1017, 1005, 28040 -> Optional.of(new StageFailure(Stage.AUTHENTICATE,
                    "the server rejected the credentials: " + reason, "Check USERNAME and PASSWORD."));
            case 28000 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the account is locked: " + reason,
                    "Unlock the account (ALTER USER ... ACCOUNT UNLOCK)."));
            case 28001 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the password has expired: " + reason,
                    "Change the password of the account, then update PASSWORD."));
            case 1045 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the user may not open a session: " + reason,
                    "GRANT CREATE SESSION to the user."));
            case 1035 -> Optional.of(new StageFailure(Stage.AUTHORIZE, "the database allows restricted sessions "
                    + "only: " + reason, "GRANT RESTRICTED SESSION to the user, or wait for the database to open."));
            case 12514, 12505 -> Optional.of(new StageFailure(Stage.HANDSHAKE, "the listener does not know the "
                    + (code == 12505 ? "SID" : "service name") + ": " + reason,
                    "Check DATABASE (the service name or SID in JDBC_CONNECTION_URL) against the listener's services."));
            case 12541 -> Optional.of(new StageFailure(Stage.CONNECT, "no Oracle listener at that address: "
                    + reason, "Check HOST and PORT (the listener's port, usually 1521)."));
            case 12516, 12519, 12520, 12528, 12526 -> Optional.of(new StageFailure(Stage.HANDSHAKE,
                    "the listener has no handler for the session: " + reason,
                    "The Oracle instance is blocked, restricted or out of processes; try again later."));
            default -> Optional.empty();
        };
    }

    @Override
    public String authorizationQuery() {
        return "SELECT 1 FROM DUAL";
    }
}
