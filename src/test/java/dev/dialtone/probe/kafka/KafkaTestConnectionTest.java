package dev.dialtone.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.KafkaBroker;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.StallingKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * TestConnection of KAFKA connections against a real KRaft broker in this JVM: SCRAM and PLAIN over
 * SASL_PLAINTEXT, a listener that advertises an unreachable address, TLS asked of a plain port.
 */
class KafkaTestConnectionTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final String SCRAM_PASSWORD = "Scram-Pw-3f9c1e";
    private static final String WRONG_PASSWORD = "Wrong-Pw-8d2e7a";
    private static final String PLAIN_PASSWORD = "Plain-Pw-61ab0c";
    private static KafkaBroker broker;
    private static String clusterId;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Map.of("ingest", PLAIN_PASSWORD));
        broker.createScramUser("analyst", SCRAM_PASSWORD);
        broker.createTopic("orders");
        broker.createTopic("payroll");
        broker.allowRead("analyst", "orders");
        clusterId = broker.clusterId();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void noAdminClientIsLeftBehind() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(KafkaThreads.adminClientThreads()).as("Admin client threads").isZero());
    }

    private static Map<String, String> scram(String mechanism, String password) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrap(), "KAFKA_SSL_ENABLED", "false",
                "KAFKA_SASL_MECHANISM", mechanism, "KAFKA_SASL_SCRAM_USERNAME", "analyst",
                "KAFKA_SASL_SCRAM_PASSWORD", password);
    }

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("KAFKA")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void theRightScramCredentialsPassAndTheStatusReasonNamesTheCluster() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("events").connectionType("KAFKA")
                .connectionPropertiesWithStrings(scram("SCRAM-SHA-512", SCRAM_PASSWORD))));
        glue.testConnection(r -> r.connectionName("events"));
        Connection connection = glue.getConnection(r -> r.name("events")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason())
                .contains("bootstrap " + broker.saslBootstrap() + " (SASL_PLAINTEXT)")
                .contains("sasl SCRAM-SHA-512 as analyst")
                .contains("cluster id " + clusterId)
                .contains("brokers 1 (" + broker.saslBootstrap() + " (id 0))")
                .contains("controller " + broker.saslBootstrap() + " (id 0)")
                .contains("topics visible 1 (orders)")
                .doesNotContain(SCRAM_PASSWORD);
    }

    @Test
    void scramSha256AndPlainPassToo() {
        test(scram("SCRAM-SHA-256", SCRAM_PASSWORD));
        test(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrap(), "KAFKA_SSL_ENABLED", "false",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_PLAIN_USERNAME", "ingest",
                "KAFKA_SASL_PLAIN_PASSWORD", PLAIN_PASSWORD));
    }

    @Test
    void aUserWithoutAclsPassesButTheReportSaysItSeesNoTopics() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("ingest").connectionType("KAFKA")
                .connectionPropertiesWithStrings(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrap(),
                        "KAFKA_SSL_ENABLED", "false", "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_PLAIN_USERNAME", "ingest", "KAFKA_SASL_PLAIN_PASSWORD", PLAIN_PASSWORD))));
        glue.testConnection(r -> r.connectionName("ingest"));
        assertThat(glue.getConnection(r -> r.name("ingest")).connection().statusReason())
                .contains("topics visible 0 (the cluster has none, or the user may DESCRIBE none)");
    }

    @Test
    void aWrongPasswordFailsAtAuthenticateWithoutEchoingIt() {
        assertThatThrownBy(() -> test(scram("SCRAM-SHA-256", WRONG_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("bootstrap server " + broker.saslBootstrap() + " rejected the credentials of "
                        + "user 'analyst' (SCRAM-SHA-256)")
                .hasMessageContaining("invalid credentials")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(CapturedLogs.all()).doesNotContain(WRONG_PASSWORD).doesNotContain(SCRAM_PASSWORD)
                .doesNotContain(PLAIN_PASSWORD);
    }

    @Test
    void aSaslListenerWithoutCredentialsFailsAtAuthenticate() {
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrap(),
                "KAFKA_SSL_ENABLED", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("without credentials: its listener requires authentication")
                .hasMessageContaining("Set KAFKA_SASL_MECHANISM");
    }

    @Test
    void saslAgainstAPlainListenerFailsAtAuthenticateSayingTheListenerHasNoSasl() {
        Map<String, String> properties = new HashMap<>(scram("SCRAM-SHA-256", SCRAM_PASSWORD));
        properties.put("KAFKA_BOOTSTRAP_SERVERS", broker.plainBootstrap());
        assertThatThrownBy(() -> test(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("does not use SASL on this listener");
    }

    @Test
    void aReachableBootstrapThatAdvertisesADeadAddressFailsNamingTheAdvertisedAddress() {
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.misadvertisedBootstrap(),
                "KAFKA_SSL_ENABLED", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("broker 0 is advertised at 127.0.0.1:" + broker.deadPort()
                        + " (by bootstrap server " + broker.misadvertisedBootstrap() + ", which answered)")
                .hasMessageContaining("TCP connection to 127.0.0.1:" + broker.deadPort() + " was refused")
                .hasMessageContaining("Fix the brokers' advertised.listeners");
    }

    @Test
    void anAdvertisedNameThatDoesNotResolveFailsAtResolveNamingTheBroker() throws Exception {
        // The usual form of the mistake: brokers advertise a name only their own network knows.
        try (StallingKafkaBroker internal = new StallingKafkaBroker(request -> "ip-10-0-3-7.ec2.internal")) {
            assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + internal.port(),
                    "KAFKA_SSL_ENABLED", "false")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at RESOLVE")
                    .hasMessageContaining("broker 0 is advertised at ip-10-0-3-7.ec2.internal:" + internal.port()
                            + " (by bootstrap server 127.0.0.1:" + internal.port() + ", which answered): the host name "
                            + "'ip-10-0-3-7.ec2.internal' could not be resolved")
                    .hasMessageContaining("Fix the brokers' advertised.listeners");
        }
    }

    @Test
    void anUnknownBootstrapNameFailsAtResolve() {
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", "nosuch.dialtone.test:9092")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at RESOLVE")
                .hasMessageContaining("bootstrap server nosuch.dialtone.test:9092: the host name "
                        + "'nosuch.dialtone.test' could not be resolved");
    }

    @Test
    void aClosedBootstrapPortFailsAtConnectNamingTheServer() {
        int closed = Ports.free();
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed,
                "KAFKA_SSL_ENABLED", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("bootstrap server 127.0.0.1:" + closed + ": TCP connection to 127.0.0.1:"
                        + closed + " was refused")
                .hasMessageContaining("Check KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void aDeadSecondBootstrapServerFailsNamingTheOneThatAnswered() {
        int closed = Ports.free();
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.plainBootstrap() + ", 127.0.0.1:"
                + closed, "KAFKA_SSL_ENABLED", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("bootstrap server 127.0.0.1:" + closed + " (" + broker.plainBootstrap()
                        + " answered)");
    }

    @Test
    void tlsByDefaultAgainstAPlainListenerFailsAtTlsSayingHowToTurnItOff() {
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.plainBootstrap())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("the port is a Kafka listener without TLS")
                .hasMessageContaining("set KAFKA_SSL_ENABLED to false");
    }

    @Test
    void aPortThatIsNotKafkaFailsAtHandshakeSayingWhatAnswered() {
        assertThatThrownBy(() -> test(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + SERVER.port(),
                "KAFKA_SSL_ENABLED", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at HANDSHAKE")
                .hasMessageContaining("answered ApiVersions with text starting with 'HTTP': the port speaks HTTP");
    }
}
