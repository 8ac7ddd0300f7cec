package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Tarpit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/** The hard deadline holds against a server that accepts and never answers, and cleans up after itself. */
class TestConnectionDeadlineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(DEADLINE);
    private static Tarpit tarpit;

    @BeforeAll
    static void startTarpit() throws Exception {
        tarpit = new Tarpit();
    }

    @AfterAll
    static void stopTarpit() throws Exception {
        tarpit.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "mariadb"})
    void aTarpitTimesOutAtHandshakeWithinTheDeadlineAndItsSocketAndThreadAreReleased(String scheme) {
        int acceptedBefore = tarpit.accepted();
        SERVER.glue().getConnections(r -> { });  // the client's own first-call warm-up is not the server's time
        long start = System.nanoTime();
        assertThatThrownBy(() -> SERVER.glue().testConnection(r -> r.testConnectionInput(t -> t
                .connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of(
                        "JDBC_CONNECTION_URL", "jdbc:" + scheme + "://127.0.0.1:" + tarpit.port() + "/db",
                        "USERNAME", "u", "PASSWORD", "tarpit-password")))))
                .isInstanceOf(OperationTimeoutException.class)
                .hasMessageContaining("did not finish within the 2000 ms deadline")
                .hasMessageContaining("stuck at HANDSHAKE")
                .hasMessageNotContaining("tarpit-password")
                .satisfies(e -> assertThat(((OperationTimeoutException) e).statusCode()).isEqualTo(400));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(DEADLINE.plusSeconds(1));

        assertThat(tarpit.accepted()).isEqualTo(acceptedBefore + 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(tarpit.closedByClient()).as("the abandoned socket is closed").isEqualTo(tarpit.accepted());
            assertThat(SERVER.dialtone().probe().running()).as("the abandoned test thread has ended").isZero();
        });
    }
}
