package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * The operator's driver directory: an open-source driver jar (pgjdbc, copied from the build's own
 * class path) installed there is loaded at start in its own class loader and serves its engine
 * against a real server; a user may name it, and nothing else.
 */
class DriverDirectoryTestConnectionTest {
    private static final Path DRIVERS = installPgjdbc();
    private static final String JAR = jarOf(org.postgresql.Driver.class).getFileName().toString();

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withDriverDir(DRIVERS));

    private static PostgresServer pg;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void database() {
        pg = SharedDatabases.postgres();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path installPgjdbc() {
        try {
            Path directory = Files.createTempDirectory("dialtone-drivers");
            Path jar = jarOf(org.postgresql.Driver.class);
            Files.copy(jar, directory.resolve(jar.getFileName()));
            return directory;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> properties(String password, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("postgres"),
                "USERNAME", pg.superuser(), "PASSWORD", password));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    @Test
    void theInstalledDriverIsLoadedInItsOwnClassLoader() throws Exception {
        try (DriverDirectory directory = DriverDirectory.load(Optional.of(DRIVERS))) {
            assertThat(directory.installed()).singleElement().satisfies(installed -> {
                assertThat(installed.className()).isEqualTo("org.postgresql.Driver");
                assertThat(installed.jar()).isEqualTo(JAR);
                assertThat(installed.driver().getClass()).isNotSameAs(org.postgresql.Driver.class);
                assertThat(installed.driver().getClass().getClassLoader())
                        .isNotSameAs(org.postgresql.Driver.class.getClassLoader());
            });
        }
    }

    @Test
    void theInstalledDriverServesItsEngineAgainstARealServer() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("installed-pg").connectionType("JDBC")
                .connectionPropertiesWithStrings(properties(pg.superuserPassword()))));
        glue.testConnection(r -> r.connectionName("installed-pg"));
        assertThat(glue.getConnection(r -> r.name("installed-pg")).connection().statusReason())
                .contains("driver PostgreSQL JDBC Driver").contains("(installed " + JAR + ")")
                .contains("server PostgreSQL 18");
    }

    @Test
    void failuresThroughTheInstalledDriverAreClassifiedAsAny() {
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties("Wrong-Installed-Pw")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("28P01")
                .hasMessageNotContaining("Wrong-Installed-Pw");
    }

    @Test
    void aUserMayNameTheInstalledDriver() {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                properties(pg.superuserPassword(), "JDBC_DRIVER_CLASS_NAME", "org.postgresql.Driver",
                        "JDBC_DRIVER_JAR_URI", "s3://glue-drivers/jdbc/" + JAR))));
    }

    @Test
    void aUserNamedDriverThatIsNotInstalledIsRefused() {
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties(pg.superuserPassword(), "JDBC_DRIVER_JAR_URI",
                        "s3://attacker/evil.jar", "JDBC_DRIVER_CLASS_NAME", "org.postgresql.Driver")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("JDBC_DRIVER_JAR_URI is not accepted")
                .hasMessageContaining("installed: org.postgresql.Driver in " + JAR);
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties(pg.superuserPassword(), "JDBC_DRIVER_CLASS_NAME",
                        "org.h2.Driver")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("JDBC_DRIVER_CLASS_NAME is not accepted");
    }

    @Test
    void anInstalledDriverServesOnlyItsOwnEngine() {
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:mysql://127.0.0.1:1/db",
                        "USERNAME", "u", "PASSWORD", "p", "JDBC_DRIVER_CLASS_NAME", "org.postgresql.Driver")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not serve MySQL");
    }
}
