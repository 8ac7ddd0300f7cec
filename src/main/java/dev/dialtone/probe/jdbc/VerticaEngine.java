package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Vertica through Vertica's JDBC driver ({@code com.vertica.jdbc:vertica-jdbc} is on Maven Central, but under the
 * Vertica Client License Agreement, not an open-source licence, so it is not shipped). URL:
 * {@code jdbc:vertica://host:port/database[?key=value&...]}.
 */
public final class VerticaEngine extends VendorDriverEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("Vertica JDBC")
            .allow("Label", "SearchPath", "LoginTimeout", "ReadOnly", "AutoCommit", "ResultBufferSize", "Workload",
                    "Locale", "DirectBatchInsert", "TransactionIsolation", "PreferredAddressFamily")
            .refuse("sends the session to other servers than the one named", "ConnectionLoadBalance",
                    "BackupServerNode", "EnableRouting")
            .refuse("runs statements or reads files chosen by the user on connect", "ConnSettings", "LogPath",
                    "LogLevel", "LogNameSpace", "KeyStorePath", "KeyStorePassword", "TrustStorePath",
                    "TrustStorePassword")
            .refuse("makes the driver use the Dialtone server's own identity (Kerberos, OAuth)", "KerberosServiceName",
                    "KerberosHostname", "JAASConfigName", "oauthaccesstoken", "oauthrefreshtoken", "oauthclientsecret")
            .refuse("asks for TLS, which Dialtone cannot verify through its relay yet", "SSL", "TLSmode")
            .refuse("carries credentials in the URL; use the connection's secret", "user", "password");

    public VerticaEngine() {
        super("Vertica", "vertica", 5433, "com.vertica.jdbc.Driver", "the Vertica Client License Agreement",
                PARAMETERS);
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = baseProperties(request);
        properties.setProperty("LoginTimeout", String.valueOf(seconds(request)));
        properties.setProperty("ConnectionLoadBalance", "false");
        properties.setProperty("Label", request.parameters().getOrDefault("Label", "dialtone-connection-test"));
        return properties;
    }

    /**
     * Vertica's own error codes (its messages read {@code FATAL 3781: Invalid username or password}); the
     * SQLState classes (28 login, 3D database) cover the rest.
     */
    @Override
    public Optional<StageFailure> classify(SQLException error) {
        String reason = JdbcFailures.plainMessage(error) + " (Vertica error " + error.getErrorCode() + ")";
        return switch (error.getErrorCode()) {
            case 3781 -> Optional.of(new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: "
                    + reason, "Check the username and password in the connection's secret."));
            default -> Optional.empty();
        };
    }
}
