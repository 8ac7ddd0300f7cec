package dev.dialtone.secrets;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.InvalidTestInput;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * AWS Secrets Manager through the AWS SDK: a secret name or ARN, read with GetSecretValue in the ARN's
 * region (else the configured one), at the configured endpoint ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}).
 */
public final class SecretsManagerSecrets implements SecretSource, AutoCloseable {
    private final AwsSettings aws;
    private final Map<Region, SecretsManagerClient> clients = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(AwsSettings aws) {
        this.aws = aws;
    }

    @Override
    public String text(String secretId, String name) {
        Optional<String> arnRegion = Optional.empty();
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":", 7);
            if (parts.length < 7 || !parts[2].equals("secretsmanager") || !parts[5].equals("secret")
                    || !parts[3].matches("[a-z0-9-]+")) {
                throw new InvalidTestInput("Secret '" + secretId + "' is not a Secrets Manager secret ARN "
                        + "(arn:aws:secretsmanager:<region>:<account>:secret:<name>).");
            }
            arnRegion = Optional.of(parts[3]);
        } else if (!name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
            throw new InvalidTestInput("Secret '" + secretId + "' is not a valid Secrets Manager secret name: use "
                    + "letters, digits and /_+=.@- only, or an ARN, env:NAME or file:NAME.");
        }
        Region region = aws.region(arnRegion);
        try {
            GetSecretValueResponse response = client(region).getSecretValue(r -> r.secretId(name));
            if (response.secretString() != null) {
                return response.secretString();
            }
            if (response.secretBinary() != null) {
                return response.secretBinary().asUtf8String();
            }
            throw new InvalidTestInput("Secret '" + secretId + "' has no value (neither SecretString nor SecretBinary).");
        } catch (ResourceNotFoundException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' was not found in AWS Secrets Manager (region "
                    + region.id() + ").");
        } catch (DecryptionFailureException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be decrypted: Dialtone's AWS identity may not "
                    + "use its KMS key (" + awsMessage(e) + ").");
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("AccessDeniedException".equals(code) || e.statusCode() == 403) {
                throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: access denied; Dialtone's AWS "
                        + "identity needs secretsmanager:GetSecretValue on it (" + awsMessage(e) + ").");
            }
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: AWS Secrets Manager answered "
                    + (code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code) + " (" + awsMessage(e) + ").");
        } catch (ApiCallTimeoutException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: AWS Secrets Manager did not answer "
                    + "within " + aws.callTimeout().toMillis() + " ms.");
        } catch (SdkClientException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: " + clientProblem(e) + ".");
        }
    }

    private SecretsManagerClient client(Region region) {
        return clients.computeIfAbsent(region, r -> {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder().region(r)
                    .credentialsProvider(aws.credentials()).httpClient(aws.httpClient())
                    .overrideConfiguration(aws.overrides());
            aws.endpoint("SECRETS_MANAGER").ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /**
     * What went wrong on Dialtone's side, without the SDK's full text: a failed unmarshalling could
     * quote the response, which holds the secret.
     */
    private static String clientProblem(SdkClientException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("credentials")) {
            return "Dialtone has no AWS credentials to call Secrets Manager with (set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, a profile or an instance role)";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.io.IOException) {
            return "AWS Secrets Manager could not be reached (" + root.getClass().getSimpleName() + ": "
                    + root.getMessage() + ")";
        }
        return "the answer of AWS Secrets Manager could not be used (" + root.getClass().getSimpleName() + ")";
    }

    private static String awsMessage(SecretsManagerException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    @Override
    public void close() {
        clients.values().forEach(SecretsManagerClient::close);
        clients.clear();
    }
}
