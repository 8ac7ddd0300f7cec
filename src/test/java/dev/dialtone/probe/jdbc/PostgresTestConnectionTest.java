package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** TestConnection against a real PostgreSQL with scram-sha-256 password authentication. */
class PostgresTestConnectionTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final String PASSWORD = "Analyst-Pw-7e1d";
    private static final String WRONG_PASSWORD = "Wrong-Secret-4c9a";
    private static PostgresServer pg;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void database() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("analyst", PASSWORD);
        pg.createDatabase("sales", "analyst");
        pg.createDatabase("locked", "postgres");
        pg.execute("REVOKE CONNECT ON DATABASE locked FROM PUBLIC");
        pg.execute("sales", "CREATE SCHEMA app AUTHORIZATION analyst");
        pg.execute("sales", "CREATE SCHEMA private");
    }

    private static Map<String, String> url(String database, String password) {
        return Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl(database), "USERNAME", "analyst", "PASSWORD", password);
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void theRightPasswordPasses() {
        testInline(url("sales", PASSWORD));
    }

    @Test
    void hostPortEngineAndDatabasePropertiesWorkLikeAUrl() {
        testInline(Map.of("HOST", "db.dialtone.test", "PORT", String.valueOf(pg.port()), "JDBC_ENGINE", "postgres",
                "DATABASE", "sales", "USERNAME", "analyst", "PASSWORD", PASSWORD));
        testInline(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + pg.port()
                        + "/sales?ApplicationName=nightly%20etl&sslmode=disable&connectTimeout=3",
                "USERNAME", "analyst", "PASSWORD", PASSWORD));
    }

    @Test
    void wrongPasswordFailsAtAuthenticateWithoutEchoingIt() {
        assertThatThrownBy(() -> testInline(url("sales", WRONG_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: password authentication failed for user \"analyst\" \\(SQLState 28P01\\)\\. "
                        + "Check USERNAME and PASSWORD\\..*")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(CapturedLogs.all()).contains("failed at AUTHENTICATE").doesNotContain(WRONG_PASSWORD, PASSWORD);
    }

    @Test
    void anUnknownDatabaseFailsAtAuthorize() {
        assertThatThrownBy(() -> testInline(url("no_such_db", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the database does not exist: "
                        + "database \"no_such_db\" does not exist \\(SQLState 3D000\\)\\. Check DATABASE.*");
    }

    @Test
    void aDatabaseTheUserMayNotConnectToFailsAtAuthorize() {
        assertThatThrownBy(() -> testInline(url("locked", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("42501")
                .hasMessageContaining("Grant the user CONNECT");
    }

    @Test
    void aTestByNameRecordsReadyWithTheServerAndDriverThenFailedWithTheReason() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("pg-by-name").connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(url("sales", PASSWORD))));
        glue.testConnection(r -> r.connectionName("pg-by-name"));
        Connection ready = glue.getConnection(r -> r.name("pg-by-name")).connection();
        assertThat(ready.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(ready.statusReason()).startsWith("Connection test succeeded in ")
                .contains("connected to 127.0.0.1:" + pg.port(), "server PostgreSQL 18", "driver PostgreSQL JDBC Driver",
                        "user analyst", "database sales");
        assertThat(ready.lastConnectionValidationTime()).isNotNull();

        glue.updateConnection(r -> r.name("pg-by-name").connectionInput(c -> c.name("pg-by-name")
                .connectionType(ConnectionType.JDBC).connectionPropertiesWithStrings(url("sales", WRONG_PASSWORD))));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("pg-by-name")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE");
        Connection failed = glue.getConnection(r -> r.name("pg-by-name").hidePassword(true)).connection();
        assertThat(failed.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(failed.statusReason()).contains("failed at AUTHENTICATE").doesNotContain(WRONG_PASSWORD);
        assertThat(failed.lastConnectionValidationTime()).isAfterOrEqualTo(ready.lastConnectionValidationTime());
    }

    @Test
    void basicAuthenticationCredentialsServeWhenUsernameAndPasswordAreAbsent() {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("sales")))
                .authenticationConfiguration(a -> a.basicAuthenticationCredentials(b -> b.username("analyst")
                        .password(PASSWORD)))));
    }

    private static Map<String, String> withSchema(String schemas) {
        return Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("sales") + "?currentSchema=" + schemas, "USERNAME", "analyst",
                "PASSWORD", PASSWORD);
    }

    @Test
    void aSchemaTheUserMayUseIsReported() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("pg-schema").connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(withSchema("app,public"))));
        glue.testConnection(r -> r.connectionName("pg-schema"));
        assertThat(glue.getConnection(r -> r.name("pg-schema")).connection().statusReason())
                .contains("schema app, public (USAGE granted)");
    }

    @Test
    void aMissingSchemaFailsAtAuthorize() {
        assertThatThrownBy(() -> testInline(withSchema("nowhere")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: schema \"nowhere\" \\(from "
                        + "currentSchema\\) does not exist in database \"sales\"\\..*");
    }

    @Test
    void aSchemaWithoutUsageFailsAtAuthorize() {
        assertThatThrownBy(() -> testInline(withSchema("app,private")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: user \"analyst\" has no USAGE "
                        + "privilege on schema \"private\"\\. GRANT USAGE ON SCHEMA.*");
    }

    @Test
    void requiringTlsFromAServerWithoutItFailsAtTls() {
        assertThatThrownBy(() -> testInline(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("sales") + "?sslmode=require",
                "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server does not offer TLS.*");
    }
}
