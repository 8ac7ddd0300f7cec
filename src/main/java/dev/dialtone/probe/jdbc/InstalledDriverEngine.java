package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.StageFailure;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** An engine served by a driver the operator installed: everything as the engine says, but that driver. */
final class InstalledDriverEngine implements JdbcEngine {
    private final JdbcEngine engine;
    private final DriverDirectory.Installed installed;

    InstalledDriverEngine(JdbcEngine engine, DriverDirectory.Installed installed) {
        this.engine = engine;
        this.installed = installed;
    }

    @Override
    public Driver driver() {
        return installed.driver();
    }

    @Override
    public Optional<String> driverOrigin() {
        return Optional.of(installed.origin());
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String displayName() {
        return engine.displayName();
    }

    @Override
    public List<String> engineNames() {
        return engine.engineNames();
    }

    @Override
    public String urlScheme() {
        return engine.urlScheme();
    }

    @Override
    public int defaultPort() {
        return engine.defaultPort();
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return engine.parameterPolicy();
    }

    @Override
    public List<String> driverClassNames() {
        return engine.driverClassNames();
    }

    @Override
    public boolean needsRelay() {
        return engine.needsRelay();
    }

    @Override
    public Optional<String> tlsUnsupported() {
        return engine.tlsUnsupported();
    }

    @Override
    public JdbcUrl parse(String url) {
        return engine.parse(url);
    }

    @Override
    public String url(JdbcTarget target) {
        return engine.url(target);
    }

    @Override
    public Optional<String> expectedCertificateName(Map<String, String> allowedParameters) {
        return engine.expectedCertificateName(allowedParameters);
    }

    @Override
    public TlsIntent tlsIntent(Map<String, String> allowedParameters) {
        return engine.tlsIntent(allowedParameters);
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        return engine.connectProperties(request);
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        return engine.classify(error);
    }

    @Override
    public void authorize(Connection connection, ConnectRequest request, ProbeSession session)
            throws SQLException, StageFailure {
        engine.authorize(connection, request, session);
    }
}
