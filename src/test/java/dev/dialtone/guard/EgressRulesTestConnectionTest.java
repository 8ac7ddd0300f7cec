package dev.dialtone.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;

/**
 * The operator's egress rules, end to end through the AWS SDK. The denied range is a loopback one
 * (127.0.0.2/32), with a listener there that must never see a connection: no test sends a packet
 * anywhere but loopback, even to prove a rule. The default list (metadata) is checked without any
 * socket in {@link CidrEgressPolicyTest}.
 */
class EgressRulesTestConnectionTest {
    private static final String PASSWORD = "Never-Dialled-Pw-4e1";
    private static ServerSocketChannel denied;
    private static ServerSocketChannel allowed;

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withEgress(
            new DialtoneConfig.Egress("metadata, 127.0.0.2/32", "")));

    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void listeners() throws IOException {
        denied = listen("127.0.0.2");
        allowed = listen("127.0.0.1");
    }

    @AfterAll
    static void close() throws IOException {
        denied.close();
        allowed.close();
    }

    private static ServerSocketChannel listen(String address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static int port(ServerSocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** A connection that reached the listener sits in its accept queue before the test's answer is sent. */
    private static void assertNeverDialled() throws IOException {
        SocketChannel accepted = denied.accept();
        if (accepted != null) {
            accepted.close();
        }
        assertThat(accepted).as("a connection to the denied listener").isNull();
    }

    @Test
    void aDeniedRangeIsRefusedBeforeDiallingWithAccessDeniedNamingTheRule() throws Exception {
        int port = port(denied);
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "internal.dialtone.test", "PORT", String.valueOf(port))))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Connection test refused before dialling: 127.0.0.2:" + port
                        + " (internal.dialtone.test) is in 127.0.0.2/32, which the egress policy denies");
        assertNeverDialled();
    }

    @Test
    void aJdbcTestByNameIsRefusedTooAndRecordedAsFailedWithoutThePassword() throws Exception {
        int port = port(denied);
        glue.createConnection(r -> r.connectionInput(c -> c.name("internal-pg").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                        "jdbc:postgresql://127.0.0.2:" + port + "/app", "USERNAME", "app", "PASSWORD", PASSWORD))));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("internal-pg")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("is in 127.0.0.2/32")
                .hasMessageNotContaining(PASSWORD);
        var connection = glue.getConnection(r -> r.name("internal-pg")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(connection.statusReason()).contains("refused before dialling").doesNotContain(PASSWORD);
        assertNeverDialled();
    }

    @Test
    void addressesOutsideTheRulesAreStillReached() throws Exception {
        int port = port(allowed);
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(port)))));
        SocketChannel accepted = allowed.accept();
        assertThat(accepted).as("the allowed listener saw the test").isNotNull();
        accepted.close();
    }

    @Test
    void theServerDefaultDeniesTheMetadataRanges() throws Exception {
        DialtoneConfig.Egress egress = DialtoneConfig.fromEnvironment(Map.of()).egress();
        assertThat(egress).isEqualTo(DialtoneConfig.Egress.DEFAULT);
        assertThat(egress.policy().refusal("169.254.169.254", InetAddress.getByName("169.254.169.254"), 80)).isPresent();
        assertThat(DialtoneConfig.fromEnvironment(Map.of("DIALTONE_EGRESS_DENY", "none")).egress().policy()
                .refusal("169.254.169.254", InetAddress.getByName("169.254.169.254"), 80)).isEmpty();
        assertThatThrownBy(() -> DialtoneConfig.fromEnvironment(Map.of("DIALTONE_EGRESS_ALLOW", "intranet")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'intranet'");
    }
}
