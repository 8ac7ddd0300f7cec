package dev.dialtone.probe.aws;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import java.net.URI;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/** One test of an AWS-service connection: assume ROLE_ARN if given (AUTHENTICATE), then the service's calls. */
final class AwsServicePlan implements TestPlan {
    private final AwsService service;
    private final TestSubject subject;
    private final AwsIdentity identity;
    private final Region region;
    private final Optional<URI> endpoint;
    private final Optional<URI> stsEndpoint;
    private final TlsClient.Settings tls;
    private final Set<String> secrets;

    AwsServicePlan(AwsService service, TestSubject subject, AwsIdentity identity, Region region,
            Optional<URI> endpoint, Optional<URI> stsEndpoint, TlsClient.Settings tls, Set<String> secrets) {
        this.service = service;
        this.subject = subject;
        this.identity = identity;
        this.region = region;
        this.endpoint = endpoint;
        this.stsEndpoint = stsEndpoint;
        this.tls = tls;
        this.secrets = secrets;
    }

    @Override
    public String destination() {
        return endpoint.map(uri -> uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort()
                : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443))
                .orElse(service.serviceName() + " in " + region.id());
    }

    @Override
    public Set<String> secrets() {
        return Collections.unmodifiableSet(secrets);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        String setting = "AWS_ENDPOINT_URL_" + service.endpointSuffix();
        try (AwsCall call = new AwsCall(session, tls, region, service.serviceName(), identity.base(), secrets,
                endpoint, setting)) {
            session.detail("region", region.id());
            session.detail("identity", identity.source());
            endpoint.ifPresent(uri -> session.detail("endpoint", uri + " (" + setting + ")"));
            if (identity.roleArn().isPresent()) {
                assumeRole(call, identity.roleArn().get());
            }
            service.check().run(call, subject);
        }
    }

    private void assumeRole(AwsCall call, String roleArn) throws StageFailure {
        StsClient sts = call.client(StsClient.builder(), "STS", stsEndpoint, "AWS_ENDPOINT_URL_STS");
        AssumeRoleResponse assumed = call.call("sts:AssumeRole on " + roleArn, () -> sts.assumeRole(request -> request
                .roleArn(roleArn).roleSessionName("dialtone-test").durationSeconds(900)));
        var credentials = assumed.credentials();
        secrets.add(credentials.secretAccessKey());
        secrets.add(credentials.sessionToken());
        call.signWith(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken())));
        call.session().detail("assumed role", assumed.assumedRoleUser() == null ? roleArn
                : assumed.assumedRoleUser().arn());
    }
}
