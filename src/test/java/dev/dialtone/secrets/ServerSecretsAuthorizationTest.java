package dev.dialtone.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.Dialtone;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeS3;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.glue.Caller;
import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.guard.Permissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * The confused deputy, closed: a caller who names one of the server's secrets or S3 objects must be allowed to
 * read it (secretsmanager:GetSecretValue on the secret's ARN, s3:GetObject on the object), or the test ends as
 * AccessDeniedException before anything is read or dialled. The wire's authenticator is replaced by one that
 * gives every request a principal whose permissions refuse the resources this test names as forbidden (the
 * policy evaluation itself is another part's); the destination is a tarpit on loopback that must see nothing.
 */
class ServerSecretsAuthorizationTest {
    private static final String ANA = "arn:aws:iam::123456789012:user/ana";
    private static final String PASSWORD = "Deputy-Canary-Pw-5b7";
    private static final String TEMPLATE = "{\"username\":\"ops\",\"password\":\"" + PASSWORD + "\"}";
    private static final FakeSecretsManager SECRETS_MANAGER = FakeSecretsManager.start();
    private static final FakeS3 S3 = FakeS3.start();
    private static final Path SECRETS_DIR = tempDir();
    /** Every (action, resource) the caller's permissions were asked. */
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private static final Permissions REFUSING_FORBIDDEN = (action, resource) -> {
        ASKED.add(action + " " + resource);
        if (resource.toLowerCase(java.util.Locale.ROOT).contains("forbidden")) {
            throw new NotAuthorized(ANA, action, resource);
        }
    };

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withSecretsDir(SECRETS_DIR)
            .withEnvironment(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS_MANAGER.endpoint(),
                    "AWS_ENDPOINT_URL_S3", S3.endpoint(), "AWS_ACCOUNT_ID", "999988887777",
                    "DIALTONE_SECRET_FORBIDDEN", TEMPLATE, "DIALTONE_SECRET_ALLOWED", TEMPLATE)),
            Dialtone.Seams.NONE.withAuthenticator((request, body) -> new Caller(Optional.of(ANA), "123456789012",
                    "us-east-1", "127.0.0.1", REFUSING_FORBIDDEN)));

    private static Tarpit tarpit;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() throws Exception {
        tarpit = new Tarpit();
        SECRETS_MANAGER.put("ops/forbidden", TEMPLATE);
        S3.put("forbidden-certs", "ca.pem", "-----BEGIN CERTIFICATE-----");
        Files.writeString(SECRETS_DIR.resolve("forbidden.json"), TEMPLATE);
    }

    @AfterAll
    static void stop() throws Exception {
        tarpit.close();
        SECRETS_MANAGER.close();
        S3.close();
    }

    private int dialledBefore;

    @BeforeEach
    void forget() {
        ASKED.clear();
        dialledBefore = tarpit.accepted();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dialtone-deputy");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> pointedAtTheTarpit(String key, String value) {
        Map<String, String> properties = new HashMap<>(Map.of("JDBC_CONNECTION_URL",
                "jdbc:postgresql://127.0.0.1:" + tarpit.port() + "/app", key, value));
        if (!key.equals("SECRET_ID")) {
            properties.putAll(Map.of("USERNAME", "ops", "PASSWORD", "inline-not-secret"));
        }
        return properties;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "env:DIALTONE_SECRET_FORBIDDEN, secretsmanager:GetSecretValue, arn:dialtone:secret:env/DIALTONE_SECRET_FORBIDDEN",
            "file:forbidden.json,           secretsmanager:GetSecretValue, arn:dialtone:secret:file/forbidden.json",
            "ops/forbidden,                 secretsmanager:GetSecretValue, arn:aws:secretsmanager:us-east-1:999988887777:secret:ops/forbidden",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ops/forbidden-AbCdEf, secretsmanager:GetSecretValue, "
                    + "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ops/forbidden-AbCdEf"})
    void aSecretTheCallerMayNotReadEndsTheTestBeforeAnythingIsReadOrDialled(String secretId, String action,
            String resource) {
        int readsBefore = SECRETS_MANAGER.authorizations().size();
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(pointedAtTheTarpit("SECRET_ID", secretId)))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("User: " + ANA + " is not authorized to perform: " + action + " on resource: "
                        + resource)
                .hasMessageNotContaining(PASSWORD);
        assertThat(ASKED).contains(action + " " + resource);
        assertThat(SECRETS_MANAGER.authorizations()).hasSize(readsBefore);
        assertThat(tarpit.accepted()).as("connections to the tarpit").isEqualTo(dialledBefore);
    }

    @Test
    void anAuthenticationConfigurationSecretArnIsCheckedTheSameWay() {
        String arn = "arn:aws:secretsmanager:us-east-1:999988887777:secret:sf/forbidden";
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("SALESFORCE")
                .connectionPropertiesWithStrings(Map.of())
                .authenticationConfiguration(a -> a.authenticationType("OAUTH2").secretArn(arn)
                        .oAuth2Properties(p -> p.oAuth2GrantType("CLIENT_CREDENTIALS")
                                .tokenUrl("http://127.0.0.1:" + tarpit.port() + "/services/oauth2/token")
                                .oAuth2ClientApplication(c -> c.userManagedClientApplicationClientId("app")))))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("secretsmanager:GetSecretValue on resource: " + arn);
        assertThat(tarpit.accepted()).as("connections to the tarpit").isEqualTo(dialledBefore);
    }

    @Test
    void anS3ObjectTheCallerMayNotReadIsNeverFetched() {
        int before = S3.gets();
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(pointedAtTheTarpit("CUSTOM_JDBC_CERT", "s3://forbidden-certs/ca.pem")))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("is not authorized to perform: s3:GetObject on resource: "
                        + "arn:aws:s3:::forbidden-certs/ca.pem");
        assertThat(S3.gets()).isEqualTo(before);
        assertThat(tarpit.accepted()).as("connections to the tarpit").isEqualTo(dialledBefore);
    }

    @Test
    void aTestByNameRefusedSoIsRecordedAsFailedWithTheReason() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("deputy").connectionType("JDBC")
                .connectionPropertiesWithStrings(pointedAtTheTarpit("SECRET_ID", "env:DIALTONE_SECRET_FORBIDDEN"))));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("deputy")))
                .isInstanceOf(AccessDeniedException.class);
        var connection = glue.getConnection(r -> r.name("deputy")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(connection.statusReason()).contains("is not authorized to perform: secretsmanager:GetSecretValue "
                + "on resource: arn:dialtone:secret:env/DIALTONE_SECRET_FORBIDDEN").doesNotContain(PASSWORD);
        assertThat(tarpit.accepted()).as("connections to the tarpit").isEqualTo(dialledBefore);
    }

    @Test
    void aSecretTheCallerMayReadIsReadAndTheTestGoesOn() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + port
                        + "/app", "SECRET_ID", "env:DIALTONE_SECRET_ALLOWED")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT").hasMessageNotContaining(PASSWORD);
        assertThat(ASKED).contains("secretsmanager:GetSecretValue arn:dialtone:secret:env/DIALTONE_SECRET_ALLOWED");
    }
}
