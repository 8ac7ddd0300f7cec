package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** One database engine: its driver, URL syntax, allowed driver parameters and error codes. */
public interface JdbcEngine {

    /** The product name for messages, e.g. "PostgreSQL". */
    String displayName();

    /** The {@code JDBC_ENGINE} values that select this engine; the first is the canonical one. */
    List<String> engineNames();

    /** The scheme in {@code jdbc:<scheme>://}. */
    String urlScheme();

    int defaultPort();

    DriverParameterPolicy parameterPolicy();

    /** A driver instance, created directly: never looked up by URL, so no other driver can answer. */
    Driver driver();

    default String url(String host, int port, Optional<String> database) {
        return "jdbc:" + urlScheme() + "://" + host + ":" + port + "/" + database.orElse("");
    }

    /**
     * The properties to connect with: the user's allowed parameters, the credentials, and the
     * settings Dialtone forces (its socket factory, timeouts, dangerous features off), which win.
     */
    Properties connectProperties(Map<String, String> allowedParameters, String user, String password,
            int timeoutMillis);

    /** Whether these (allowed) parameters make TLS mandatory, so a server without TLS must fail at TLS. */
    boolean requiresTls(Map<String, String> allowedParameters);

    /** A classification from the engine's own error codes, when it has one for this error. */
    Optional<StageFailure> classify(SQLException error);

    /** The cheapest statement that proves the session can use the database. */
    default String authorizationQuery() {
        return "SELECT 1";
    }
}
