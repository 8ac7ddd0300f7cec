package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.net.DialerRelay;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/** One JDBC test: connect with the engine's driver through the dialer, then prove the user may use the database. */
final class JdbcPlan implements TestPlan {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private final JdbcEngine engine;
    private final JdbcTarget target;
    private final Map<String, String> parameters;
    private final String user;
    private final String password;
    private final JdbcTls tls;

    JdbcPlan(JdbcEngine engine, JdbcTarget target, Map<String, String> parameters, String user, String password,
            JdbcTls tls) {
        this.engine = engine;
        this.target = target;
        this.parameters = Map.copyOf(parameters);
        this.user = user;
        this.password = password;
        this.tls = tls;
    }

    @Override
    public String destination() {
        return engine.urlScheme() + "://" + target.host() + ":" + target.port()
                + target.database().map(name -> "/" + name).orElse("");
    }

    @Override
    public String bulkheadKey() {
        return target.host() + ":" + target.port();
    }

    @Override
    public Set<String> secrets() {
        return Set.of(password);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        if (!engine.needsRelay()) {
            connect(session, target);
            return;
        }
        // The driver cannot be handed a socket factory: it reaches the server through a relay that dials
        // through the dialer, so every socket of the test still goes through it.
        try (DialerRelay relay = DialerRelay.open(session, target.host(), target.port())) {
            connect(session, new JdbcTarget(relay.localHost(), relay.localPort(), target.database(), target.sid()));
        } catch (IOException e) {
            throw new IllegalStateException("the loopback relay for the " + engine.displayName() + " driver cannot open", e);
        }
    }

    private void connect(ProbeSession session, JdbcTarget dialled) throws StageFailure {
        String url = engine.url(dialled);
        // The drivers' own timeouts are set past the deadline: the probe's deadline must be what fires,
        // so that a stall is always reported as a timeout, never as a driver error racing it.
        int driverTimeout = session.socketTimeoutMillis();
        TlsObservation observation = new TlsObservation();
        session.attach(JdbcTls.class, tls);
        session.attach(TlsObservation.class, observation);
        ConnectRequest request = new ConnectRequest(target, parameters, user, password, driverTimeout, tls);
        try (Connection connection = engine.driver().connect(url, engine.connectProperties(request))) {
            if (connection == null) {
                throw new IllegalStateException("the " + engine.displayName() + " driver did not accept " + url);
            }
            session.enter(Stage.AUTHORIZE);
            engine.authorize(connection, request, session);
            DatabaseMetaData metadata = connection.getMetaData();
            session.detail("server", metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion());
            session.detail("driver", metadata.getDriverName() + " " + metadata.getDriverVersion()
                    + engine.driverOrigin().map(origin -> " (" + origin + ")").orElse(""));
            session.detail("user", user);
            target.database().ifPresent(name -> session.detail("database", name));
            describeTls(session, observation);
        } catch (SQLException e) {
            throw JdbcFailures.classify(e, engine, tls, observation, session);
        }
    }

    private void describeTls(ProbeSession session, TlsObservation observation) {
        if (observation.certificate().isEmpty()) {
            session.detail("tls", "not used");
            return;
        }
        String negotiated = observation.protocol().map(protocol -> protocol + observation.cipher()
                .map(cipher -> " " + cipher).orElse("")).orElse("used");
        String verification = !tls.verify() ? "certificate NOT verified: " + tls.unverifiedReason()
                : tls.verifyHost() ? "certificate verified for '" + tls.expectedName() + "'"
                : "certificate chain verified, host name not checked";
        session.detail("tls", negotiated + " (" + verification + ")");
        X509Certificate cert = observation.certificate().get();
        session.detail("certificate", "subject " + cert.getSubjectX500Principal().getName() + ", issuer "
                + cert.getIssuerX500Principal().getName() + ", expires " + DAY.format(cert.getNotAfter().toInstant()));
    }
}
