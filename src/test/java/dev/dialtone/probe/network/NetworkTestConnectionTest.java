package dev.dialtone.probe.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TestCertificates;
import dev.dialtone.fixtures.TlsServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** NETWORK: reachability of HOST:PORT, every resolved address reported, TLS when asked. */
class NetworkTestConnectionTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static Tarpit listener;
    private static TlsServer tls;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void peers() throws Exception {
        listener = new Tarpit();
        TestCertificates.Issued ca = TestCertificates.certificateAuthority("Dialtone Test CA");
        tls = new TlsServer(TestCertificates.serverContext(TestCertificates.server(ca, "localhost"), ca));
    }

    @AfterAll
    static void stop() throws Exception {
        listener.close();
        tls.close();
    }

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void aListeningPortIsReachableAndTheReportListsEveryAddress() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("net-ok").connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "localhost", "PORT", String.valueOf(listener.port())))));
        glue.testConnection(r -> r.connectionName("net-ok"));
        Connection connection = glue.getConnection(r -> r.name("net-ok")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).contains("resolved localhost -> 127.0.0.1, 0:0:0:0:0:0:0:1")
                .contains("connected to 127.0.0.1:" + listener.port() + " (localhost)");
    }

    @Test
    void aClosedPortFailsAtConnectNamingEveryAddressTried() {
        int closed = Ports.free();
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "tcp://localhost:" + closed)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("no address of localhost accepted a connection")
                .hasMessageContaining("127.0.0.1:" + closed + " (localhost) was refused")
                .hasMessageContaining("[0:0:0:0:0:0:0:1]:" + closed + " (localhost) was refused");
    }

    @Test
    void tlsToAServerSignedByAnUnknownCaFailsAtTlsNamingTheIssuer() {
        assertThatThrownBy(() -> test(Map.of("CONNECTION_URL", "tls://localhost:" + tls.port())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("not trusted: it was issued by CN=Dialtone Test CA");
    }

    @Test
    void tlsWithoutValidationSucceedsAndSaysSo() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("net-tls").connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "localhost", "PORT", String.valueOf(tls.port()),
                        "TLS", "true", "SKIP_CERT_VALIDATION", "true"))));
        glue.testConnection(r -> r.connectionName("net-tls"));
        assertThat(glue.getConnection(r -> r.name("net-tls")).connection().statusReason())
                .contains("tls TLSv1.3").contains("NOT verified")
                .contains("certificate subject CN=localhost, issuer CN=Dialtone Test CA, expires ");
    }

    @Test
    void tlsToAPlainTextPortSaysTheServerDidNotAnswerWithTls() {
        assertThatThrownBy(() -> test(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(SERVER.port()), "TLS", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at TLS")
                .hasMessageContaining("did not answer with TLS");
    }

    @Test
    void missingOrMalformedAddressesAreInvalidInput() {
        assertThatThrownBy(() -> test(Map.of("HOST", "localhost")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NETWORK tests need HOST and PORT");
        assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", "1", "TLS", "maybe")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TLS must be true or false (got 'maybe')");
    }
}
