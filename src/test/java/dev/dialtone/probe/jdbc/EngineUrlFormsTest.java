package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.probe.InvalidTestInput;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each engine parses its own URL syntax into checked parts, and the driver only ever sees a URL
 * rebuilt from those parts.
 */
class EngineUrlFormsTest {
    private final SqlServerEngine sqlServer = new SqlServerEngine();
    private final RedshiftEngine redshift = new RedshiftEngine();
    private final OracleEngine oracle = new OracleEngine();
    private final Db2Engine db2 = new Db2Engine();
    private final PostgresEngine postgres = new PostgresEngine();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:sqlserver://db.internal:1433;databaseName=sales;encrypt=true|db.internal|1433|sales|encrypt=true",
        "jdbc:sqlserver://db.internal;database=sales|db.internal||sales|",
        "jdbc:sqlserver://10.0.0.5:14330|10.0.0.5|14330||",
        "jdbc:sqlserver://[::1]:1433;DATABASENAME=sales;loginTimeout=5;|[::1]|1433|sales|loginTimeout=5"
    })
    void sqlServerUrlsCarryTheDatabaseAsAProperty(String url, String host, String port, String database,
            String parameter) {
        JdbcUrl parsed = sqlServer.parse(url);
        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)));
        assertThat(parsed.database()).isEqualTo(Optional.ofNullable(database));
        if (parameter == null) {
            assertThat(parsed.parameters()).isEmpty();
        } else {
            String[] pair = parameter.split("=");
            assertThat(parsed.parameters()).containsExactly(Map.entry(pair[0], pair[1]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:sqlserver://db\\SQLEXPRESS;databaseName=x|names an instance",
        "jdbc:sqlserver://db:1433;password={a;b}|braced values",
        "jdbc:sqlserver://db:1433/sales|not as a path",
        "jdbc:sqlserver://db:1433;databaseName=a;database=b|names the database twice",
        "jdbc:sqlserver://db:1433;databaseName=a;databaseName=b|more than once",
        "jdbc:sqlserver://db,db2:1433|several hosts",
        "jdbc:sqlserver://sa@db:1433|credentials",
        "jdbc:sqlserver://db:1433;databaseName=../etc|may only contain"
    })
    void sqlServerFormsThatHideAnythingAreRefused(String url, String named) {
        assertThatThrownBy(() -> sqlServer.parse(url)).isInstanceOf(InvalidTestInput.class).hasMessageContaining(named);
    }

    @Test
    void sqlServerUrlsAreRebuiltWithDatabaseName() {
        assertThat(sqlServer.url(new JdbcTarget("db.internal", 1433, Optional.of("sales"), false)))
                .isEqualTo("jdbc:sqlserver://db.internal:1433;databaseName=sales");
        assertThat(sqlServer.url(new JdbcTarget("db.internal", 1433, Optional.empty(), false)))
                .isEqualTo("jdbc:sqlserver://db.internal:1433");
    }

    @Test
    void redshiftUrlsUseThePlainForm() {
        JdbcUrl parsed = redshift.parse("jdbc:redshift://examplecluster.abc123.us-west-2.redshift.amazonaws.com:5439/dev"
                + "?ApplicationName=etl");
        assertThat(parsed.host()).isEqualTo("examplecluster.abc123.us-west-2.redshift.amazonaws.com");
        assertThat(parsed.port()).hasValue(5439);
        assertThat(parsed.database()).contains("dev");
        assertThat(parsed.parameters()).containsEntry("ApplicationName", "etl");
        assertThat(redshift.url(new JdbcTarget("h", 5439, Optional.of("dev"), false))).isEqualTo("jdbc:redshift://h:5439/dev");
        assertThat(redshift.defaultPort()).isEqualTo(5439);
    }

    @Test
    void redshiftIamUrlsAreRefused() {
        assertThatThrownBy(() -> redshift.parse("jdbc:redshift:iam://examplecluster:us-west-2/dev"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("jdbc:redshift:iam:")
                .hasMessageContaining("AWS identity");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:oracle:thin:@//db.internal:1521/ORCLPDB1|db.internal|1521|ORCLPDB1|false",
        "jdbc:oracle:thin:@db.internal:1521/sales.example.com|db.internal|1521|sales.example.com|false",
        "jdbc:oracle:thin:@db.internal:1521:ORCL|db.internal|1521|ORCL|true",
        "jdbc:oracle:thin://@db.internal:1521/ORCLPDB1|db.internal|1521|ORCLPDB1|false",
        "jdbc:oracle:thin://@db.internal:1521:ORCL|db.internal|1521|ORCL|true",
        "jdbc:oracle:thin:@//db.internal/ORCLPDB1|db.internal||ORCLPDB1|false"
    })
    void oracleServiceNameAndSidForms(String url, String host, String port, String database, boolean sid) {
        JdbcUrl parsed = oracle.parse(url);
        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)));
        assertThat(parsed.database()).contains(database);
        assertThat(parsed.sid()).isEqualTo(sid);
        assertThat(parsed.parameters()).isEmpty();
    }

    @Test
    void oracleUrlsAreRebuiltInTheirOwnForm() {
        assertThat(oracle.url(new JdbcTarget("127.0.0.1", 40000, Optional.of("ORCLPDB1"), false)))
                .isEqualTo("jdbc:oracle:thin:@//127.0.0.1:40000/ORCLPDB1");
        assertThat(oracle.url(new JdbcTarget("127.0.0.1", 40000, Optional.of("ORCL"), true)))
                .isEqualTo("jdbc:oracle:thin:@127.0.0.1:40000:ORCL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:oracle:thin:@config-file:///etc/oracle/conn.json",
        "jdbc:oracle:thin:@config-https://config.example.com/conn",
        "jdbc:oracle:thin:@config-azure://myappconfig",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))",
        "jdbc:oracle:thin:@ldap://ldap.example.com:389/orcl,cn=OracleContext,dc=example,dc=com",
        "jdbc:oracle:thin:@tcps://db.internal:2484/ORCLPDB1",
        "jdbc:oracle:thin:@//db.internal:1521/ORCLPDB1?wallet_location=/etc/wallet",
        "jdbc:oracle:thin:@orcl_alias",
        "jdbc:oracle:oci:@//db.internal:1521/ORCLPDB1",
        "jdbc:oracle:thin:@//db.internal:1521:ORCL"
    })
    void oracleDescriptorsProvidersWalletsAndAliasesAreRefused(String url) {
        assertThatThrownBy(() -> oracle.parse(url)).isInstanceOf(InvalidTestInput.class)
                .hasMessageContaining("JDBC_CONNECTION_URL");
    }

    @Test
    void db2UrlsCarryPropertiesAfterTheDatabase() {
        JdbcUrl parsed = db2.parse("jdbc:db2://db.internal:50000/SAMPLE:currentSchema=APP;clientProgramName=etl;");
        assertThat(parsed.host()).isEqualTo("db.internal");
        assertThat(parsed.port()).hasValue(50000);
        assertThat(parsed.database()).contains("SAMPLE");
        assertThat(parsed.parameters()).containsEntry("currentSchema", "APP").containsEntry("clientProgramName", "etl");
        assertThat(db2.url(new JdbcTarget("127.0.0.1", 1, Optional.of("SAMPLE"), false)))
                .isEqualTo("jdbc:db2://127.0.0.1:1/SAMPLE");
        assertThatThrownBy(() -> db2.parse("jdbc:db2://db:50000/SAMPLE:currentSchema=APP"))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("must each end with ';'");
        assertThatThrownBy(() -> db2.parameterPolicy().check(db2.parse(
                "jdbc:db2://db:50000/SAMPLE:clientRerouteServerListJNDIName=ldap://evil/x;").parameters()))
                .hasMessageContaining("JNDI");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "socketFactoryClass|load a class", "socketFactoryConstructorArg|load a class",
        "trustManagerClass|load a class", "trustManagerConstructorArg|load a class",
        "accessTokenCallbackClass|load a class", "trustStore|read files", "keyStoreLocation|read files",
        "integratedSecurity|own identity", "authentication|own identity", "serverName|overrides the host",
        "instanceName|overrides the host", "password|credentials"
    })
    void sqlServerParametersThatLoadClassesReadFilesOrUseTheServersIdentityAreRefused(String key, String reason) {
        assertThatThrownBy(() -> sqlServer.parameterPolicy().check(Map.of(key, "x")))
                .hasMessageContaining("'" + key + "'").hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plugin_name|load a class", "credentials_provider|load a class", "sslfactory|load a class",
        "socketFactory|load a class", "iam|AWS identity", "AccessKeyID|AWS identity", "Profile|AWS identity",
        "IdpHost|AWS identity", "sslrootcert|files", "LogPath|files", "UID|credentials"
    })
    void redshiftPluginAndIamParametersAreRefused(String key, String reason) {
        assertThatThrownBy(() -> redshift.parameterPolicy().check(Map.of(key, "x")))
                .hasMessageContaining("'" + key + "'").hasMessageContaining(reason);
    }

    @Test
    void tlsIntentFollowsEachDriversDefaults() {
        assertThat(sqlServer.tlsIntent(Map.of())).isEqualTo(TlsIntent.verifyFull("encrypt=true (the default)"));
        assertThat(sqlServer.tlsIntent(Map.of("trustServerCertificate", "true")).verify()).isFalse();
        assertThat(sqlServer.tlsIntent(Map.of("encrypt", "false")).required()).isFalse();
        assertThat(redshift.tlsIntent(Map.of())).isEqualTo(new TlsIntent(false, true, true, false, false,
                "sslmode=verify-ca (the default)"));
        assertThat(redshift.tlsIntent(Map.of("sslmode", "verify-ca")).chainOnly()).isTrue();
        assertThat(postgres.tlsIntent(Map.of()).required()).isFalse();
        assertThat(postgres.tlsIntent(Map.of("ssl", "true"))).isEqualTo(TlsIntent.verifyFull("ssl=true"));
    }
}
