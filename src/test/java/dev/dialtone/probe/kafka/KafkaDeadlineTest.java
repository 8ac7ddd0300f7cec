package dev.dialtone.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.StallingKafkaBroker;
import dev.dialtone.fixtures.Tarpit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/**
 * The deadline holds wherever a KAFKA test stalls, on our own sockets or inside the Admin client,
 * and nothing is left behind: no socket, no probe thread, no Admin client thread.
 */
class KafkaDeadlineTest {
    // Long enough for the Admin client to start, bootstrap and send its first call on a busy machine.
    private static final Duration DEADLINE = Duration.ofSeconds(3);
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

    private static void test(String bootstrap) {
        SERVER.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType("KAFKA")
                .connectionPropertiesWithStrings(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "KAFKA_SSL_ENABLED", "false"))));
    }

    private static void assertEverythingReleased(long adminThreadsBefore) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(SERVER.dialtone().probe().running()).as("the abandoned test thread has ended").isZero();
            assertThat(KafkaThreads.adminClientThreads()).as("Admin client threads").isEqualTo(adminThreadsBefore);
        });
    }

    @Test
    void aTarpitBootstrapTimesOutAtHandshakeWithinTheDeadlineAndReleasesItsSocket() {
        long adminThreads = KafkaThreads.adminClientThreads();
        int acceptedBefore = tarpit.accepted();
        long start = System.nanoTime();
        assertThatThrownBy(() -> test("127.0.0.1:" + tarpit.port()))
                .isInstanceOf(OperationTimeoutException.class)
                .hasMessageContaining("did not finish within the 3000 ms deadline")
                .hasMessageContaining("stuck at HANDSHAKE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(1));
        assertThat(tarpit.accepted()).isEqualTo(acceptedBefore + 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(tarpit.closedByClient()).as("the abandoned socket is closed").isEqualTo(tarpit.accepted()));
        assertEverythingReleased(adminThreads);
    }

    @Test
    void aClusterThatStallsTheAdminClientTimesOutAtAuthorizeAndTheClientIsClosed() throws Exception {
        long adminThreads = KafkaThreads.adminClientThreads();
        try (StallingKafkaBroker broker = new StallingKafkaBroker(request -> "127.0.0.1")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> test("127.0.0.1:" + broker.port()))
                    .isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("stuck at AUTHORIZE");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(1));
            assertThat(broker.stalledRequests()).as("the Admin client's request that never got an answer")
                    .isPositive();
            assertEverythingReleased(adminThreads);
        }
    }

    @Test
    void theAdminClientCannotDialANameTheDialerDidNotCheck() throws Exception {
        long adminThreads = KafkaThreads.adminClientThreads();
        // Our own Metadata request is told 127.0.0.1 (checked); the Admin client's is told another name,
        // which resolves to this very broker: unpinned, the client would dial it and send describeCluster.
        try (StallingKafkaBroker broker = new StallingKafkaBroker(
                request -> request == 1 ? "127.0.0.1" : "db.dialtone.test")) {
            assertThatThrownBy(() -> test("127.0.0.1:" + broker.port()))
                    .isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("stuck at AUTHORIZE");
            assertThat(broker.metadataRequests()).as("the Admin client got its metadata").isGreaterThan(1);
            assertThat(broker.stalledRequests()).as("requests sent to the unchecked name").isZero();
            assertEverythingReleased(adminThreads);
        }
    }
}
