package dev.dialtone.probe.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.MongoWireServer;
import dev.dialtone.fixtures.MongoWireServer.User;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * MONGODB logins through the AWS SDK GlueClient, against mongo-java-server made a SCRAM-SHA-256
 * peer ({@link MongoWireServer#requiringAuthentication}): the server checks the driver's proof
 * (and the driver the server's signature), refuses commands before a login, and refuses databases
 * a user was not granted. AUTHENTICATE and AUTHORIZE are tested against it, not to the wire.
 */
class MongoAuthTestConnectionTest {
    private static final String PASSWORD = "Scram-Pw-5d27a";
    private static final String CLERK_PASSWORD = "Clerk-Pw-0b91e";
    private static final String WRONG_PASSWORD = "Wrong-Pw-77f3c";

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(Duration.ofSeconds(10),
            DialtoneConfig.Limits.DEFAULT, config -> config.withEnvironment(Map.of(
                    "DIALTONE_SECRET_MONGO", "{\"username\":\"analyst\",\"password\":\"" + PASSWORD + "\"}"))
                    .withServerSecretsAllowed(true));

    private static MongoWireServer mongo;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() {
        mongo = MongoWireServer.requiringAuthentication(
                User.of("analyst", PASSWORD),
                User.of("clerk", CLERK_PASSWORD).definedIn("sales").onlyOn("sales"));
        mongo.createCollection("sales", "orders");
        mongo.createCollection("sales", "returns");
        mongo.createCollection("hr", "staff");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("MONGODB")
                .connectionPropertiesWithStrings(properties)));
    }

    private static String url(String rest) {
        return "mongodb://127.0.0.1:" + mongo.port() + rest;
    }

    private String testByName(String name, Map<String, String> properties) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("MONGODB")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        Connection connection = glue.getConnection(r -> r.name(name)).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        return connection.statusReason();
    }

    @Test
    void theRightPasswordLogsInWithScramSha256AndTheDatabaseIsListed() {
        int before = mongo.authentications().size();
        String report = testByName("mongo-auth-ok", Map.of("CONNECTION_URL", url("/sales?authSource=admin"),
                "USERNAME", "analyst", "PASSWORD", PASSWORD));
        assertThat(mongo.authentications().subList(before, mongo.authentications().size()))
                .as("logins the server accepted").contains("SCRAM-SHA-256 analyst@admin");
        assertThat(report).contains("user analyst").contains("database sales (2 collections)")
                .doesNotContain(PASSWORD);
    }

    @Test
    void theSameCredentialsFromASecretLogIn() {
        int before = mongo.authentications().size();
        String report = testByName("mongo-auth-secret", Map.of("CONNECTION_URL", url("/?authSource=admin"),
                "SECRET_ID", "env:DIALTONE_SECRET_MONGO"));
        assertThat(mongo.authentications().subList(before, mongo.authentications().size()))
                .contains("SCRAM-SHA-256 analyst@admin");
        assertThat(report).contains("user analyst").containsPattern("databases [1-9]\\d* databases? visible to the user")
                .doesNotContain(PASSWORD);
        assertThat(CapturedLogs.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsRejectedAtAuthenticateWithoutEchoingEitherPassword() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales?authSource=admin"),
                "USERNAME", "analyst", "PASSWORD", WRONG_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: Authentication failed\\. \\(code 18 AuthenticationFailed\\).*")
                .hasMessageNotContaining(WRONG_PASSWORD)
                .hasMessageNotContaining(PASSWORD);
        assertThat(CapturedLogs.all()).contains("failed at AUTHENTICATE").doesNotContain(WRONG_PASSWORD)
                .doesNotContain(PASSWORD);
    }

    @Test
    void aServerThatCannotProveItKnowsThePasswordFailsAtAuthenticateSayingWhy() {
        try (MongoWireServer impostor = MongoWireServer.impostor(User.of("analyst", "not-the-real-one"))) {
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + impostor.port()
                    + "/sales?authSource=admin", "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the login failed: "
                            + "Server signature was invalid\\. The server took the login but could not prove it knows "
                            + "the user's password.*")
                    .hasMessageNotContaining("MongoCredential")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void anUnknownUserIsRejectedAtAuthenticate() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales?authSource=admin"),
                "USERNAME", "mallory", "PASSWORD", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: Authentication failed\\..*")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aUserOfAdminLoggingInAgainstTheUrlsDatabaseIsRejectedAtAuthenticate() {
        // Without authSource the driver authenticates against the URL's database, where analyst is not defined.
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales"), "USERNAME", "analyst",
                "PASSWORD", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: .*authSource of CONNECTION_URL.*");
    }

    @Test
    void scramSha1ForAUserWithScramSha256KeysOnlyFailsAtAuthenticateWithTheServersReason() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales?authSource=admin&authMechanism=SCRAM-SHA-1"),
                "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the login failed: Unable to "
                        + "use SCRAM-SHA-1 based authentication for user without any SCRAM-SHA-1 credentials registered "
                        + "\\(code 334 MechanismUnavailable\\).*")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anExplicitScramSha256MechanismLogsInAndIsReported() {
        int before = mongo.authentications().size();
        String report = testByName("mongo-auth-sha256", Map.of("CONNECTION_URL",
                url("/sales?authSource=admin&authMechanism=SCRAM-SHA-256"), "USERNAME", "analyst", "PASSWORD", PASSWORD));
        assertThat(mongo.authentications().subList(before, mongo.authentications().size()))
                .contains("SCRAM-SHA-256 analyst@admin");
        assertThat(report).contains("user analyst (SCRAM-SHA-256)");
    }

    @Test
    void noCredentialsForAServerThatRequiresAuthenticationSaySoAndWhatToSet() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the server requires "
                        + "authentication and no credentials were given: command listCollections requires "
                        + "authentication \\(code 13 Unauthorized\\)\\. Set USERNAME and PASSWORD, or SECRET_ID, to a user "
                        + "of the server.*");
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("command listDatabases requires authentication")
                .hasMessageContaining("Set USERNAME and PASSWORD, or SECRET_ID, to a user of the server");
    }

    @Test
    void aUserWithoutAGrantOnTheUrlsDatabaseFailsAtAuthorizeNamingIt() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/hr?authSource=sales"),
                "USERNAME", "clerk", "PASSWORD", CLERK_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the user may not list the "
                        + "collections of database 'hr': not authorized on hr to execute command \\{ listCollections.*")
                .hasMessageNotContaining(CLERK_PASSWORD);
    }

    @Test
    void aUserWithAGrantListsItsDatabaseAndSeesOnlyIt() {
        String own = testByName("mongo-auth-clerk", Map.of("CONNECTION_URL", url("/sales"),
                "USERNAME", "clerk", "PASSWORD", CLERK_PASSWORD));
        assertThat(own).contains("user clerk").contains("database sales (2 collections)");
        String all = testByName("mongo-auth-clerk-dbs", Map.of("CONNECTION_URL", url("/?authSource=sales"),
                "USERNAME", "clerk", "PASSWORD", CLERK_PASSWORD));
        assertThat(all).contains("databases 1 database visible to the user");
    }
}
