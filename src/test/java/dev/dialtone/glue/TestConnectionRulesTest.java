package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Slammer;
import dev.dialtone.fixtures.Tarpit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * TestConnection's input rules, the driver-parameter allow-list, and failures that need no
 * database: each refusal must happen before any socket opens (a canary listener counts them).
 */
class TestConnectionRulesTest {
    @RegisterExtension
    // SECRET_ID cases read the server's secrets, which the laptop mode allows only when the operator says so.
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true));
    private static Tarpit canary;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void startCanary() throws Exception {
        canary = new Tarpit();
    }

    @AfterAll
    static void stopCanary() throws Exception {
        canary.close();
    }

    private static Map<String, String> jdbcUrl(String url) {
        return Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "u", "PASSWORD", "pw-never-shown");
    }

    private void assertInvalid(String type, Map<String, String> properties, String... messageParts) {
        int before = canary.accepted();
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll(messageParts)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-never-shown"));
        assertThat(canary.accepted()).as("no socket may open for a refused test").isEqualTo(before);
    }

    @Test
    void bothNameAndInputIsInvalid() {
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("x").testConnectionInput(t -> t
                .connectionType(ConnectionType.JDBC).connectionPropertiesWithStrings(Map.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Only one of ConnectionName or TestConnectionInput");
    }

    @Test
    void neitherNameNorInputIsInvalid() {
        assertThatThrownBy(() -> glue.testConnection(r -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Either ConnectionName or TestConnectionInput");
    }

    @Test
    void anUnknownNameIsEntityNotFound() {
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("absent").catalogId("121212121212")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'absent'").hasMessageContaining("121212121212");
    }

    @Test
    void aTypeWithoutATesterListsTheTypesThatCanBeTested() {
        assertInvalid("CMDB", Map.of("CONNECTION_URL", "https://127.0.0.1:" + canary.port()),
                "CMDB cannot be tested", "JDBC");
        assertInvalid("SNOWFLAKE", Map.of(), "SNOWFLAKE cannot be tested", "JDBC");
    }

    @Test
    void salesforceWithoutAuthenticationConfigurationIsInvalid() {
        assertInvalid("SALESFORCE", Map.of("INSTANCE_URL", "https://127.0.0.1:" + canary.port()),
                "TestConnectionInput.AuthenticationConfiguration is required");
    }

    @Test
    void jdbcNeedsAUrlOrHostPortAndEngine() {
        assertInvalid("JDBC", Map.of("USERNAME", "u", "PASSWORD", "p"),
                "JDBC_CONNECTION_URL, or all of HOST, PORT and JDBC_ENGINE", "missing: HOST, PORT, JDBC_ENGINE");
        assertInvalid("JDBC", Map.of("HOST", "127.0.0.1", "JDBC_ENGINE", "postgres", "USERNAME", "u", "PASSWORD", "p"),
                "missing: PORT");
        assertInvalid("JDBC", Map.of("HOST", "127.0.0.1", "PORT", "99999", "JDBC_ENGINE", "postgres", "USERNAME", "u",
                "PASSWORD", "p"), "PORT must be a number from 1 to 65535");
        assertInvalid("JDBC", Map.of("HOST", "127.0.0.1", "PORT", "5432", "JDBC_ENGINE", "db2", "USERNAME", "u",
                "PASSWORD", "p"), "JDBC_ENGINE 'db2' cannot be tested",
                "mariadb, mssql, mysql, postgres, postgresql, redshift, sqlserver");
    }

    @Test
    void jdbcNeedsUsernameAndPasswordOrASecret() {
        String url = "jdbc:postgresql://127.0.0.1:" + canary.port() + "/db";
        assertInvalid("JDBC", Map.of("JDBC_CONNECTION_URL", url), "USERNAME and PASSWORD, or SECRET_ID",
                "missing: USERNAME, PASSWORD");
        assertInvalid("JDBC", Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "u"), "missing: PASSWORD");
        assertInvalid("JDBC", Map.of("JDBC_CONNECTION_URL", url, "SECRET_ID", "prod/db"),
                "Secret 'prod/db' cannot be read");
    }

    @Test
    void conflictingAddressPropertiesAreInvalid() {
        String url = "jdbc:postgresql://127.0.0.1:" + canary.port() + "/db";
        Map<String, String> properties = new HashMap<>(jdbcUrl(url));
        properties.put("JDBC_ENGINE", "mysql");
        assertInvalid("JDBC", properties, "JDBC_ENGINE 'mysql' does not match JDBC_CONNECTION_URL");
        properties.put("JDBC_ENGINE", "postgres");
        properties.put("DATABASE", "other");
        assertInvalid("JDBC", properties, "DATABASE 'other' differs");
    }

    @Test
    void aUserNamedDriverIsNeverLoaded() {
        Map<String, String> properties = new HashMap<>(jdbcUrl("jdbc:postgresql://127.0.0.1:" + canary.port() + "/db"));
        properties.put("JDBC_DRIVER_CLASS_NAME", "org.h2.Driver");
        assertInvalid("JDBC", properties, "JDBC_DRIVER_CLASS_NAME is not accepted");
        properties.remove("JDBC_DRIVER_CLASS_NAME");
        properties.put("JDBC_DRIVER_JAR_URI", "s3://bucket/evil.jar");
        assertInvalid("JDBC", properties, "JDBC_DRIVER_JAR_URI is not accepted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://127.0.0.1:PORT/db?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext|socketFactory",
        "jdbc:postgresql://127.0.0.1:PORT/db?socketFactoryArg=http://x/a.xml|socketFactoryArg",
        "jdbc:postgresql://127.0.0.1:PORT/db?sslfactory=x.Y|sslfactory",
        "jdbc:postgresql://127.0.0.1:PORT/db?sslhostnameverifier=x.Y|sslhostnameverifier",
        "jdbc:postgresql://127.0.0.1:PORT/db?sslpasswordcallback=x.Y|sslpasswordcallback",
        "jdbc:postgresql://127.0.0.1:PORT/db?authenticationPluginClassName=x.Y|authenticationPluginClassName",
        "jdbc:postgresql://127.0.0.1:PORT/db?loggerFile=/tmp/x.jsp&loggerLevel=DEBUG|loggerFile",
        "jdbc:postgresql://127.0.0.1:PORT/db?sslrootcert=/etc/passwd|sslrootcert",
        "jdbc:postgresql://127.0.0.1:PORT/db?SOCKETfactory=x|SOCKETfactory",
        "jdbc:postgresql://127.0.0.1:PORT/db?%73ocketFactory=x|socketFactory",
        "jdbc:postgresql://127.0.0.1:PORT/db?password=inline|password",
        "jdbc:postgresql://127.0.0.1:PORT/db?whatever=1|not on Dialtone's allow-list",
        "jdbc:mysql://127.0.0.1:PORT/db?autoDeserialize=true|autoDeserialize",
        "jdbc:mysql://127.0.0.1:PORT/db?allowLoadLocalInfile=true|allowLoadLocalInfile",
        "jdbc:mysql://127.0.0.1:PORT/db?allowUrlInLocalInfile=true|allowUrlInLocalInfile",
        "jdbc:mysql://127.0.0.1:PORT/db?allowLoadLocalInfileInPath=/|allowLoadLocalInfileInPath",
        "jdbc:mysql://127.0.0.1:PORT/db?queryInterceptors=com.mysql.cj.jdbc.interceptors.ServerStatusDiffInterceptor|queryInterceptors",
        "jdbc:mysql://127.0.0.1:PORT/db?statementInterceptors=x|statementInterceptors",
        "jdbc:mysql://127.0.0.1:PORT/db?propertiesTransform=x|propertiesTransform",
        "jdbc:mysql://127.0.0.1:PORT/db?%61llowLoadLocalInfile=true|allowLoadLocalInfile",
        "jdbc:mysql://127.0.0.1:PORT/db?allowPublicKeyRetrieval=true|allowPublicKeyRetrieval",
        "jdbc:mariadb://127.0.0.1:PORT/db?allowLocalInfile=true|allowLocalInfile",
        "jdbc:mariadb://127.0.0.1:PORT/db?credentialType=AWS-IAM|credentialType",
        "jdbc:mariadb://127.0.0.1:PORT/db?socketFactory=x|socketFactory",
        "jdbc:mysql://(host=127.0.0.1,port=PORT,autoDeserialize=true)/db|host-properties form",
        "jdbc:mysql://address=(host=127.0.0.1)(port=PORT)/db|host-properties form",
        "jdbc:mysql://127.0.0.1:PORT,127.0.0.2:PORT/db|several hosts",
        "jdbc:mysql://127.0.0.1:PORT/db#?autoDeserialize=true|'#'",
        "jdbc:mysql:loadbalance://127.0.0.1:PORT/db|not supported",
        "jdbc:mysql+srv://127.0.0.1:PORT/db|not supported",
        "jdbc:postgresql://u:pw@127.0.0.1:PORT/db|credentials",
        "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://127.0.0.1:PORT/x.sql'|never accepts",
        "jdbc:derby:db;startMaster=true;slaveHost=127.0.0.1|never accepts",
        "jdbc:sqlite::resource:http://127.0.0.1:PORT/poc.db|never accepts",
        "jdbc:jcr:jndi:ldap://127.0.0.1:PORT/x|never accepts",
        "jdbc:oracle:thin:@config-https://127.0.0.1:PORT/x|not supported",
        "jdbc:sqlserver://127.0.0.1:PORT;databaseName=x;socketFactoryClass=x.Y|socketFactoryClass",
        "jdbc:db2://127.0.0.1:PORT/db:clientRerouteServerListJNDIName=ldap://127.0.0.1:PORT/x;|clientRerouteServerListJNDIName"
    })
    void dangerousUrlsAreRefusedBeforeAnyDriverSeesThem(String url, String named) {
        assertInvalid("JDBC", jdbcUrl(url.replace("PORT", String.valueOf(canary.port()))), named);
    }

    @Test
    void aClosedPortFailsAtConnectSayingRefused() {
        int closed = Ports.free();
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(jdbcUrl("jdbc:postgresql://127.0.0.1:" + closed + "/db")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at CONNECT after \\d+ ms: TCP connection to 127\\.0\\.0\\.1:"
                        + closed + " was refused.*Check HOST and PORT.*");
    }

    @Test
    void anUnknownHostFailsAtResolve() {
        // The test JVM resolves names from src/test/resources/hosts only: no DNS query leaves the machine.
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("HOST", "nosuch.dialtone.invalid", "PORT", "5432",
                        "JDBC_ENGINE", "postgres", "USERNAME", "u", "PASSWORD", "p")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at RESOLVE after \\d+ ms: the host name "
                        + "'nosuch.dialtone.invalid' could not be resolved\\..*Check HOST.*");
    }

    @Test
    void anInlineTestStoresNothing() {
        int before = glue.getConnections(r -> r.catalogId("131313131313")).connectionList().size();
        assertThatThrownBy(() -> glue.testConnection(r -> r.catalogId("131313131313").testConnectionInput(t -> t
                .connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(jdbcUrl("jdbc:postgresql://127.0.0.1:" + Ports.free() + "/db")))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(glue.getConnections(r -> r.catalogId("131313131313")).connectionList()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "mariadb"})
    void aServerThatHangsUpFailsAtHandshake(String scheme) throws Exception {
        try (Slammer slammer = new Slammer()) {
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                    .connectionPropertiesWithStrings(jdbcUrl("jdbc:" + scheme + "://127.0.0.1:" + slammer.port() + "/db")))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: .*Check that HOST and PORT "
                            + "point at a .* server.*");
        }
    }

    @Test
    void aServerSpeakingAnotherProtocolFailsAtHandshake() {
        // Dialtone's own HTTP port answers pgjdbc's startup packet with an HTTP error page.
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(jdbcUrl("jdbc:postgresql://127.0.0.1:" + SERVER.port() + "/db")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: .*PostgreSQL.*");
    }
}
