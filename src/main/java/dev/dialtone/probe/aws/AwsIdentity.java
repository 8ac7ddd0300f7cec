package dev.dialtone.probe.aws;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Whose AWS identity a test of an AWS-service connection uses, read at plan time (the secret store is the only
 * I/O): the access key pair in the connection's secret ({@code SECRET_ID} or {@code SecretArn}), optionally
 * exchanged for {@code ROLE_ARN}'s at STS when the test runs; or, only where the operator allowed it, the
 * server's own identity. Never the server's identity by default: any caller could otherwise borrow it.
 *
 * @param base     the credentials that sign the first call (the secret's keys, or the server's)
 * @param roleArn  the role to assume with them, when given
 * @param source   where the credentials came from, for the report ("the secret 'x'", "this server's identity")
 */
public record AwsIdentity(AwsCredentialsProvider base, Optional<String> roleArn, String source) {
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    public static final String ACCESS_KEY_KEYS = "aws_access_key_id and aws_secret_access_key (optionally aws_session_token;"
            + " AccessKeyId / SecretAccessKey / SessionToken also read)";

    @Override
    public String toString() {
        return "AwsIdentity[" + source + roleArn.map(role -> ", role " + role).orElse("") + "]";
    }

    /**
     * @param serverIdentity the server's own credentials, present only when the operator allowed tests to use them
     * @param secrets        collects every credential value read, for redaction
     */
    public static AwsIdentity read(TestSubject subject, SecretStore store, Optional<AwsCredentialsProvider> serverIdentity,
            Set<String> secrets) {
        Optional<String> roleArn = subject.property("ROLE_ARN").map(String::trim);
        roleArn.ifPresent(role -> {
            if (!ROLE_ARN.matcher(role).matches()) {
                throw new InvalidTestInput("ROLE_ARN must be an IAM role ARN, arn:aws:iam::<account>:role/<name>.");
            }
        });
        Optional<String> secretId = subject.property("SECRET_ID")
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn));
        if (secretId.isPresent()) {
            Map<String, String> values = store.read(secretId.get().trim(), subject.permissions());
            Optional<String> key = SecretValues.first(values, "aws_access_key_id", "AccessKeyId", "access_key_id");
            Optional<String> secret = SecretValues.first(values, "aws_secret_access_key", "SecretAccessKey",
                    "secret_access_key");
            Optional<String> token = SecretValues.first(values, "aws_session_token", "SessionToken", "session_token");
            if (key.isEmpty() || secret.isEmpty()) {
                throw new InvalidTestInput("Secret '" + secretId.get().trim() + "' holds no AWS access key pair: "
                        + subject.connectionType() + " connections read " + ACCESS_KEY_KEYS + " from it.");
            }
            secrets.add(secret.get());
            token.ifPresent(secrets::add);
            AwsCredentials credentials = token.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(key.get(), secret.get());
            return new AwsIdentity(() -> credentials, roleArn, "access key " + key.get() + " from the secret '"
                    + secretId.get().trim() + "'");
        }
        if (serverIdentity.isPresent()) {
            return new AwsIdentity(serverIdentity.get(), roleArn, "this server's own AWS identity");
        }
        throw new InvalidTestInput(subject.connectionType() + " connections need AWS credentials: SECRET_ID (or "
                + "AuthenticationConfiguration.SecretArn) naming a secret with " + ACCESS_KEY_KEYS
                + ", optionally with ROLE_ARN to assume. This server does not lend its own AWS identity to tests "
                + "(the operator can allow it with DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY=true).");
    }
}
