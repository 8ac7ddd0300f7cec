package dev.dialtone.probe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** AWS-service endpoints behind an egress rule (refused before any socket) and on a closed port (CONNECT). */
class AwsServiceUnreachableTest {
    private static final String KEY_PAIR = "{\"aws_access_key_id\":\"AKIAIOSFODNN7EXAMPLE\","
            + "\"aws_secret_access_key\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\"}";
    private static final ServerSocketChannel DENIED = listen("127.0.0.2");
    private static final int CLOSED = Ports.free();

    @RegisterExtension
    static final DialtoneExtension GUARDED = new DialtoneExtension(config -> config
            .withServerSecretsAllowed(true)
            .withEgress(new DialtoneConfig.Egress("metadata, 127.0.0.2/32", ""))
            .withEnvironment(Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.2:" + port(DENIED),
                    "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:" + CLOSED,
                    "DIALTONE_SECRET_TESTER", KEY_PAIR)));

    private static ServerSocketChannel listen(String address) {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int port(ServerSocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() throws IOException {
        DENIED.close();
    }

    @Test
    void anEgressRefusedEndpointIsAccessDeniedAndNeverDialled() throws IOException {
        assertThatThrownBy(() -> GUARDED.glue().testConnection(r -> r.testConnectionInput(t -> t
                .connectionType("DYNAMODB").connectionPropertiesWithStrings(Map.of("SECRET_ID", "env:DIALTONE_SECRET_TESTER")))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Connection test refused before dialling: 127.0.0.2:" + port(DENIED))
                .hasMessageContaining("is in 127.0.0.2/32, which the egress policy denies");
        SocketChannel accepted = DENIED.accept();
        assertThat(accepted).as("a connection to the denied listener").isNull();
    }

    @Test
    void aClosedPortFailsAtConnect() {
        assertThatThrownBy(() -> GUARDED.glue().testConnection(r -> r.testConnectionInput(t -> t
                .connectionType("CLOUDWATCH").connectionPropertiesWithStrings(Map.of("SECRET_ID", "env:DIALTONE_SECRET_TESTER")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("127.0.0.1:" + CLOSED + " was refused");
    }
}
