package dev.dialtone.sealing;

import dev.dialtone.aws.AwsSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Dialtone's KMS calls, through the AWS SDK's KMS client built from the operator's AWS settings
 * ({@code AWS_ENDPOINT_URL_KMS} honoured). Credentials are the configured {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} (and session token), else an AWS profile: never the instance metadata
 * service. The region is the key ARN's, else the one asked for, else {@code AWS_REGION}, else us-east-1.
 * One client per region, a few at most (callers' catalogs name their regions).
 */
public final class KmsKeys implements AutoCloseable {
    private static final int MAX_CLIENTS = 8;
    private final AwsSettings aws;
    private final Map<Region, KmsClient> clients = new LinkedHashMap<>(16, 0.75f, true);

    public KmsKeys(AwsSettings aws) {
        this.aws = aws;
    }

    /** A data key KMS generated: the key itself, and KMS's ciphertext of it. Prints neither. */
    record DataKey(byte[] plaintext, byte[] ciphertext) {
        @Override
        public String toString() {
            return "DataKey[****]";
        }
    }

    DataKey generateDataKey(String kmsKeyId) {
        GenerateDataKeyResponse response = call(kmsKeyId, "GenerateDataKey", Optional.empty(), client ->
                client.generateDataKey(request -> request.keyId(kmsKeyId).keySpec(DataKeySpec.AES_256)));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }

    byte[] decrypt(String kmsKeyId, byte[] ciphertext) {
        return call(kmsKeyId, "Decrypt", Optional.empty(), client -> client.decrypt(request -> request
                .keyId(kmsKeyId).ciphertextBlob(SdkBytes.fromByteArray(ciphertext)))).plaintext().asByteArray();
    }

    /** KMS {@code Encrypt} under the key, in {@code region} unless the key ARN names its own: the ciphertext blob. */
    public byte[] encrypt(String kmsKeyId, String region, byte[] plaintext) {
        return call(kmsKeyId, "Encrypt", Optional.of(region), client -> client.encrypt(request -> request
                .keyId(kmsKeyId).plaintext(SdkBytes.fromByteArray(plaintext)))).ciphertextBlob().asByteArray();
    }

    private <T> T call(String kmsKeyId, String operation, Optional<String> region,
            java.util.function.Function<KmsClient, T> work) {
        try {
            return work.apply(client(region(kmsKeyId, region)));
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new KmsUnavailable(kmsKeyId, "KMS key " + kmsKeyId + " cannot be used (" + operation + "): " + code
                    + (message == null || message.isBlank() ? "" : ": " + message));
        } catch (SdkException | IllegalArgumentException e) {
            throw new KmsUnavailable(kmsKeyId, "KMS key " + kmsKeyId + " cannot be used (" + operation + "): "
                    + e.getMessage());
        }
    }

    /** The region of an ARN ({@code arn:aws:kms:<region>:…}), else the preferred one, else the configured one. */
    static Region region(String kmsKeyId, Optional<String> preferred, Map<String, String> environment) {
        String[] arn = kmsKeyId.split(":", 6);
        if (arn.length == 6 && arn[0].equals("arn") && !arn[3].isEmpty()) {
            return Region.of(arn[3]);
        }
        return Region.of(preferred.or(() -> setting(environment, "AWS_REGION"))
                .or(() -> setting(environment, "AWS_DEFAULT_REGION")).orElse(Region.US_EAST_1.id()));
    }

    private Region region(String kmsKeyId, Optional<String> preferred) {
        return region(kmsKeyId, preferred, aws.environment());
    }

    private synchronized KmsClient client(Region region) {
        KmsClient client = clients.get(region);
        if (client != null) {
            return client;
        }
        if (clients.size() >= MAX_CLIENTS) {
            var eldest = clients.entrySet().iterator().next();
            clients.remove(eldest.getKey());
            eldest.getValue().close();
        }
        var builder = KmsClient.builder().region(region).credentialsProvider(credentials())
                .httpClient(aws.httpClient()).overrideConfiguration(aws.overrides());
        aws.endpoint("KMS").ifPresent(builder::endpointOverride);
        client = builder.build();
        clients.put(region, client);
        return client;
    }

    private AwsCredentialsProvider credentials() {
        Map<String, String> env = aws.environment();
        Optional<String> key = setting(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = setting(env, "AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            Optional<String> token = setting(env, "AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return ProfileCredentialsProvider.builder().profileName(setting(env, "AWS_PROFILE").orElse("default")).build();
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(KmsClient::close);
        clients.clear();
    }
}
