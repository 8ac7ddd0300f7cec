package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.MariaDbServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** TestConnection against a real MariaDB, through MariaDB Connector/J (mariadb) and MySQL Connector/J (mysql). */
class MariaDbTestConnectionTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final String WRONG_PASSWORD = "Wrong-Maria-Secret-81f2";
    private static MariaDbServer db;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void database() {
        db = SharedDatabases.mariadb();
    }

    private static Map<String, String> url(String scheme, String database, String user, String password) {
        return Map.of("JDBC_CONNECTION_URL", "jdbc:" + scheme + "://127.0.0.1:" + db.port() + "/" + database,
                "USERNAME", user, "PASSWORD", password);
    }

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(properties)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void theRightPasswordPasses(String scheme) {
        testInline(url(scheme, MariaDbServer.DATABASE, MariaDbServer.USER, MariaDbServer.PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void hostPortAndEngineWork(String engine) {
        testInline(Map.of("HOST", "db.dialtone.test", "PORT", String.valueOf(db.port()), "JDBC_ENGINE", engine,
                "DATABASE", MariaDbServer.DATABASE, "USERNAME", MariaDbServer.USER, "PASSWORD", MariaDbServer.PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void wrongPasswordFailsAtAuthenticateWithoutEchoingIt(String scheme) {
        assertThatThrownBy(() -> testInline(url(scheme, MariaDbServer.DATABASE, MariaDbServer.USER, WRONG_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials: .*Access denied for user 'app'.*\\(error 1045\\)\\. Check USERNAME and PASSWORD\\..*")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(CapturedLogs.all()).doesNotContain(WRONG_PASSWORD, MariaDbServer.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void anUnknownDatabaseFailsAtAuthorize(String scheme) {
        // The superuser learns that the database does not exist (1049) ...
        assertThatThrownBy(() -> testInline(url(scheme, "no_such_db", MariaDbServer.SUPERUSER,
                MariaDbServer.SUPERUSER_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the database does not exist: "
                        + ".*no_such_db.*\\(error 1049\\)\\. Check DATABASE.*");
        // ... an ordinary user only that it may not use it (1044): MariaDB hides which.
        assertThatThrownBy(() -> testInline(url(scheme, "no_such_db", MariaDbServer.USER, MariaDbServer.PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the user may not use the "
                        + "database: .*\\(error 1044\\)\\. Grant the user privileges.*");
    }

    @Test
    void aTestByNameRecordsTheOutcome() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("maria-by-name").connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(url("mariadb", MariaDbServer.DATABASE, MariaDbServer.USER,
                        MariaDbServer.PASSWORD))));
        glue.testConnection(r -> r.connectionName("maria-by-name"));
        Connection ready = glue.getConnection(r -> r.name("maria-by-name")).connection();
        assertThat(ready.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(ready.statusReason()).contains("server MariaDB", "driver MariaDB Connector/J");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:verify-full", "mysql:REQUIRED"})
    void requiringTlsFromAServerWithoutItFailsAtTls(String schemeAndMode) {
        String[] parts = schemeAndMode.split(":");
        assertThatThrownBy(() -> testInline(Map.of("JDBC_CONNECTION_URL", "jdbc:" + parts[0] + "://127.0.0.1:"
                + db.port() + "/" + MariaDbServer.DATABASE + "?sslMode=" + parts[1],
                "USERNAME", MariaDbServer.USER, "PASSWORD", MariaDbServer.PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at TLS after \\d+ ms: the server does not offer TLS.*");
    }
}
