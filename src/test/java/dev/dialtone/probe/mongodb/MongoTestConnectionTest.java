package dev.dialtone.probe.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.LiveThreads;
import dev.dialtone.fixtures.MongoWireServer;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Slammer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TestCertificates;
import dev.dialtone.fixtures.TlsServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/**
 * MONGODB through the AWS SDK GlueClient, against mongo-java-server (an in-process server speaking
 * the MongoDB wire protocol, here without authentication): handshake, server version, topology and
 * listings are tested against it, and credentials sent to a server without authentication (the
 * driver's saslStart is answered "no such command"). Logins against a server that checks them are
 * in {@link MongoAuthTestConnectionTest}.
 */
class MongoTestConnectionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(DEADLINE);
    private static final String PASSWORD = "Mongo-Pw-8c1f";
    private static final String[] DRIVER_THREADS = {"cluster-", "MaintenanceTimer"};
    private static MongoWireServer mongo;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() {
        mongo = new MongoWireServer();
        mongo.createCollection("sales", "orders");
        mongo.createCollection("sales", "returns");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("MONGODB")
                .connectionPropertiesWithStrings(properties)));
    }

    private static String url(String rest) {
        return "mongodb://localhost:" + mongo.port() + rest;
    }

    @Test
    void theHandshakeAndACollectionListingPassAndTheReportNamesVersionAndTopology() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("mongo-ok").connectionType("MONGODB")
                .connectionPropertiesWithStrings(Map.of("CONNECTION_URL", url("/sales?appName=nightly")))));
        glue.testConnection(r -> r.connectionName("mongo-ok"));
        Connection connection = glue.getConnection(r -> r.name("mongo-ok")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason())
                .contains("connected to 127.0.0.1:" + mongo.port() + " (localhost)")
                .contains("server MongoDB 5.0.0")
                .contains("topology STANDALONE (localhost:" + mongo.port() + " is STANDALONE, wire version 8)")
                .containsPattern("driver MongoDB Java driver 5\\.\\d+\\.\\d+")
                .contains("user none (no USERNAME or SECRET_ID")
                .contains("database sales (2 collections)");
    }

    @Test
    void withoutADatabaseTheDatabasesTheUserMaySeeAreListed() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("mongo-dbs").connectionType("MONGODB")
                .connectionPropertiesWithStrings(Map.of("CONNECTION_URL", url("/?directConnection=true")))));
        glue.testConnection(r -> r.connectionName("mongo-dbs"));
        assertThat(glue.getConnection(r -> r.name("mongo-dbs")).connection().statusReason())
                .containsPattern("databases [1-9]\\d* databases? visible to the user");
    }

    @Test
    void credentialsForAServerWithoutAuthenticationFailAtAuthenticateWithoutEchoingThePassword() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", url("/sales?authMechanism=SCRAM-SHA-256"),
                "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the login failed: .*saslStart.*"
                        + "Check USERNAME, PASSWORD and the authSource of CONNECTION_URL\\..*")
                .hasMessageNotContaining(PASSWORD);
        assertThat(CapturedLogs.all()).contains("failed at AUTHENTICATE").doesNotContain(PASSWORD);
    }

    @Test
    void aClosedPortFailsAtConnect() {
        int closed = Ports.free();
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + closed + "/sales")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at CONNECT after \\d+ ms: TCP connection to 127\\.0\\.0\\.1:"
                        + closed + " was refused.*");
    }

    @Test
    void aServerThatHangsUpFailsAtHandshake() throws Exception {
        try (Slammer slammer = new Slammer()) {
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + slammer.port())))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: the server closed the "
                            + "connection without answering the MongoDB handshake \\(hello\\)\\..*");
        }
    }

    @Test
    void aPortThatSpeaksHttpFailsAtHandshakeSayingSo() {
        // Dialtone's own HTTP port: the driver reads "HTTP" as a reply length, which the report turns back into text.
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + SERVER.port() + "/sales")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: the server answered the MongoDB "
                        + "handshake \\(hello\\) with text starting with 'HTTP': the port speaks HTTP, not like a "
                        + "MongoDB server\\..*");
    }

    @Test
    void tlsToAServerSignedByAnUnknownCaFailsAtTlsNamingTheIssuer() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority("Dialtone Mongo Test CA");
        try (TlsServer tls = new TlsServer(TestCertificates.serverContext(TestCertificates.server(ca, "localhost"), ca))) {
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://localhost:" + tls.port() + "/?tls=true")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at TLS")
                    .hasMessageContaining("not trusted: it was issued by CN=Dialtone Mongo Test CA");
        }
    }

    @Test
    void aTarpitTimesOutAtHandshakeAndTheClientLeavesNoThreadOrSocketBehind() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + tarpit.port() + "/sales",
                    "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                    .isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("did not finish within the 3000 ms deadline")
                    .hasMessageContaining("stuck at HANDSHAKE")
                    .hasMessageNotContaining(PASSWORD);
            // The answer comes at the deadline; the margin absorbs a loaded 2-core machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(tarpit.closedByClient()).as("every abandoned socket is closed").isEqualTo(tarpit.accepted());
                assertThat(SERVER.dialtone().probe().running()).as("the abandoned test has ended").isZero();
                assertThat(LiveThreads.named(DRIVER_THREADS)).as("driver monitor threads").isEmpty();
            });
        }
    }

    @Test
    void aFinishedTestLeavesNoDriverThreadBehind() {
        test(Map.of("CONNECTION_URL", url("/sales")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(LiveThreads.named(DRIVER_THREADS)).as("driver monitor threads").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /?authMechanism=MONGODB-AWS                                    | authMechanism 'MONGODB-AWS' is not accepted: it authenticates with AWS credentials
            /?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:azure,TOKEN_RESOURCE:x | authMechanism 'MONGODB-OIDC' is not accepted: it fetches a token for this server's own cloud identity
            /?authMechanism=GSSAPI                                         | authMechanism 'GSSAPI' is not accepted: Kerberos reads this server's
            /?authMechanism=MONGODB-X509                                   | authMechanism 'MONGODB-X509' is not accepted: it presents this server's own TLS client certificate
            /?authMechanismProperties=SERVICE_NAME:mongodb                 | option 'authmechanismproperties' is not accepted
            /?tls=true&tlsInsecure=true                                    | option 'tlsinsecure' is not accepted: it turns certificate or host-name checks off; set SKIP_CERT_VALIDATION
            /?tls=true&tlsAllowInvalidHostnames=true                       | option 'tlsallowinvalidhostnames' is not accepted
            /?tlsCAFile=/etc/passwd                                        | option 'tlscafile' is not accepted: it names a file on this server
            /?proxyHost=10.0.0.1&proxyPort=1080                            | option 'proxyhost' is not accepted: a proxy would connect
            /?socketFactory=evil                                           | option 'socketfactory' is not accepted: Dialtone does not know it
            /?%61uthMechanism=MONGODB-AWS                                  | option names must not be percent-encoded
            /?appName=a&appName=b                                          | gives option 'appname' twice
            /?connectTimeoutMS=abc                                         | is not a valid MongoDB connection string
            """)
    void dangerousOrUnknownOptionsAreRefusedBeforeAnySocketOpens(String rest, String expected) throws Exception {
        try (Tarpit canary = new Tarpit()) {
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://127.0.0.1:" + canary.port() + rest,
                    "USERNAME", "analyst", "PASSWORD", PASSWORD)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(expected)
                    .hasMessageNotContaining(PASSWORD);
            assertThat(canary.accepted()).as("no socket was opened").isZero();
        }
    }

    @Test
    void credentialsInTheUrlAndIncompleteOrMechanismOnlyCredentialsAreRefused() throws Exception {
        try (Tarpit canary = new Tarpit()) {
            String host = "127.0.0.1:" + canary.port();
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://analyst:" + PASSWORD + "@" + host + "/sales")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("CONNECTION_URL must not carry credentials")
                    .hasMessageNotContaining(PASSWORD);
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://" + host + "/?authMechanism=SCRAM-SHA-256")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("CONNECTION_URL names authMechanism SCRAM-SHA-256 but no credentials");
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb://" + host, "USERNAME", "analyst")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing: PASSWORD");
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "mongodb+srv://cluster.dialtone.test:27017/")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("can not contain a port");
            assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "http://" + host)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("CONNECTION_URL must start with mongodb:// or mongodb+srv://");
            assertThat(canary.accepted()).as("no socket was opened").isZero();
        }
    }
}
