package dev.dialtone.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * The standard AWS settings for Dialtone's own AWS clients (Secrets Manager for SECRET_ID, S3 for
 * CUSTOM_JDBC_CERT): region, per-service endpoint ({@code AWS_ENDPOINT_URL_<SERVICE>}, then
 * {@code AWS_ENDPOINT_URL}) and credentials, read from the variables the operator gave the server.
 *
 * <p>The server's AWS identity is used on names a caller picks, so it is used only when the operator
 * configured one explicitly: static keys, a profile or shared credentials file, web identity, or
 * {@code DIALTONE_AWS_DEFAULT_CREDENTIALS=true} for the SDK's whole default chain. Without one there
 * are no credentials at all: the SDK's default chain would otherwise ask the instance metadata service
 * (169.254.169.254) and the container credentials endpoint for the host's role. The region never
 * comes from the metadata service either.
 *
 * @param defaultChain whether the operator allowed the SDK's default credentials chain (IMDS and ECS included)
 */
public record AwsSettings(Map<String, String> environment, Duration callTimeout, boolean defaultChain) {
    private static final Region FALLBACK_REGION = Region.US_EAST_1;
    /** What an operator sets to give Dialtone an AWS identity; quoted when a caller's lookup has none. */
    public static final String NO_IDENTITY = "this Dialtone has no AWS identity configured (set AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE or AWS_SHARED_CREDENTIALS_FILE, AWS_WEB_IDENTITY_TOKEN_FILE with "
            + "AWS_ROLE_ARN, or --aws-use-default-credentials / DIALTONE_AWS_DEFAULT_CREDENTIALS=true for the SDK's "
            + "default chain, instance role included)";

    public AwsSettings {
        environment = Map.copyOf(environment);
    }

    public AwsSettings(Map<String, String> environment, Duration callTimeout) {
        this(environment, callTimeout, false);
    }

    /**
     * The region: the one given (e.g. from an ARN), else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1
     * (the SDK's global default). Never the SDK's region chain, whose last step asks the metadata service.
     */
    public Region region(Optional<String> preferred) {
        return Region.of(preferred.or(() -> value("AWS_REGION")).or(() -> value("AWS_DEFAULT_REGION"))
                .orElse(FALLBACK_REGION.id()));
    }

    /** The operator's account (AWS_ACCOUNT_ID, as the SDK reads it), used to form ARNs of named secrets. */
    public Optional<String> accountId() {
        return value("AWS_ACCOUNT_ID").filter(account -> account.matches("\\d{12}"));
    }

    /**
     * The endpoint for a service, by the SDK's environment-variable name suffix ({@code SECRETS_MANAGER},
     * {@code S3}): {@code AWS_ENDPOINT_URL_<SERVICE>} first, then {@code AWS_ENDPOINT_URL}.
     */
    public Optional<URI> endpoint(String serviceSuffix) {
        return value("AWS_ENDPOINT_URL_" + serviceSuffix.toUpperCase(Locale.ROOT)).or(() -> value("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    /**
     * The credentials the operator configured, in this order: static keys, web identity, a profile (of
     * AWS_SHARED_CREDENTIALS_FILE or the usual files), the SDK's default chain when allowed; else none.
     */
    public Optional<AwsCredentialsProvider> credentials() {
        Optional<String> key = value("AWS_ACCESS_KEY_ID");
        Optional<String> secret = value("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            Optional<String> token = value("AWS_SESSION_TOKEN");
            return Optional.of(StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(key.get(), secret.get())));
        }
        Optional<String> tokenFile = value("AWS_WEB_IDENTITY_TOKEN_FILE");
        Optional<String> role = value("AWS_ROLE_ARN");
        if (tokenFile.isPresent() && role.isPresent()) {
            // Our own STS client, in our region: the SDK's would look its region up, the metadata service included.
            StsClientBuilder sts = StsClient.builder().region(region(Optional.empty()))
                    .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(httpClient())
                    .overrideConfiguration(overrides());
            endpoint("STS").ifPresent(sts::endpointOverride);
            return Optional.of(StsWebIdentityTokenFileCredentialsProvider.builder().stsClient(sts.build())
                    .webIdentityTokenFile(Path.of(tokenFile.get())).roleArn(role.get())
                    .roleSessionName(value("AWS_ROLE_SESSION_NAME").orElse("dialtone")).build());
        }
        Optional<String> profile = value("AWS_PROFILE");
        Optional<String> file = value("AWS_SHARED_CREDENTIALS_FILE");
        if (file.isPresent()) {
            ProfileFile credentials = ProfileFile.builder().content(Path.of(file.get()))
                    .type(ProfileFile.Type.CREDENTIALS).build();
            return Optional.of(ProfileCredentialsProvider.builder().profileFile(credentials)
                    .profileName(profile.orElse("default")).build());
        }
        if (profile.isPresent()) {
            return Optional.of(ProfileCredentialsProvider.builder().profileName(profile.get()).build());
        }
        if (defaultChain) {
            return Optional.of(DefaultCredentialsProvider.builder().build());
        }
        return Optional.empty();
    }

    public SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(callTimeout).socketTimeout(callTimeout).build();
    }

    /** One bounded attempt per call: a test waits on it, and a retry would only repeat the same answer. */
    public ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout)
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    private Optional<String> value(String key) {
        String value = environment.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
