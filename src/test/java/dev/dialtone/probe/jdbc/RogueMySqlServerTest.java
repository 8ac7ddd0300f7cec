package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RogueMySqlServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * A server a connection names may be hostile: a fake MySQL server that answers the driver's queries with a
 * {@code LOAD DATA LOCAL INFILE} request for /etc/passwd gets no byte of the file, through either driver, and a URL
 * that asks the driver to allow it is refused before any socket opens.
 */
class RogueMySqlServerTest {
    private static final String FILE = "/etc/passwd";
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private static Map<String, String> properties(String url) {
        return Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "victim", "PASSWORD", "rogue-test-password");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mysql", "mariadb"})
    void aLocalInfileRequestGetsNoByteOfTheFile(String engine) throws Exception {
        String firstLine = Files.readAllLines(Path.of(FILE)).get(0);
        try (RogueMySqlServer rogue = new RogueMySqlServer(FILE)) {
            String url = "jdbc:" + engine + "://127.0.0.1:" + rogue.port() + "/sales";
            assertThatThrownBy(() -> SERVER.glue().testConnection(r -> r.testConnectionInput(input -> input
                    .connectionType("JDBC").connectionPropertiesWithStrings(properties(url)))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Connection test failed")
                    .hasMessageNotContaining(firstLine);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rogue.finished() == rogue.connections());
            assertThat(rogue.fileRequests()).as("the driver reached a query, so the server could ask for the file")
                    .isPositive();
            byte[] sent = rogue.bytesAfterFileRequests();
            // Each reply is nothing at all, or the empty packet that refuses the request (length 0, any sequence).
            for (int i = 0; i < sent.length; i += 4) {
                assertThat(new byte[] {sent[i], sent[i + 1], sent[i + 2]}).as("reply %d of %d bytes: %s", i / 4,
                        sent.length, new String(sent, StandardCharsets.ISO_8859_1)).containsExactly(0, 0, 0);
            }
            assertThat(new String(sent, StandardCharsets.ISO_8859_1)).doesNotContain(firstLine, "root:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mysql, allowLoadLocalInfile=true", "mysql, allowLocalInfile=true", "mysql, ALLOWLOADLOCALINFILE=TRUE",
        "mysql, allowLoadLocalInfileInPath=/etc", "mysql, allowUrlInLocalInfile=true", "mariadb, allowLocalInfile=true",
        "mariadb, allowLoadLocalInfile=true", "mariadb, AllowLocalInfile=1"})
    void aUrlAskingTheDriverToAllowLocalInfileIsRefusedBeforeDialling(String engine, String parameter) throws Exception {
        try (RogueMySqlServer rogue = new RogueMySqlServer(FILE)) {
            String url = "jdbc:" + engine + "://127.0.0.1:" + rogue.port() + "/sales?" + parameter;
            String name = parameter.substring(0, parameter.indexOf('='));
            assertThatThrownBy(() -> SERVER.glue().testConnection(r -> r.testConnectionInput(input -> input
                    .connectionType("JDBC").connectionPropertiesWithStrings(properties(url)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContainingAll("parameter '" + name + "' is not allowed", "read files");
            assertThat(rogue.connections()).as("no socket was opened").isZero();
        }
    }
}
