package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.fixtures.MariaDbServer;
import dev.dialtone.fixtures.MongoWireServer;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * Glue's unified database types against real servers: POSTGRESQL against PostgreSQL, MYSQL (MySQL Connector/J)
 * against MariaDB, DOCUMENTDB against the MongoDB wire server, each logging in with the secret named by
 * AuthenticationConfiguration.SecretArn (read from Secrets Manager with the caller's permissions).
 */
class DatabaseTypesTestConnectionTest {
    private static final String PG_PASSWORD = "Unified-Pg-4d2e";
    private static final FakeSecretsManager SECRETS_MANAGER = FakeSecretsManager.start();
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withSources(config.sources()
            .withServerSecretsAllowed(true).withEnvironment(Map.of(
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS_MANAGER.endpoint(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "AKIDDIALTONETEST", "AWS_SECRET_ACCESS_KEY", "dialtone-test-only"))));
    private static PostgresServer pg;
    private static MariaDbServer maria;
    private static MongoWireServer mongo;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void servers() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("unified_user", PG_PASSWORD);
        pg.createDatabase("unified", "unified_user");
        maria = SharedDatabases.mariadb();
        mongo = MongoWireServer.requiringAuthentication(MongoWireServer.User.of("docdb_user", "Docdb-Pw-77a1"));
        SECRETS_MANAGER.put("pg", "{\"username\":\"unified_user\",\"password\":\"" + PG_PASSWORD + "\"}");
        SECRETS_MANAGER.put("pg-wrong", "{\"username\":\"unified_user\",\"password\":\"not-it-9a8b\"}");
        SECRETS_MANAGER.put("maria", "{\"USERNAME\":\"" + MariaDbServer.USER + "\",\"PASSWORD\":\""
                + MariaDbServer.PASSWORD + "\"}");
        SECRETS_MANAGER.put("docdb", "{\"username\":\"docdb_user\",\"password\":\"Docdb-Pw-77a1\"}");
    }

    @AfterAll
    static void stop() {
        mongo.close();
        SECRETS_MANAGER.close();
    }

    private void test(String type, Map<String, String> properties, String secret) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties)
                .authenticationConfiguration(a -> a.authenticationType("BASIC").secretArn(ARN + secret))));
    }

    @Test
    void postgresqlLogsInWithTheSecretAndProvesTheDatabase() {
        test("POSTGRESQL", Map.of("HOST", pg.host(), "PORT", String.valueOf(pg.port()), "DATABASE", "unified"), "pg");
    }

    @Test
    void postgresqlWithAWrongPasswordInTheSecretFailsAtAuthenticateWithoutEchoingIt() {
        assertThatThrownBy(() -> test("POSTGRESQL", Map.of("HOST", pg.host(), "PORT", String.valueOf(pg.port()),
                "DATABASE", "unified"), "pg-wrong"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageNotContaining("not-it-9a8b");
    }

    @Test
    void postgresqlJdbcParamsPassTheDriversAllowList() {
        assertThatThrownBy(() -> test("POSTGRESQL", Map.of("HOST", pg.host(), "PORT", String.valueOf(pg.port()),
                "DATABASE", "unified", "JDBC_PARAMS", "socketFactory=evil.Factory"), "pg"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("socketFactory");
        test("POSTGRESQL", Map.of("HOST", pg.host(), "PORT", String.valueOf(pg.port()), "DATABASE", "unified",
                "JDBC_PARAMS", "ApplicationName=dialtone-unified"), "pg");
    }

    @Test
    void mysqlLogsInToMariaDbWithGluesUppercaseSecretKeys() {
        test("MYSQL", Map.of("HOST", maria.host(), "PORT", String.valueOf(maria.port()),
                "DATABASE", MariaDbServer.DATABASE), "maria");
    }

    @Test
    void documentDbLogsInOverTheMongoWireAndTurnsTlsOnByDefault() {
        test("DOCUMENTDB", Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(mongo.port()),
                "JDBC_PARAMS", "tls=false"), "docdb");
    }

    @Test
    void documentDbVerifiesTlsByDefault() throws Exception {
        // Without tls=false DocumentDB's default applies: TLS, verified (here against an issuer nobody trusts).
        dev.dialtone.fixtures.TestCertificates.Issued ca = dev.dialtone.fixtures.TestCertificates
                .certificateAuthority("Dialtone DocumentDB Test CA");
        try (dev.dialtone.fixtures.TlsServer tls = new dev.dialtone.fixtures.TlsServer(dev.dialtone.fixtures
                .TestCertificates.serverContext(dev.dialtone.fixtures.TestCertificates.server(ca, "localhost"), ca))) {
            assertThatThrownBy(() -> test("DOCUMENTDB", Map.of("HOST", "localhost", "PORT", String.valueOf(tls.port())),
                    "docdb"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at TLS")
                    .hasMessageContaining("Dialtone DocumentDB Test CA");
        }
    }

    @Test
    void azureSqlForcesAzuresTlsRulesBeforeAnySocket() {
        assertThatThrownBy(() -> test("AZURESQL", Map.of("HOST", "sales.database.windows.net", "DATABASE", "sales",
                "JDBC_PARAMS", "trustServerCertificate=true"), "pg"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Azure SQL Database connections always use trustServerCertificate=false");
        assertThat(DatabaseType.named("SYNAPSE").orElseThrow().url("ws.sql.azuresynapse.net", 1433,
                java.util.Optional.of("pool"), DatabaseType.named("SYNAPSE").orElseThrow().params("")))
                .isEqualTo("jdbc:sqlserver://ws.sql.azuresynapse.net:1433;databaseName=pool;encrypt=true;"
                        + "trustServerCertificate=false;hostNameInCertificate=*.sql.azuresynapse.net");
    }

    @Test
    void vendorTypesBuildTheirEnginesUrlForms() {
        assertThat(url("TERADATA", "td.example", 1025, "sales", "TMODE=ANSI,CHARSET=UTF8"))
                .isEqualTo("jdbc:teradata://td.example/DBS_PORT=1025,DATABASE=sales,TMODE=ANSI,CHARSET=UTF8");
        assertThat(url("SAPHANA", "hana.example", 30015, "HXE", "currentSchema=S"))
                .isEqualTo("jdbc:sap://hana.example:30015/?databaseName=HXE&currentSchema=S");
        assertThat(url("VERTICA", "v.example", 5433, "db", "")).isEqualTo("jdbc:vertica://v.example:5433/db");
        assertThat(url("DB2", "db2.example", 50000, "SAMPLE", "currentSchema=APP"))
                .isEqualTo("jdbc:db2://db2.example:50000/SAMPLE:currentSchema=APP;");
        assertThat(new TeradataEngine().parse(url("TERADATA", "td.example", 1025, "sales", "TMODE=ANSI")).port())
                .hasValue(1025);
        assertThatThrownBy(() -> DatabaseType.named("TERADATA").orElseThrow().params("TMODE=ANSI/x"))
                .hasMessageContaining("JDBC_PARAMS must be");
        assertThatThrownBy(() -> new TeradataEngine().parameterPolicy().check(Map.of("COP", "ON")))
                .hasMessageContaining("COP");
        assertThatThrownBy(() -> new VerticaEngine().parameterPolicy().check(Map.of("ConnSettings", "DROP TABLE x")))
                .hasMessageContaining("ConnSettings");
        assertThatThrownBy(() -> new SapHanaEngine().parameterPolicy().check(Map.of("traceFile", "/tmp/x")))
                .hasMessageContaining("traceFile");
    }

    private static String url(String type, String host, int port, String database, String params) {
        DatabaseType declared = DatabaseType.named(type).orElseThrow();
        return declared.url(host, port, java.util.Optional.of(database), declared.params(params));
    }
}
