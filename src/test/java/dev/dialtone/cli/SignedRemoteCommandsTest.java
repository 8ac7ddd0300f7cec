package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.TempDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** {@code dialtone test --endpoint} and {@code dialtone history} against a server that requires signatures. */
class SignedRemoteCommandsTest {
    private static final String KEY = "AKIACLI0000000000001";
    private static final String SECRET = "cli-secret-0123456789abcdefghijklmnopqrs";
    private static final Path DIR = TempDir.scratch("dialtone-cli-signing");
    private static final Path CREDENTIALS = write(DIR.resolve("credentials.json"), "{\"Principals\": [{\"AccessKeyId\": \""
            + KEY + "\", \"SecretAccessKey\": \"" + SECRET + "\", \"Arn\": \"arn:aws:iam::111122223333:user/ci\", "
            + "\"Policy\": {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"glue:*\", \"Resource\": \"*\"}}}]}");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCredentialsFile(CREDENTIALS));

    @BeforeAll
    static void storedConnection() {
        try (GlueClient glue = GlueClient.builder().endpointOverride(SERVER.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            // A closed loopback port: the test fails at CONNECT, which proves it ran, signed, as this caller.
            glue.createConnection(r -> r.connectionInput(c -> c.name("closed").connectionType("NETWORK")
                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1"))));
        }
    }

    @Test
    void testByNameIsSignedWithTheEnvironmentsKeysForTheGivenRegion() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "HOME", DIR.toString());
        Run signed = test(env, "--endpoint", SERVER.endpoint().toString(), "--name", "closed", "--region", "eu-west-1");
        assertThat(signed.out()).contains("closed").contains("CONNECT").doesNotContain("MissingAuthentication");

        Run otherRegion = test(env, "--endpoint", SERVER.endpoint().toString(), "--name", "closed");
        assertThat(otherRegion.out()).contains("EntityNotFoundException").contains("us-east-1");

        Run unsigned = test(Map.of("HOME", DIR.toString()), "--endpoint", SERVER.endpoint().toString(), "--name", "closed");
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.out()).contains("MissingAuthenticationTokenException");

        Run wrong = test(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", "wrong", "HOME", DIR.toString()),
                "--endpoint", SERVER.endpoint().toString(), "--name", "closed", "--region", "eu-west-1");
        assertThat(wrong.out()).contains("InvalidSignatureException");
    }

    @Test
    void historyIsSignedWithANamedProfileFromTheAwsFiles() throws Exception {
        Path awsCredentials = write(DIR.resolve("aws-credentials"), "[ci]\naws_access_key_id = " + KEY
                + "\naws_secret_access_key = " + SECRET + "\n");
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", awsCredentials.toString(),
                "AWS_CONFIG_FILE", DIR.resolve("no-config").toString(), "HOME", DIR.toString());
        test(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "HOME", DIR.toString()),
                "--endpoint", SERVER.endpoint().toString(), "--name", "closed", "--region", "eu-west-1");

        Run history = history(env, "closed", "--endpoint", SERVER.endpoint().toString(), "--catalog-id", "111122223333",
                "--profile", "ci", "--region", "eu-west-1");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("closed:").contains("FAILED");

        Run unsigned = history(Map.of("HOME", DIR.toString()), "closed", "--endpoint", SERVER.endpoint().toString(),
                "--catalog-id", "111122223333");
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.err()).contains("MissingAuthenticationTokenException: Missing Authentication Token");

        Run noSuchProfile = history(env, "closed", "--endpoint", SERVER.endpoint().toString(), "--profile", "nobody");
        assertThat(noSuchProfile.exitCode()).isEqualTo(2);
        assertThat(noSuchProfile.err()).contains("--profile nobody");
        assertThat(history.out() + history.err() + noSuchProfile.err()).doesNotContain(SECRET);
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run test(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TestCommand command = new TestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env, false);
        int exit = new CommandLine(command).setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8),
                true)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run history(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new HistoryCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
