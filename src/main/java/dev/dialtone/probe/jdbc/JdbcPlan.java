package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One JDBC test: connect with the engine's driver through the dialer, then run the check query. */
final class JdbcPlan implements TestPlan {
    private final JdbcEngine engine;
    private final String host;
    private final int port;
    private final Optional<String> database;
    private final Map<String, String> parameters;
    private final String user;
    private final String password;

    JdbcPlan(JdbcEngine engine, String host, int port, Optional<String> database, Map<String, String> parameters,
            String user, String password) {
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.database = database;
        this.parameters = Map.copyOf(parameters);
        this.user = user;
        this.password = password;
    }

    @Override
    public String destination() {
        return engine.urlScheme() + "://" + host + ":" + port + database.map(name -> "/" + name).orElse("");
    }

    @Override
    public String bulkheadKey() {
        return host + ":" + port;
    }

    @Override
    public Set<String> secrets() {
        return Set.of(password);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        String url = engine.url(host, port, database);
        // The drivers' own timeouts are set past the deadline: the probe's deadline must be what fires,
        // so that a stall is always reported as a timeout, never as a driver error racing it.
        int driverTimeout = session.socketTimeoutMillis();
        try (Connection connection = engine.driver().connect(url,
                engine.connectProperties(parameters, user, password, driverTimeout))) {
            if (connection == null) {
                throw new IllegalStateException("the " + engine.displayName() + " driver did not accept " + url);
            }
            session.enter(Stage.AUTHORIZE);
            try (Statement check = connection.createStatement()) {
                check.setQueryTimeout(session.remainingSeconds());
                check.execute(engine.authorizationQuery());
            }
            DatabaseMetaData metadata = connection.getMetaData();
            session.detail("server", metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion());
            session.detail("driver", metadata.getDriverName() + " " + metadata.getDriverVersion());
            session.detail("user", user);
            database.ifPresent(name -> session.detail("database", name));
        } catch (SQLException e) {
            throw JdbcFailures.classify(e, engine, engine.requiresTls(parameters), session);
        }
    }
}
