package dev.dialtone.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeSecretsManager;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.rest.BuiltInRestTypes;
import dev.dialtone.probe.rest.ConnectorProperty;
import dev.dialtone.probe.rest.RestDeclaration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/**
 * The behaviours every tester has, whatever its type (as Trino's BaseConnectorTest holds every connector to the
 * same cases): an unknown host fails at RESOLVE, a closed port at CONNECT, a silent port times out within the
 * deadline with its socket and thread released, an address the egress policy refuses is never dialled, another
 * protocol on the port fails at HANDSHAKE, no secret reaches a message or a log line, and a missing required
 * property is refused before any socket. Each type supplies only how to build its connection for a host and port
 * ({@link #FIXTURES}); a testable type without one fails {@link #everyTestableTypeIsHeldToTheContract}.
 */
class TesterContractTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final String UNKNOWN_HOST = "nowhere.dialtone.test";
    /** A loopback address the egress policy refuses: a listener on it must see nothing. */
    private static final String REFUSED_ADDRESS = "127.0.0.2";
    private static final String SECRET_VALUE = "Contract-Pw-7f3a9c";
    private static final String SECRET_ID = "arn:aws:secretsmanager:us-east-1:000000000000:secret:contract";
    /** The registered type of the contract: a required Url, a secret API key in a header. */
    private static final String REGISTERED = "REST-CONTRACT";
    private static final FakeSecretsManager SECRETS_MANAGER = FakeSecretsManager.start();
    private static final HostResolver RESOLVER = host -> {
        if (host.equals(UNKNOWN_HOST)) {
            throw new UnknownHostException(host);
        }
        return HostResolver.SYSTEM.resolve(host);
    };

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(DEADLINE, DialtoneConfig.Limits.DEFAULT,
            config -> config.withEgress(new DialtoneConfig.Egress("metadata, " + REFUSED_ADDRESS + "/32", ""))
                    .withSources(config.sources().withServerSecretsAllowed(true).withEnvironment(Map.of(
                            "AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS_MANAGER.endpoint(), "AWS_REGION", "us-east-1",
                            "AWS_ACCESS_KEY_ID", "AKIDDIALTONETEST", "AWS_SECRET_ACCESS_KEY", "dialtone-test-only"))),
            Dialtone.Seams.NONE.withResolver(RESOLVER));

    /** What a type's connection looks like for a host and port; the contract does the rest. */
    record Fixture(String type, Behaviour behaviour, java.util.function.BiFunction<String, Integer, Input> input) {
    }

    /** A connection to test: properties and, for the unified types, an AuthenticationConfiguration. */
    record Input(Map<String, String> properties, Optional<AuthenticationConfigurationInput> authentication) {
        static Input of(Map<String, String> properties) {
            return new Input(properties, Optional.empty());
        }

        static Input withSecret(Map<String, String> properties) {
            return new Input(properties, Optional.of(AuthenticationConfigurationInput.builder()
                    .authenticationType("BASIC").secretArn(SECRET_ID).build()));
        }
    }

    /** Which cases apply: every case, or (a vendor driver not installed) only those refused before any socket. */
    enum Behaviour {
        FULL,
        /** The type has no protocol greeting to get wrong (NETWORK succeeds on any open port). */
        NO_HANDSHAKE,
        /** The driver comes from the operator's driver directory: without it, refused before any socket. */
        NEEDS_INSTALLED_DRIVER,
        /**
         * The service's endpoint is the operator's (AWS_ENDPOINT_URL_&lt;SERVICE&gt;, the Google endpoint settings),
         * not the connection's, so no case can aim it at a host and port: these types take the cases refused
         * before any socket here, and their dialling cases (closed port, egress refusal, wrong secret) in their
         * own tests against the services' stand-ins (AwsServiceTestConnectionTest, AwsServiceUnreachableTest,
         * GoogleTestConnectionTest).
         */
        OPERATOR_ENDPOINT
    }

    private static Map<String, String> unified(String host, int port) {
        return Map.of("HOST", host, "PORT", String.valueOf(port), "DATABASE", "sales");
    }

    /** Salesforce takes plain http only to loopback addresses. */
    private static String web(String host) {
        return host.startsWith("127.") ? "http://" : "https://";
    }

    /** One line per type; the built-in SaaS types' lines are read off their declarations ({@link #declared}). */
    static final List<Fixture> FIXTURES = Stream.concat(Stream.of(
            new Fixture("NETWORK", Behaviour.NO_HANDSHAKE, (host, port) -> Input.of(Map.of("HOST", host,
                    "PORT", String.valueOf(port)))),
            new Fixture("JDBC", Behaviour.FULL, (host, port) -> Input.of(Map.of("JDBC_CONNECTION_URL",
                    "jdbc:postgresql://" + host + ":" + port + "/sales", "USERNAME", "u", "PASSWORD", SECRET_VALUE))),
            new Fixture("KAFKA", Behaviour.FULL, (host, port) -> Input.of(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                    host + ":" + port, "KAFKA_SSL_ENABLED", "false", "KAFKA_SASL_MECHANISM", "PLAIN",
                    "KAFKA_SASL_PLAIN_USERNAME", "u", "KAFKA_SASL_PLAIN_PASSWORD", SECRET_VALUE))),
            new Fixture("MONGODB", Behaviour.FULL, (host, port) -> Input.of(Map.of("CONNECTION_URL",
                    "mongodb://" + host + ":" + port + "/sales", "USERNAME", "u", "PASSWORD", SECRET_VALUE))),
            new Fixture("SFTP", Behaviour.FULL, (host, port) -> Input.of(Map.of("HOST", host, "PORT",
                    String.valueOf(port), "USERNAME", "u", "PASSWORD", SECRET_VALUE))),
            new Fixture("POSTGRESQL", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("MYSQL", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("SQLSERVER", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("AZURESQL", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("SYNAPSE", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("VIEW_VALIDATION_REDSHIFT", Behaviour.FULL, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("ORACLE", Behaviour.NEEDS_INSTALLED_DRIVER, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("DB2", Behaviour.NEEDS_INSTALLED_DRIVER, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("VERTICA", Behaviour.NEEDS_INSTALLED_DRIVER, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("SAPHANA", Behaviour.NEEDS_INSTALLED_DRIVER, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("TERADATA", Behaviour.NEEDS_INSTALLED_DRIVER, (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("TERADATANOS", Behaviour.NEEDS_INSTALLED_DRIVER,
                    (host, port) -> Input.withSecret(unified(host, port))),
            new Fixture("DOCUMENTDB", Behaviour.FULL, (host, port) -> Input.withSecret(Map.of("HOST", host,
                    "PORT", String.valueOf(port), "JDBC_PARAMS", "tls=false"))),
            new Fixture("OPENSEARCH", Behaviour.FULL, (host, port) -> Input.of(Map.of("domain_endpoint",
                    web(host) + host + ":" + port, "SECRET_ID", SECRET_ID))),
            new Fixture("CUSTOM", Behaviour.FULL, (host, port) -> Input.of(Map.of("CONNECTION_TYPE", "Jdbc",
                    "JDBC_CONNECTION_URL", "jdbc:postgresql://" + host + ":" + port + "/sales", "USERNAME", "u",
                    "PASSWORD", SECRET_VALUE))),
            new Fixture("DYNAMODB", Behaviour.OPERATOR_ENDPOINT, (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("CLOUDWATCH", Behaviour.OPERATOR_ENDPOINT, (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("CLOUDWATCHMETRICS", Behaviour.OPERATOR_ENDPOINT,
                    (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("TIMESTREAM", Behaviour.OPERATOR_ENDPOINT, (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("VIEW_VALIDATION_ATHENA", Behaviour.OPERATOR_ENDPOINT,
                    (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("BIGQUERY", Behaviour.OPERATOR_ENDPOINT, (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("GOOGLECLOUDSTORAGE", Behaviour.OPERATOR_ENDPOINT,
                    (host, port) -> Input.of(Map.of("SECRET_ID", SECRET_ID))),
            new Fixture("SALESFORCE", Behaviour.FULL, (host, port) -> new Input(Map.of("INSTANCE_URL",
                    web(host) + host + ":" + port), Optional.of(AuthenticationConfigurationInput.builder()
                    .authenticationType("OAUTH2").oAuth2Properties(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                            .tokenUrl(web(host) + host + ":" + port + "/services/oauth2/token")
                            .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId("client"))
                            .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(SECRET_VALUE)))
                    .build()))),
            // A type registered with RegisterConnectionType ({@link #REGISTERED}, in peers()): its Url and API key.
            new Fixture(REGISTERED, Behaviour.FULL, (host, port) -> new Input(Map.of("Url", web(host) + host + ":"
                    + port), Optional.of(AuthenticationConfigurationInput.builder().authenticationType("CUSTOM")
                    .customAuthenticationCredentials(Map.of("apiKey", SECRET_VALUE)).build())))),
            BuiltInRestTypes.names().stream().map(TesterContractTest::declared)).toList();

    /**
     * A built-in SaaS type's fixture, from its declaration: the base URL the connection gives (INSTANCE_URL and
     * the like) aimed at the case's host and port — or, when the type's API host is fixed (Slack's, Stripe's), only
     * the cases refused before any socket here, the dialling ones being in its own stand-in test, where an origin
     * override moves the vendor's host; every other required property filled (its first allowed value, else a
     * word); and the first authentication the type declares, carrying the contract's secret.
     */
    static Fixture declared(String type) {
        RestDeclaration declaration = BuiltInRestTypes.declarationOf(type);
        Optional<ConnectorProperty> givenUrl = declaration.url().filter(url -> !url.readOnly()
                && url.defaultValue().isEmpty());
        Behaviour behaviour = givenUrl.isPresent() ? Behaviour.FULL : Behaviour.OPERATOR_ENDPOINT;
        return new Fixture(type, behaviour, (host, port) -> {
            Map<String, String> properties = new HashMap<>();
            for (ConnectorProperty property : declaration.connectionProperties()) {
                if (property.required() && property.defaultValue().isEmpty() && !property.readOnly()) {
                    properties.put(property.name(), property.secret() ? SECRET_VALUE
                            : property.allowedValues().isEmpty() ? "contract" : property.allowedValues().get(0));
                }
            }
            givenUrl.ifPresent(url -> properties.put(url.name(), web(host) + host + ":" + port));
            return new Input(Map.copyOf(properties), Optional.of(declaredAuthentication(declaration)));
        });
    }

    private static AuthenticationConfigurationInput declaredAuthentication(RestDeclaration declaration) {
        String type = declaration.authenticationTypes().get(0);
        AuthenticationConfigurationInput.Builder auth = AuthenticationConfigurationInput.builder()
                .authenticationType(type);
        return switch (type) {
            case "BASIC" -> auth.basicAuthenticationCredentials(b -> b.username("contract_user")
                    .password(SECRET_VALUE)).build();
            case "CUSTOM" -> {
                Map<String, String> credentials = new HashMap<>();
                declaration.customParameters().forEach(p -> credentials.put(p.name(), p.secret() ? SECRET_VALUE
                        : p.allowedValues().isEmpty() ? "contract" : p.allowedValues().get(0)));
                yield auth.customAuthenticationCredentials(credentials).build();
            }
            default -> auth.oAuth2Properties(o -> o.oAuth2GrantType(declaration.oauth2()
                    .map(RestDeclaration.OAuth2::grantType).filter(g -> !g.isEmpty()).orElse("AUTHORIZATION_CODE"))
                    .oAuth2Credentials(c -> c.accessToken(SECRET_VALUE))).build();
        };
    }

    private static void registerType() {
        SERVER.glue().registerConnectionType(r -> r.connectionType(REGISTERED).integrationType("REST")
                .connectionProperties(p -> p.url(u -> u.name("Url").required(true).propertyType("USER_INPUT")))
                .connectorAuthenticationConfiguration(a -> a.authenticationTypesWithStrings("CUSTOM")
                        .customAuthenticationProperties(c -> c.authenticationParameters(
                                software.amazon.awssdk.services.glue.model.ConnectorProperty.builder().name("apiKey")
                                        .keyOverride("X-Api-Key").required(true).propertyLocation("HEADER")
                                        .propertyType("SECRET").build())))
                .restConfiguration(c -> c.validationEndpointConfiguration(v -> v.requestMethod("GET")
                        .requestPath("/v1/me").responseConfiguration(o -> o.resultPath("$.id")))));
    }

    private static Tarpit tarpit;
    private static BannerServer banner;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void peers() throws IOException {
        tarpit = new Tarpit();
        banner = new BannerServer();
        registerType();
        SECRETS_MANAGER.put("contract", "{\"username\":\"contract_user\",\"password\":\"" + SECRET_VALUE + "\"}");
    }

    @AfterAll
    static void stopPeers() throws IOException {
        tarpit.close();
        banner.close();
        SECRETS_MANAGER.close();
    }

    static Stream<Fixture> fixtures() {
        return FIXTURES.stream();
    }

    static Stream<Fixture> dialling() {
        return FIXTURES.stream().filter(fixture -> fixture.behaviour() != Behaviour.NEEDS_INSTALLED_DRIVER
                && fixture.behaviour() != Behaviour.OPERATOR_ENDPOINT);
    }

    private void test(Fixture fixture, Input input) {
        glue.testConnection(r -> r.testConnectionInput(t -> {
            t.connectionType(fixture.type()).connectionPropertiesWithStrings(input.properties());
            input.authentication().ifPresent(t::authenticationConfiguration);
        }));
    }

    private void test(Fixture fixture, String host, int port) {
        test(fixture, fixture.input().apply(host, port));
    }

    @Test
    void everyTestableTypeIsHeldToTheContract() {
        // Registered types are the catalog's, not the registry's: their fixtures are extra.
        List<String> covered = FIXTURES.stream().map(Fixture::type).filter(type -> !type.equals(REGISTERED)).toList();
        assertThat(covered).as("a contract fixture for every type the registry can test (add one line to FIXTURES)")
                .containsExactlyInAnyOrderElementsOf(SERVER.dialtone().probe().testers().types());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialling")
    void anUnknownHostFailsAtResolve(Fixture fixture) {
        assertThatThrownBy(() -> test(fixture, UNKNOWN_HOST, 5432))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at RESOLVE").hasMessageNotContaining(SECRET_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialling")
    void aClosedPortFailsAtConnect(Fixture fixture) {
        assertThatThrownBy(() -> test(fixture, "127.0.0.1", Ports.free()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT").hasMessageNotContaining(SECRET_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialling")
    void aSilentPortTimesOutWithinTheDeadlineAndReleasesItsSocketAndThread(Fixture fixture) {
        if (fixture.behaviour() == Behaviour.NO_HANDSHAKE) {
            return; // Reaching an open port is all NETWORK asks: a silent one is a success.
        }
        glue.getConnections(r -> { }); // the client's own warm-up is not the server's time
        int accepted = tarpit.accepted();
        long start = System.nanoTime();
        assertThatThrownBy(() -> test(fixture, "127.0.0.1", tarpit.port()))
                .isInstanceOf(OperationTimeoutException.class)
                .hasMessageContaining("did not finish within the 2000 ms deadline")
                .hasMessageNotContaining(SECRET_VALUE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(1));
        assertThat(tarpit.accepted()).isGreaterThan(accepted);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(tarpit.closedByClient()).as("every socket closed").isEqualTo(tarpit.accepted());
            assertThat(SERVER.dialtone().probe().running()).as("the test thread has ended").isZero();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialling")
    void anAddressTheEgressPolicyRefusesIsNeverDialled(Fixture fixture) throws IOException {
        try (ServerSocket canary = new ServerSocket(0, 1, InetAddress.getByName(REFUSED_ADDRESS))) {
            canary.setSoTimeout(1);
            assertThatThrownBy(() -> test(fixture, REFUSED_ADDRESS, canary.getLocalPort()))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining(REFUSED_ADDRESS).hasMessageNotContaining(SECRET_VALUE);
            assertThatThrownBy(canary::accept).as("nothing reached the refused address")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialling")
    void anotherProtocolOnThePortFailsAtHandshake(Fixture fixture) {
        if (fixture.behaviour() == Behaviour.NO_HANDSHAKE) {
            return;
        }
        // An SSH banner where the server speaks first (MySQL's greeting) or the type speaks HTTP; Dialtone's own
        // HTTP port (which answers the client's first bytes with an HTTP error) for the others.
        int finalPort = List.of("SALESFORCE", "MYSQL", "OPENSEARCH", REGISTERED).contains(fixture.type())
                || BuiltInRestTypes.names().contains(fixture.type()) ? banner.port() : SERVER.port();
        assertThatThrownBy(() -> test(fixture, "127.0.0.1", finalPort))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at HANDSHAKE").hasMessageNotContaining(SECRET_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aMissingRequiredPropertyIsRefusedBeforeAnySocket(Fixture fixture) {
        Optional<ConnectionTester> tester = SERVER.dialtone().probe().testers().find(fixture.type());
        // A registered type's rules are its declaration's: REST-CONTRACT requires its Url.
        List<PropertySpec> required = tester.isEmpty() ? List.of(PropertySpec.required("Url", "the base URL"))
                : tester.get().properties().stream().filter(PropertySpec::required).toList();
        int accepted = tarpit.accepted();
        Input complete = fixture.input().apply("127.0.0.1", tarpit.port());
        for (PropertySpec spec : required) {
            Map<String, String> without = new HashMap<>(complete.properties());
            without.remove(spec.name());
            assertThatThrownBy(() -> test(fixture, new Input(without, complete.authentication())))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(spec.name());
        }
        if (tester.isPresent() && tester.get().requiresAuthenticationConfiguration()) {
            assertThatThrownBy(() -> test(fixture, new Input(complete.properties(), Optional.empty())))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("AuthenticationConfiguration");
        }
        assertThat(tarpit.accepted()).as("no socket opened").isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aVendorDriverThatIsNotInstalledIsNamedBeforeAnySocket(Fixture fixture) {
        if (fixture.behaviour() != Behaviour.NEEDS_INSTALLED_DRIVER) {
            return;
        }
        int accepted = tarpit.accepted();
        assertThatThrownBy(() -> test(fixture, "127.0.0.1", tarpit.port()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be tested here").hasMessageContaining("DIALTONE_DRIVER_DIR");
        assertThat(tarpit.accepted()).isEqualTo(accepted);
    }

    @Test
    void noSecretReachedAnyLogLine() {
        // Runs after (or beside) the cases above in this JVM; each case also checks its own message.
        dialling().forEach(fixture -> {
            try {
                test(fixture, "127.0.0.1", Ports.free());
            } catch (GlueException expected) {
                assertThat(expected.getMessage()).doesNotContain(SECRET_VALUE);
            }
        });
        assertThat(CapturedLogs.all()).doesNotContain(SECRET_VALUE);
    }

    /** A loopback server that greets every connection with an SSH banner and then waits: the wrong protocol. */
    static final class BannerServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();

        BannerServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.incrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        out.write("SSH-2.0-OpenSSH_9.6 not-what-you-expected\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread closer = new Thread(() -> {
                            try (socket) {
                                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                            } catch (IOException e) {
                                // the client hung up
                            }
                        }, "banner-conn");
                        closer.setDaemon(true);
                        closer.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "banner-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
