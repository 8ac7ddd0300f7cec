package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * Opt-in tests against real SQL Server, Redshift, Oracle and Db2 servers, which cannot run on the
 * build machine. Each runs only when its variables point at a server:
 * {@code DIALTONE_IT_<ENGINE>_URL}, {@code _USER} and {@code _PASSWORD} (ENGINE: SQLSERVER, REDSHIFT,
 * ORACLE, DB2), plus {@code DIALTONE_IT_DRIVER_DIR} holding the vendor jars for Oracle and Db2.
 */
class VendorServerIntegrationTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> Optional.ofNullable(
            System.getenv("DIALTONE_IT_DRIVER_DIR")).map(dir -> config.withDriverDir(Path.of(dir))).orElse(config));
    private final GlueClient glue = SERVER.glue();

    private void rightAndWrongPassword(String engine) {
        String url = System.getenv("DIALTONE_IT_" + engine + "_URL");
        String user = System.getenv("DIALTONE_IT_" + engine + "_USER");
        String password = System.getenv("DIALTONE_IT_" + engine + "_PASSWORD");
        String name = "it-" + engine.toLowerCase(java.util.Locale.ROOT);
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", url, "USERNAME", user,
                        "PASSWORD", password))));
        glue.testConnection(r -> r.connectionName(name));
        assertThat(glue.getConnection(r -> r.name(name)).connection().statusReason())
                .startsWith("Connection test succeeded").contains("server ").contains("driver ");
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", url, "USERNAME", user,
                        "PASSWORD", password + "-wrong")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageNotContaining(password);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIALTONE_IT_SQLSERVER_URL", matches = ".+")
    void sqlServer() {
        rightAndWrongPassword("SQLSERVER");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIALTONE_IT_REDSHIFT_URL", matches = ".+")
    void redshift() {
        rightAndWrongPassword("REDSHIFT");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIALTONE_IT_ORACLE_URL", matches = ".+")
    void oracle() {
        rightAndWrongPassword("ORACLE");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIALTONE_IT_DB2_URL", matches = ".+")
    void db2() {
        rightAndWrongPassword("DB2");
    }
}
