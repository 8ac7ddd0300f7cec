package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.StageFailure;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Amazon Redshift through the Amazon Redshift JDBC driver (a pgjdbc fork: same socket factory and
 * {@code sslfactory} hooks, same SQLStates). Only database logins: IAM, identity-provider and
 * credentials-provider logins would use the Dialtone server's own AWS identity, or load plugin classes.
 */
public final class RedshiftEngine implements JdbcEngine {
    private static final DriverParameterPolicy PARAMETERS = DriverParameterPolicy.forDriver("Redshift JDBC")
            .allow("ssl", "sslmode", "ApplicationName", "connectTimeout", "socketTimeout", "tcpKeepAlive",
                    "currentSchema", "readOnly", "loginTimeout", "databaseMetadataCurrentDbOnly")
            .refuse("makes the driver load a class named by the user", "socketFactory", "socketFactoryArg",
                    "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "plugin_name",
                    "credentials_provider", "CustomCredentialsProvider")
            .refuse("makes the driver use the Dialtone server's own AWS identity (IAM, profiles, identity providers)",
                    "iam", "AccessKeyID", "SecretAccessKey", "SessionToken", "Profile", "AuthProfile", "ClusterID",
                    "Region", "DbUser", "DbGroups", "AutoCreate", "groupFederation", "isServerless",
                    "serverlessAcctId", "serverlessWorkGroup", "IdpHost", "IdpPort", "idp_tenant", "client_id",
                    "client_secret", "preferred_role", "web_identity_token", "role_arn", "provider_name",
                    "IniFile", "IniSection", "endpointUrl", "stsEndpointUrl", "sts_endpoint_url")
            .refuse("makes the driver read or write files on the Dialtone server", "sslcert", "sslkey", "sslrootcert",
                    "sslpassword", "LogPath", "LogLevel", "DSILogLevel", "loggerFile", "loggerLevel")
            .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "user", "UID", "password",
                    "PWD");

    @Override
    public String displayName() {
        return "Amazon Redshift";
    }

    @Override
    public List<String> engineNames() {
        return List.of("redshift");
    }

    @Override
    public String urlScheme() {
        return "redshift";
    }

    @Override
    public int defaultPort() {
        return 5439;
    }

    @Override
    public DriverParameterPolicy parameterPolicy() {
        return PARAMETERS;
    }

    @Override
    public List<String> driverClassNames() {
        return List.of("com.amazon.redshift.jdbc.Driver", "com.amazon.redshift.jdbc42.Driver");
    }

    @Override
    public Driver driver() {
        return new com.amazon.redshift.jdbc.Driver();
    }

    @Override
    public JdbcUrl parse(String url) {
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:redshift:iam:")) {
            throw new InvalidTestInput(JdbcUrl.WHERE + " uses jdbc:redshift:iam:, which logs in with the Dialtone "
                    + "server's own AWS identity; Dialtone tests database logins only (jdbc:redshift://...).");
        }
        return JdbcUrl.parse(url, urlScheme());
    }

    /** The Redshift driver verifies the chain by default (sslmode=verify-ca). */
    @Override
    public TlsIntent tlsIntent(Map<String, String> parameters) {
        return Pgjdbc.tlsIntent(parameters, "verify-ca");
    }

    @Override
    public Properties connectProperties(ConnectRequest request) {
        Properties properties = Pgjdbc.properties(request, DialerSocketFactory.class, DialtoneSslSocketFactory.class);
        // The Redshift driver knows only ssl=false, or TLS with sslmode verify-ca / verify-full. verify-ca keeps
        // it from checking the host name itself: Dialtone's trust manager checks the name the test expects.
        if (request.tls().disabled()) {
            properties.setProperty("ssl", "false");
            properties.remove("sslmode");
        } else {
            properties.setProperty("ssl", "true");
            properties.setProperty("sslmode", "verify-ca");
        }
        properties.putIfAbsent("ApplicationName", "Dialtone connection test");
        // loginTimeout would move the connect to a thread of the driver's own, out of the test's reach.
        properties.setProperty("loginTimeout", "0");
        return properties;
    }

    @Override
    public Optional<StageFailure> classify(SQLException error) {
        // Redshift speaks PostgreSQL's protocol and SQLStates: the common classification applies.
        return Optional.empty();
    }
}
