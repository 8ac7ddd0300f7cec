package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Slammer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * SQL Server and Redshift up to the wire (no such server can run here): a server that hangs up fails at HANDSHAKE
 * in the engine's words; Oracle and Db2 without their vendor driver say how to install it. (Closed ports and
 * other protocols are TesterContractTest's, for every type.)
 */
class VendorEnginesWireTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private final GlueClient glue = SERVER.glue();

    private void testInline(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(properties)));
    }

    private static Map<String, String> url(String url) {
        return Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "etl", "PASSWORD", "Vendor-Pw-0c9e");
    }

    private static String url(String engine, int port) {
        return engine.equals("sqlserver") ? "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=sales"
                : "jdbc:redshift://127.0.0.1:" + port + "/dev";
    }

    @ParameterizedTest
    @CsvSource({"sqlserver,SQL Server", "redshift,Amazon Redshift"})
    void aServerThatHangsUpFailsAtHandshakeInTheEnginesWords(String engine, String product) throws Exception {
        try (Slammer slammer = new Slammer()) {
            assertThatThrownBy(() -> testInline(url(url(engine, slammer.port()))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: .*Check that HOST and PORT "
                            + "point at a " + product + " server.*");
        }
    }

    @Test
    void hostPortAndEngineSelectSqlServerAndRedshift() {
        int closed = Ports.free();
        for (String engine : new String[] {"sqlserver", "mssql", "redshift"}) {
            assertThatThrownBy(() -> testInline(Map.of("HOST", "db.dialtone.test", "PORT", String.valueOf(closed),
                    "JDBC_ENGINE", engine, "DATABASE", "sales", "USERNAME", "etl", "PASSWORD", "pw")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at CONNECT").hasMessageContaining("(db.dialtone.test)");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:oracle:thin:@//127.0.0.1:1521/ORCLPDB1|Oracle cannot be tested here",
        "jdbc:oracle:thin:@127.0.0.1:1521:ORCL|Oracle cannot be tested here",
        "jdbc:db2://127.0.0.1:50000/SAMPLE|IBM Db2 cannot be tested here"
    })
    void vendorEnginesWithoutTheirDriverSayHowToInstallIt(String url, String message) {
        assertThatThrownBy(() -> testInline(url(url)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message).hasMessageContaining("DIALTONE_DRIVER_DIR");
    }

    @Test
    void enforcedTlsToSqlServerThatHangsUpFailsBeforeAnyCertificate() throws Exception {
        try (Slammer slammer = new Slammer()) {
            assertThatThrownBy(() -> testInline(Map.of("JDBC_CONNECTION_URL", url("sqlserver", slammer.port()),
                    "USERNAME", "etl", "PASSWORD", "pw", "JDBC_ENFORCE_SSL", "true")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at HANDSHAKE");
        }
    }
}
