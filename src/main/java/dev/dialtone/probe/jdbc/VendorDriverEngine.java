package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import java.sql.Driver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * An engine whose driver carries its vendor's licence, so it is not shipped: it works once the operator puts the
 * jar in the driver directory, and (these drivers having no socket hook Dialtone can hand them) reaches the server
 * through the dialer's loopback relay. TLS is refused until Dialtone can hand such a driver its trust decision.
 */
abstract class VendorDriverEngine implements JdbcEngine {
    private final String displayName;
    private final String scheme;
    private final int defaultPort;
    private final String driverClass;
    private final String licence;
    private final DriverParameterPolicy parameters;

    VendorDriverEngine(String displayName, String scheme, int defaultPort, String driverClass, String licence,
            DriverParameterPolicy parameters) {
        this.displayName = displayName;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.driverClass = driverClass;
        this.licence = licence;
        this.parameters = parameters;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public List<String> engineNames() {
        return List.of(scheme);
    }

    @Override
    public String urlScheme() {
        return scheme;
    }

    @Override
    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return parameters;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of(driverClass);
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return displayName + "'s JDBC driver carries " + licence + " and is not shipped with Dialtone; the operator "
                + "can put its jar in the driver directory (DIALTONE_DRIVER_DIR).";
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
    public TlsIntent tlsIntent(Map<String, String> allowedParameters) {
        return TlsIntent.optional("plain TCP");
    }

    @Override
    public Optional<String> tlsUnsupported() {
        return Optional.of("TLS to " + displayName + " is not supported by Dialtone yet: its driver reaches the server "
                + "through Dialtone's relay, and would take its trust store from a file.");
    }

    /** The user's allowed parameters and the credentials; each engine adds its timeouts. */
    Properties baseProperties(ConnectRequest request) {
        Properties properties = new Properties();
        properties.putAll(request.parameters());
        properties.setProperty("user", request.user());
        properties.setProperty("password", request.password());
        return properties;
    }

    static int seconds(ConnectRequest request) {
        return Math.max(1, (request.timeoutMillis() + 999) / 1000);
    }
}
