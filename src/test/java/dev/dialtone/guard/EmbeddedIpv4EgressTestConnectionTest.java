package dev.dialtone.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.StallingKafkaBroker;
import dev.dialtone.probe.net.HostResolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;

/**
 * Through the AWS SDK, for every tester: made-up names whose only answer is an IPv6 form of 127.0.0.2
 * (IPv4-mapped, compatible, translated, NAT64, local-use NAT64, 6to4, Teredo), as a DNS or hosts-file
 * answer would give them, while the operator denies 127.0.0.2/32. Each test is refused before dialling,
 * and a canary listening on 127.0.0.2 (loopback: nothing here leaves the machine) never sees a connection.
 */
class EmbeddedIpv4EgressTestConnectionTest {
    private static final String PASSWORD = "Mapped-Canary-Pw-91d";
    /** Each form, as a resolver returns it: an Inet6Address with exactly these bytes. */
    private static final Map<String, String> FORMS = Map.of(
            "mapped", "::ffff:127.0.0.2",
            "compatible", "::127.0.0.2",
            "translated", "::ffff:0:127.0.0.2",
            "nat64", "64:ff9b::127.0.0.2",
            "nat64local", "64:ff9b:1::127.0.0.2",
            "sixtofour", "2002:7f00:2::1",
            "teredo", "2001:0:7f00:2::1");

    private static final HostResolver RESOLVER = host -> {
        String form = host.endsWith(".embedded.dialtone.test") ? FORMS.get(host.substring(0, host.indexOf('.'))) : null;
        if (form == null) {
            return HostResolver.SYSTEM.resolve(host);
        }
        return List.of(Inet6Address.getByAddress(host, ipv6Bytes(form), -1));
    };

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withEgress(
            new DialtoneConfig.Egress("metadata, 127.0.0.2/32", "")), Dialtone.Seams.NONE.withResolver(RESOLVER));

    private final GlueClient glue = SERVER.glue();
    private ServerSocketChannel canary;

    @BeforeEach
    void listen() throws IOException {
        canary = canaryAt(0);
    }

    @AfterEach
    void assertTheCanarySawNothing() throws IOException {
        try (ServerSocketChannel listener = canary) {
            assertNeverDialled(listener);
        }
    }

    private static ServerSocketChannel canaryAt(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port));
        channel.configureBlocking(false);
        return channel;
    }

    /** A connection that reached the canary sits in its accept queue before the test's answer is sent. */
    private static void assertNeverDialled(ServerSocketChannel listener) throws IOException {
        SocketChannel accepted = listener.accept();
        if (accepted != null) {
            accepted.close();
        }
        assertThat(accepted).as("a connection to the canary on 127.0.0.2").isNull();
    }

    private int port() throws IOException {
        return ((InetSocketAddress) canary.getLocalAddress()).getPort();
    }

    private static String name(String form) {
        return form + ".embedded.dialtone.test";
    }

    private void assertRefused(String type, Map<String, String> properties) {
        assertRefused(type, properties, null);
    }

    private void assertRefused(String type, Map<String, String> properties, AuthenticationConfigurationInput auth) {
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth))))
                .as(type + " " + properties)
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Connection test refused before dialling")
                .hasMessageContaining("which carries 127.0.0.2, is in 127.0.0.2/32, which the egress policy denies")
                .hasMessageNotContaining(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mapped", "compatible", "translated", "nat64", "nat64local", "sixtofour", "teredo"})
    void networkTestsToAnyFormOfADeniedAddressAreRefused(String form) throws IOException {
        assertRefused("NETWORK", Map.of("HOST", name(form), "PORT", String.valueOf(port())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "mariadb", "sqlserver", "redshift"})
    void everyJdbcEngineIsRefused(String engine) throws IOException {
        String url = engine.equals("sqlserver")
                ? "jdbc:sqlserver://" + name("mapped") + ":" + port() + ";databaseName=app"
                : "jdbc:" + engine + "://" + name("nat64") + ":" + port() + "/app";
        assertRefused("JDBC", Map.of("JDBC_CONNECTION_URL", url, "USERNAME", "app", "PASSWORD", PASSWORD));
    }

    @Test
    void aKafkaBootstrapServerIsRefused() throws IOException {
        assertRefused("KAFKA", Map.of("KAFKA_BOOTSTRAP_SERVERS", name("mapped") + ":" + port(),
                "KAFKA_SSL_ENABLED", "false"));
    }

    @Test
    void aKafkaBrokerAdvertisedUnderSuchANameIsRefused() throws Exception {
        try (StallingKafkaBroker broker = new StallingKafkaBroker(request -> name("compatible"));
                ServerSocketChannel advertisedCanary = canaryAt(broker.port())) {
            assertRefused("KAFKA", Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + broker.port(),
                    "KAFKA_SSL_ENABLED", "false"));
            assertThat(broker.metadataRequests()).as("the bootstrap server was asked for the brokers").isPositive();
            assertNeverDialled(advertisedCanary);
        }
    }

    @Test
    void anSftpServerIsRefused() throws IOException {
        assertRefused("SFTP", Map.of("HOST", name("translated"), "PORT", String.valueOf(port()),
                "USERNAME", "app", "PASSWORD", PASSWORD));
    }

    @Test
    void aMongoDbServerIsRefused() throws IOException {
        assertRefused("MONGODB", Map.of("CONNECTION_URL", "mongodb://" + name("sixtofour") + ":" + port() + "/sales",
                "USERNAME", "app", "PASSWORD", PASSWORD));
    }

    @Test
    void aSalesforceTokenUrlIsRefused() throws IOException {
        int port = port();
        assertRefused("SALESFORCE", Map.of(), AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(p -> p.oAuth2GrantType("CLIENT_CREDENTIALS")
                        .tokenUrl("https://" + name("teredo") + ":" + port + "/services/oauth2/token")
                        .oAuth2ClientApplication(c -> c.userManagedClientApplicationClientId("cc-app"))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(PASSWORD)))
                .build());
    }

    @Test
    void aSalesforceInstanceUrlIsRefused() throws IOException {
        assertRefused("SALESFORCE", Map.of("INSTANCE_URL", "https://" + name("nat64local") + ":" + port()),
                AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                        .oAuth2Properties(p -> p.oAuth2Credentials(c -> c.accessToken(PASSWORD))).build());
    }

    private static byte[] ipv6Bytes(String literal) {
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 16) {
                return bytes;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
