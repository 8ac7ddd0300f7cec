package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.oauth2.AccessTokenSource;
import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests {@code SALESFORCE} connections: exchanges the OAuth2 grant of the AuthenticationConfiguration
 * for an access token at TokenUrl (client credentials, JWT bearer, authorization code or refresh
 * token; or takes the access token given), then has the instance's REST API accept it.
 */
public final class SalesforceTester implements ConnectionTester {
    private final SecretStore secrets;
    private final TlsClient.Settings tls;

    public SalesforceTester(SecretStore secrets) {
        this(secrets, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST);
    }

    /** @param tls how to verify the token endpoint and instance (the JVM's trust store unless an operator says) */
    public SalesforceTester(SecretStore secrets, TlsClient.Settings tls) {
        this.secrets = secrets;
        this.tls = tls;
    }

    @Override
    public String connectionType() {
        return "SALESFORCE";
    }

    @Override
    public String displayName() {
        return "Salesforce";
    }

    @Override
    public String description() {
        return "Exchanges the OAuth2 grant (client credentials, JWT bearer, authorization code or refresh token) for "
                + "an access token at TokenUrl, then lists the REST API versions and reads the org's limits with it.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("OAUTH2");
    }

    /** Glue refuses SALESFORCE connections without one, at CreateConnection already. */
    @Override
    public Optional<AuthenticationRequirement> authenticationRequirement() {
        return Optional.of(AuthenticationRequirement.always("authenticate through OAuth2."));
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.optional("INSTANCE_URL", "The Salesforce instance, e.g. "
                        + "https://yourdomain.my.salesforce.com; default: the instance_url of the token response"),
                PropertySpec.optional("SECRET_ID", "Secret holding USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET, "
                        + "JWT_TOKEN, ACCESS_TOKEN or REFRESH_TOKEN, instead of "
                        + "AuthenticationConfiguration.SecretArn"));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Set<String> found = ConcurrentHashMap.newKeySet();
        AccessTokenSource source = new TokenSourceReader(subject, secrets, found).read();
        Optional<EndpointUrl> instance = subject.property("INSTANCE_URL").map(SalesforceTester::instanceUrl);
        if (source instanceof AccessTokenSource.Given && instance.isEmpty()) {
            throw new InvalidTestInput("An AccessToken used as it is needs INSTANCE_URL: without a token exchange "
                    + "there is no instance_url to learn it from.");
        }
        return new SalesforcePlan(source, instance, tls, found);
    }

    private static EndpointUrl instanceUrl(String text) {
        EndpointUrl url = EndpointUrl.parse(text, "INSTANCE_URL");
        String path = url.uri().getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || url.uri().getRawQuery() != null) {
            throw new InvalidTestInput("INSTANCE_URL must be the instance's address alone, like "
                    + "https://yourdomain.my.salesforce.com (without a path or query).");
        }
        return url;
    }
}
