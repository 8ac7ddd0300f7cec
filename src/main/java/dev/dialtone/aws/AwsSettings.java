package dev.dialtone.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The standard AWS settings for Dialtone's own AWS clients (Secrets Manager for SECRET_ID, S3 for
 * CUSTOM_JDBC_CERT): region, per-service endpoint ({@code AWS_ENDPOINT_URL_<SERVICE>}, then
 * {@code AWS_ENDPOINT_URL}) and credentials, read from the variables the operator gave the server.
 * When a setting is absent the SDK's own default chain (profile files, instance role) decides.
 */
public record AwsSettings(Map<String, String> environment, Duration callTimeout) {
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    public AwsSettings {
        environment = Map.copyOf(environment);
    }

    /** The region: the one given (e.g. from an ARN), else AWS_REGION / AWS_DEFAULT_REGION, else the SDK's chain. */
    public Region region(Optional<String> preferred) {
        Optional<String> named = preferred.or(() -> value("AWS_REGION")).or(() -> value("AWS_DEFAULT_REGION"));
        if (named.isPresent()) {
            return Region.of(named.get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException none) {
            // No region anywhere: a name-only lookup still needs one; us-east-1 is the SDK's global default.
            return FALLBACK_REGION;
        }
    }

    /**
     * The endpoint for a service, by the SDK's environment-variable name suffix ({@code SECRETS_MANAGER},
     * {@code S3}): {@code AWS_ENDPOINT_URL_<SERVICE>} first, then {@code AWS_ENDPOINT_URL}.
     */
    public Optional<URI> endpoint(String serviceSuffix) {
        return value("AWS_ENDPOINT_URL_" + serviceSuffix.toUpperCase(Locale.ROOT)).or(() -> value("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    /** Static credentials when the variables carry them, else the SDK's default chain. */
    public AwsCredentialsProvider credentials() {
        Optional<String> key = value("AWS_ACCESS_KEY_ID");
        Optional<String> secret = value("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            Optional<String> token = value("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
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
