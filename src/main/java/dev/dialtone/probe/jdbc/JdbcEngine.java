package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.StageFailure;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One database engine: its driver, URL syntax, allowed driver parameters, TLS switches, error codes
 * and authorization check.
 */
public interface JdbcEngine {

    /** The product name for messages, e.g. "PostgreSQL". */
    String displayName();

    /** The {@code JDBC_ENGINE} values that select this engine; the first is the canonical one. */
    List<String> engineNames();

    /** The word after {@code jdbc:} that selects this engine in a URL ({@code jdbc:<scheme>...}). */
    String urlScheme();

    int defaultPort();

    DriverParameterPolicy parameterPolicy();

    /** Whether the engine's driver is present (vendor drivers come from the operator's driver directory). */
    default boolean available() {
        return true;
    }

    /** Why the engine cannot be tested, when it is not {@link #available()}. */
    default String unavailableReason() {
        return "";
    }

    /** The driver classes that serve this engine, to recognise one the operator installed. */
    List<String> driverClassNames();

    /**
     * Whether the driver has no socket hook, so it must reach the server through a loopback relay
     * that dials through the test's dialer (see {@link dev.dialtone.probe.net.DialerRelay}).
     */
    default boolean needsRelay() {
        return false;
    }

    /** A driver instance, created directly: never looked up by URL, so no other driver can answer. */
    Driver driver();

    /** Where the driver came from, for the report (empty for a driver shipped with Dialtone). */
    default Optional<String> driverOrigin() {
        return Optional.empty();
    }

    /** Parses a URL of this engine, in its own syntax; refuses everything else naming the rule. */
    default JdbcUrl parse(String url) {
        return JdbcUrl.parse(url, urlScheme());
    }

    /** The URL the driver sees, rebuilt from checked parts only (parameters travel as properties). */
    default String url(JdbcTarget target) {
        return "jdbc:" + urlScheme() + "://" + target.host() + ":" + target.port() + "/" + target.database().orElse("");
    }

    /** Why this engine cannot do TLS yet, when it cannot (the test is then refused when TLS is asked). */
    default Optional<String> tlsUnsupported() {
        return Optional.empty();
    }

    /** The name the certificate must carry when the driver's own parameters say so (SQL Server hostNameInCertificate). */
    default Optional<String> expectedCertificateName(Map<String, String> allowedParameters) {
        return Optional.empty();
    }

    /** What the user's (allowed) driver parameters say about TLS. */
    TlsIntent tlsIntent(Map<String, String> allowedParameters);

    /**
     * The properties to connect with: the user's allowed parameters, the credentials, and the settings
     * Dialtone forces (its socket and TLS hooks, timeouts, dangerous features off), which win.
     */
    Properties connectProperties(ConnectRequest request);

    /** A classification from the engine's own error codes, when it has one for this error. */
    Optional<StageFailure> classify(SQLException error);

    /**
     * Proves the logged-in session can use the database (the AUTHORIZE stage); the default runs the
     * cheapest query. Throws a StageFailure when the server answered but the user may not use it.
     */
    default void authorize(Connection connection, ConnectRequest request, ProbeSession session)
            throws SQLException, StageFailure {
        try (Statement check = connection.createStatement()) {
            check.execute(authorizationQuery());
        }
    }

    /** The cheapest statement that proves the session can use the database. */
    default String authorizationQuery() {
        return "SELECT 1";
    }
}
