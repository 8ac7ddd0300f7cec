package dev.dialtone.cli;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Signs the CLI's requests to a Dialtone server (SigV4, the SDK's signer) with the credentials the user
 * already has: {@code --profile}, else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * ({@code AWS_SESSION_TOKEN}), else the {@code AWS_PROFILE} or default profile of the AWS config files.
 * Never the instance metadata service: a CLI pointed at a server must not send the machine's identity.
 * With no credentials at all the requests go unsigned, which a laptop server accepts.
 */
final class RequestSigner {
    static final String DEFAULT_REGION = "us-east-1";
    private final Optional<AwsCredentialsIdentity> identity;
    private final String region;

    private RequestSigner(Optional<AwsCredentialsIdentity> identity, String region) {
        this.identity = identity;
        this.region = region;
    }

    /** @throws IllegalArgumentException when a profile the user named cannot be used */
    static RequestSigner from(Map<String, String> env, Optional<String> profile, Optional<String> region) {
        String signingRegion = region.or(() -> Optional.ofNullable(env.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")))
                .filter(value -> !value.isBlank()).orElse(DEFAULT_REGION);
        if (profile.isPresent()) {
            return new RequestSigner(Optional.of(fromProfile(env, profile.get()).orElseThrow(() ->
                    new IllegalArgumentException("--profile " + profile.get() + ": no such profile with credentials in "
                            + "the AWS config files"))), signingRegion);
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return new RequestSigner(Optional.of(token == null || token.isBlank()
                    ? AwsCredentialsIdentity.create(key, secret)
                    : AwsSessionCredentialsIdentity.create(key, secret, token)), signingRegion);
        }
        return new RequestSigner(fromProfile(env, env.getOrDefault("AWS_PROFILE", "default")), signingRegion);
    }

    private static Optional<AwsCredentialsIdentity> fromProfile(Map<String, String> env, String name) {
        Optional<ProfileFile> files = profileFiles(env);
        if (files.isEmpty() || files.get().profile(name).isEmpty()) {
            return Optional.empty();
        }
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder().profileFile(files.get())
                .profileName(name).build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            return Optional.of(credentials instanceof AwsSessionCredentials session
                    ? AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(),
                            session.sessionToken())
                    : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()));
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("profile " + name + " cannot be used: " + e.getMessage());
        }
    }

    /** The credentials and config files, where the environment or the home directory says they are. */
    private static Optional<ProfileFile> profileFiles(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path credentials = Path.of(env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
        Path config = Path.of(env.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        boolean any = false;
        if (Files.isRegularFile(credentials)) {
            aggregator.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
            any = true;
        }
        if (Files.isRegularFile(config)) {
            aggregator.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            any = true;
        }
        return any ? Optional.of(aggregator.build()) : Optional.empty();
    }

    boolean signs() {
        return identity.isPresent();
    }

    /** A request with these headers and body, signed in its Authorization header when there are credentials. */
    HttpRequest.Builder request(String method, URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, body.length == 0 && method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (identity.isEmpty()) {
            headers.forEach(builder::header);
            return builder;
        }
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                // The JDK client sends exactly this Host header; it must be the one signed.
                .putHeader("Host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(sign -> {
            sign.identity(identity.get()).request(unsigned.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region);
            if (body.length > 0) {
                sign.payload(() -> new ByteArrayInputStream(body));
            }
        }).request();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder;
    }
}
