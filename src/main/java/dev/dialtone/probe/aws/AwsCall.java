package dev.dialtone.probe.aws;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK side of one running test: builds service clients that sign with the test's credentials and send
 * through the dialer ({@link DialedSdkHttpClient}), and runs calls, turning the SDK's failures into stages.
 */
final class AwsCall implements AutoCloseable {
    private final ProbeSession session;
    private final TlsClient.Settings tls;
    private final Region region;
    private final String serviceName;
    private final Set<String> secrets;
    private final Optional<URI> endpoint;
    private final String endpointSetting;
    private final List<SdkClient> clients = new ArrayList<>();
    private AwsCredentialsProvider credentials;

    AwsCall(ProbeSession session, TlsClient.Settings tls, Region region, String serviceName,
            AwsCredentialsProvider credentials, Set<String> secrets, Optional<URI> endpoint, String endpointSetting) {
        this.endpoint = endpoint;
        this.endpointSetting = endpointSetting;
        this.session = session;
        this.tls = tls;
        this.region = region;
        this.serviceName = serviceName;
        this.credentials = credentials;
        this.secrets = secrets;
    }

    ProbeSession session() {
        return session;
    }

    Region region() {
        return region;
    }

    /** From now on clients sign with these (an assumed role's). */
    void signWith(AwsCredentialsProvider next) {
        this.credentials = next;
    }

    /** A client of the tested service, at its endpoint (the operator's override, else the SDK's for the region). */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends SdkClient> C service(B builder) {
        return client(builder, serviceName, endpoint, endpointSetting);
    }

    /** Where the tested service's endpoint is set, for hints. */
    String endpointSetting() {
        return endpointSetting;
    }

    Optional<URI> endpoint() {
        return endpoint;
    }

    /**
     * A client of the service {@code builder} builds, at {@code endpoint} when the operator overrode it.
     *
     * @param endpointSetting the setting that named the endpoint, for hints
     */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder,
            String role, Optional<URI> endpoint, String endpointSetting) {
        builder.region(region).credentialsProvider(credentials)
                .httpClient(new DialedSdkHttpClient(session, tls, role, endpointSetting))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
                        // The probe's deadline, never the SDK's, ends a stalled test (and names its stage).
                        .apiCallTimeout(Duration.ofMillis(session.socketTimeoutMillis())));
        endpoint.ifPresent(builder::endpointOverride);
        C client = builder.build();
        clients.add(client);
        return client;
    }

    /** Runs one SDK call; a failure comes back as the stage it belongs to. */
    <T> T call(String action, Supplier<T> call) throws StageFailure {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsFailures.of(e, serviceName, action, session, secrets);
        }
    }

    /** Values to keep out of messages; tokens the run receives are added. */
    Set<String> secrets() {
        return secrets;
    }

    @Override
    public void close() {
        clients.forEach(SdkClient::close);
    }
}
