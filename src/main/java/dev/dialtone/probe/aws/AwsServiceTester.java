package dev.dialtone.probe.aws;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Tests one AWS-service connection type ({@link AwsServices}) with the AWS SDK for Java v2: the connection's
 * credentials sign the service's cheapest authenticated calls, sent through the dialer.
 */
public final class AwsServiceTester implements ConnectionTester {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    static final List<PropertySpec> COMMON = List.of(
            PropertySpec.optional("SECRET_ID", "Secret holding the AWS access key pair to test with: "
                    + AwsIdentity.ACCESS_KEY_KEYS + "; instead of AuthenticationConfiguration.SecretArn"),
            PropertySpec.optional("ROLE_ARN", "IAM role to assume (STS AssumeRole) with those keys before the test"),
            PropertySpec.optional("REGION", "AWS region of the service, e.g. eu-west-1; default: the server's "
                    + "AWS_REGION, else us-east-1"));

    private final AwsService service;
    private final SecretStore secrets;
    private final AwsSettings settings;
    private final Supplier<Optional<AwsCredentialsProvider>> serverIdentity;
    private final TlsClient.Settings tls;

    /**
     * @param serverIdentity the server's own AWS identity, or empty; the caller passes it only when the
     *                       operator allowed tests to use it
     */
    AwsServiceTester(AwsService service, SecretStore secrets, AwsSettings settings,
            Supplier<Optional<AwsCredentialsProvider>> serverIdentity, TlsClient.Settings tls) {
        this.service = service;
        this.secrets = secrets;
        this.settings = settings;
        this.serverIdentity = serverIdentity;
        this.tls = tls;
    }

    @Override
    public String connectionType() {
        return service.connectionType();
    }

    @Override
    public String displayName() {
        return service.displayName();
    }

    @Override
    public String description() {
        return service.description();
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("IAM");
    }

    @Override
    public List<PropertySpec> properties() {
        List<PropertySpec> all = new ArrayList<>(COMMON);
        all.addAll(service.properties());
        return all;
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Optional<String> region = subject.property("REGION").map(String::trim);
        region.ifPresent(name -> {
            if (!REGION.matcher(name).matches()) {
                throw new InvalidTestInput("REGION '" + name + "' is not an AWS region name such as eu-west-1.");
            }
        });
        Set<String> found = ConcurrentHashMap.newKeySet();
        AwsIdentity identity = AwsIdentity.read(subject, secrets, serverIdentity.get(), found);
        Region chosen = settings.region(region);
        return new AwsServicePlan(service, subject, identity, chosen, settings.endpoint(service.endpointSuffix()),
                settings.endpoint("STS"), tls, found);
    }
}
