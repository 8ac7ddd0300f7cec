package dev.dialtone.probe.untestable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** The types Dialtone cannot test say why and what it can check instead; CUSTOM JDBC connectors are tested as JDBC. */
class OtherTypesTestConnectionTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private final GlueClient glue = SERVER.glue();

    private void inline(String type, Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void untestableTypesAnswerWhyAndWhatDialtoneCanCheckInstead() {
        assertThatThrownBy(() -> inline("TPCDS", Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Dialtone cannot test TPCDS connections: Athena's TPC-DS connector "
                        + "generates its data inside the connector");
        for (String type : new String[] {"HBASE", "CLOUDERAHIVE", "CLOUDERAIMPALA", "DATALAKEGEN2", "MARKETPLACE"}) {
            assertThatThrownBy(() -> inline(type, Map.of("HOST", "127.0.0.1", "PORT", "1")))
                    .as(type).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Dialtone cannot test " + type + " connections")
                    .hasMessageContaining("a NETWORK test of HOST and PORT");
        }
    }

    @Test
    void marketplaceIsNeverFetchedOrRun() {
        assertThatThrownBy(() -> inline("MARKETPLACE", Map.of("CONNECTOR_URL", "https://127.0.0.1:1/connector",
                "CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/app")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Dialtone does not fetch or run connector code");
    }

    @Test
    void aCustomJdbcConnectorIsTestedAsJdbcWithoutLoadingTheConnector() {
        int closed = Ports.free();
        assertThatThrownBy(() -> inline("CUSTOM", Map.of("CONNECTION_TYPE", "Jdbc", "CONNECTOR_URL",
                "s3://connectors/evil.jar", "CONNECTOR_CLASS_NAME", "org.postgresql.Driver", "JDBC_CONNECTION_URL",
                "jdbc:postgresql://127.0.0.1:" + closed + "/app", "USERNAME", "app", "PASSWORD", "pw-9f1e")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("127.0.0.1:" + closed)
                .hasMessageNotContaining("pw-9f1e");
        assertThatThrownBy(() -> inline("CUSTOM", Map.of("CONNECTION_TYPE", "Spark")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unless they are JDBC connectors");
        assertThatThrownBy(() -> inline("CUSTOM", Map.of("CONNECTION_TYPE", "Jdbc", "JDBC_CONNECTION_URL",
                "jdbc:postgresql://${host}:5432/app")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a template");
    }

    @Test
    void theyAreDescribedWithGluesPropertyNames() {
        assertThat(glue.describeConnectionType(r -> r.connectionType("HBASE")).connectionProperties())
                .containsKeys("HOST", "HBASE_PORT", "ZOOKEEPER_PORT");
        assertThat(glue.describeConnectionType(r -> r.connectionType("TPCDS")).description())
                .startsWith("Dialtone cannot test TPCDS connections");
    }
}
