package dev.dialtone.secrets;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.aws.RegionalClients;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
    /** Regions served at once; tests name regions in ARNs, so the clients kept must not grow with them. */
    static final int CLIENTS = 8;
    private final AwsSettings aws;
    /** The operator's AWS identity, shared by every client; none unless configured explicitly. */
    private final Optional<AwsCredentialsProvider> credentials;
    private final RegionalClients<SecretsManagerClient> clients;

    public SecretsManagerSecrets(AwsSettings aws) {
        this(aws, CLIENTS);
    }

    SecretsManagerSecrets(AwsSettings aws, int clients) {
        this.aws = aws;
        this.credentials = aws.credentials();
        this.clients = new RegionalClients<>(clients, this::build);
    }

    /** Clients built and not closed yet, for tests of the bound. */
    int liveClients() {
        return clients.live();
    }

    /**
     * The secret's ARN: as given, or for a name {@code arn:<partition>:secretsmanager:<region>:<account>:secret:<name>}
     * in the configured region (AWS_REGION, else us-east-1) and account (AWS_ACCOUNT_ID, else empty, as S3 ARNs
     * have it), formed without calling AWS. Real ARNs end in a random suffix ({@code -AbCdEf}) that a name does not
     * carry: policies name secrets as {@code ...:secret:sales*}.
     */
    @Override
    public String resource(String secretId, String name) {
        Optional<String> arnRegion = arnRegion(secretId, name);
        if (arnRegion.isPresent()) {
            return name;
        }
        Region region = aws.region(Optional.empty());
        return "arn:" + partition(region.id()) + ":secretsmanager:" + region.id() + ":" + aws.accountId().orElse("")
                + ":secret:" + name;
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The region of an ARN id (checked), or empty for a name (checked too). */
    private static Optional<String> arnRegion(String secretId, String name) {
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":", 7);
            if (parts.length < 7 || !parts[2].equals("secretsmanager") || !parts[5].equals("secret")
                    || !RegionalClients.regionShaped(parts[3]) || parts[6].isEmpty()) {
                throw new InvalidTestInput("Secret '" + secretId + "' is not a Secrets Manager secret ARN "
                        + "(arn:aws:secretsmanager:<region>:<account>:secret:<name>).");
            }
            return Optional.of(parts[3]);
        }
        if (!name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
            throw new InvalidTestInput("Secret '" + secretId + "' is not a valid Secrets Manager secret name: use "
                    + "letters, digits and /_+=.@- only, or an ARN, env:NAME or file:NAME.");
        }
        return Optional.empty();
    }

    @Override
    public String text(String secretId, String name) {
        Optional<String> arnRegion = arnRegion(secretId, name);
        Region region = aws.region(arnRegion);
        if (!RegionalClients.regionShaped(region.id())) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: the region '" + region.id()
                    + "' is not an AWS region name.");
        }
        if (credentials.isEmpty()) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: " + AwsSettings.NO_IDENTITY + ".");
        }
        try (RegionalClients<SecretsManagerClient>.Lease lease = clients.lease(region)) {
            GetSecretValueResponse response = lease.client().getSecretValue(r -> r.secretId(name));
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

    private SecretsManagerClient build(Region region) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().region(region)
                .credentialsProvider(credentials.orElseThrow()).httpClient(aws.httpClient())
                .overrideConfiguration(aws.overrides());
        aws.endpoint("SECRETS_MANAGER").ifPresent(builder::endpointOverride);
        return builder.build();
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
        clients.close();
    }
}
