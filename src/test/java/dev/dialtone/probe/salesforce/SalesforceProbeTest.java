package dev.dialtone.probe.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.fixtures.OAuth2Server;
import dev.dialtone.fixtures.SalesforceApiServer;
import dev.dialtone.fixtures.Slammer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TestCertificates;
import dev.dialtone.fixtures.TlsServer;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageTiming;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SALESFORCE through the probe itself, where the test needs what the server does not expose: a CA to
 * trust, a secret store, a short deadline, an egress policy, the stage timings.
 */
class SalesforceProbeTest {
    private static final String SECRET = "probe-secret-91ab3c";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:sf-app";
    private static OAuth2Server auth;
    private static SalesforceApiServer api;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @BeforeAll
    static void peers() throws Exception {
        auth = new OAuth2Server();
        api = new SalesforceApiServer(auth.issuer(), auth.jwksUrl());
        auth.instanceUrl(api.url());
        auth.register(new OAuth2Server.Client("cc-app", Optional.of(SECRET), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty(), "integration@example.com"));
    }

    @AfterAll
    static void stop() {
        auth.close();
        api.close();
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    private Probe probe(SalesforceTester tester, EgressPolicy policy, Duration timeout) {
        return new Probe(new TesterRegistry(List.of(tester)), new Dialer(policy, HostResolver.SYSTEM), timeout, workers,
                new Bulkhead(8, 8, 8));
    }

    private Probe probe() {
        return probe(new SalesforceTester(SecretStore.NONE), EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5));
    }

    private static TestSubject clientCredentials(String tokenUrl, Optional<String> secret, Optional<String> secretArn) {
        OAuth2Properties oauth = new OAuth2Properties(Optional.of("CLIENT_CREDENTIALS"), Optional.of("cc-app"),
                Optional.empty(), Optional.of(tokenUrl), Map.of(), Optional.empty(), Optional.empty(), secret,
                Optional.empty(), Optional.empty(), Optional.empty());
        return new TestSubject("SALESFORCE", Map.of(), Optional.of(new AuthenticationConfiguration(
                Optional.of("OAUTH2"), secretArn, Optional.empty(), Optional.of(oauth), Optional.empty(), Map.of())));
    }

    private static TestSubject clientCredentials(String tokenUrl) {
        return clientCredentials(tokenUrl, Optional.of(SECRET), Optional.empty());
    }

    @Test
    void anHttpsTokenEndpointSignedByATrustedCaSucceedsAndReportsTls() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority("Dialtone Test CA");
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        SalesforceTester tester = new SalesforceTester(SecretStore.NONE,
                new TlsClient.Settings(true, Optional.of(anchors), Optional.empty()));
        try (OAuth2Server https = new OAuth2Server(Optional.of(TestCertificates.serverContext(
                TestCertificates.server(ca, "localhost"), ca)));
                SalesforceApiServer instance = new SalesforceApiServer(https.issuer(), https.publicKeys())) {
            https.instanceUrl(instance.url());
            https.register(new OAuth2Server.Client("cc-app", Optional.of(SECRET), Set.of(GrantType.CLIENT_CREDENTIALS),
                    Optional.empty(), "integration@example.com"));
            ProbeReport report = probe(tester, EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5))
                    .test(clientCredentials(https.tokenUrl()));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            assertThat(report.details()).containsKey("tls").containsEntry("token endpoint", https.tokenUrl());
            assertThat(report.details().get("tls")).startsWith("TLSv1.");
            assertThat(report.details().get("certificate")).startsWith("subject CN=localhost, issuer CN=Dialtone Test CA");
            assertThat(report.details().get("token")).startsWith("issued");
            assertThat(report.stages()).extracting(StageTiming::stage)
                    .containsSubsequence(Stage.CONNECT, Stage.TLS, Stage.HANDSHAKE, Stage.AUTHENTICATE, Stage.AUTHORIZE);
            assertThat(https.tokenRequests()).hasSize(1);
        }
    }

    @Test
    void everySocketGoesThroughTheDialerAndItsPolicy() throws Exception {
        List<String> dialled = new CopyOnWriteArrayList<>();
        EgressPolicy recording = (host, address, port) -> {
            dialled.add(host + "/" + address.getHostAddress() + ":" + port);
            return Optional.empty();
        };
        ProbeReport report = probe(new SalesforceTester(SecretStore.NONE), recording, Duration.ofSeconds(5))
                .test(clientCredentials(auth.tokenUrl()));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        int apiPort = Integer.parseInt(api.url().replaceAll(".*:", ""));
        // The token endpoint, then the instance twice (versions, limits): each connection was dialled by us.
        assertThat(dialled).containsExactly("localhost/127.0.0.1:" + auth.port(), "127.0.0.1/127.0.0.1:" + apiPort,
                "127.0.0.1/127.0.0.1:" + apiPort);
        assertThat(report.stages()).extracting(StageTiming::stage).containsSubsequence(Stage.RESOLVE, Stage.CONNECT,
                Stage.HANDSHAKE, Stage.AUTHENTICATE, Stage.CONNECT, Stage.HANDSHAKE, Stage.AUTHORIZE);
    }

    @Test
    void aRefusedTokenEndpointIsNeverDialled() {
        int before = auth.tokenRequests().size();
        EgressPolicy deny = (host, address, port) -> port == auth.port()
                ? Optional.of(address.getHostAddress() + ":" + port + " is denied by rule 'test'") : Optional.empty();
        ProbeReport report = probe(new SalesforceTester(SecretStore.NONE), deny, Duration.ofSeconds(5))
                .test(clientCredentials(auth.tokenUrl()));
        assertThat(report.outcome()).isEqualTo(ProbeReport.Outcome.REFUSED);
        assertThat(report.message()).contains("is denied by rule 'test'").doesNotContain(SECRET);
        assertThat(auth.tokenRequests()).hasSize(before);
    }

    @Test
    void theClientSecretComesFromTheSecretWhenNotInline() {
        SecretStore store = (id, permissions) -> {
            assertThat(id).isEqualTo(SECRET_ARN);
            return Map.of("USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET", SECRET);
        };
        ProbeReport report = probe(new SalesforceTester(store), EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5))
                .test(clientCredentials(auth.tokenUrl(), Optional.empty(), Optional.of(SECRET_ARN)));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(auth.tokenRequests().get(auth.tokenRequests().size() - 1))
                .containsEntry("client_secret", List.of(SECRET));
        // Inline credentials win, and the secret is not even read.
        SecretStore unreadable = (id, permissions) -> {
            throw new AssertionError("the secret was read although the inline secret suffices");
        };
        assertThat(probe(new SalesforceTester(unreadable), EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5))
                .test(clientCredentials(auth.tokenUrl(), Optional.of(SECRET), Optional.of(SECRET_ARN))).succeeded())
                .isTrue();
        SecretStore empty = (id, permissions) -> Map.of("username", "x");
        assertThatThrownBy(() -> probe(new SalesforceTester(empty), EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5))
                .test(clientCredentials(auth.tokenUrl(), Optional.empty(), Optional.of(SECRET_ARN))))
                .isInstanceOf(InvalidTestInput.class)
                .hasMessageContaining("USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET in the secret");
    }

    @Test
    void aTokenEndpointThatNeverAnswersTimesOutAtHandshakeAndItsSocketIsClosed() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            ProbeReport report = probe(new SalesforceTester(SecretStore.NONE), EgressPolicy.ALLOW_ALL,
                    Duration.ofMillis(800)).test(clientCredentials("http://127.0.0.1:" + tarpit.port() + "/token"));
            assertThat(report.outcome()).isEqualTo(ProbeReport.Outcome.TIMED_OUT);
            assertThat(report.message()).contains("stuck at HANDSHAKE");
            await().atMost(Duration.ofSeconds(5)).until(() -> tarpit.closedByClient() == 1);
        }
    }

    @Test
    void aTokenEndpointThatHangsUpOrSpeaksAnotherProtocolFailsAtHandshake() throws Exception {
        try (Slammer slammer = new Slammer()) {
            ProbeReport report = probe().test(clientCredentials("http://127.0.0.1:" + slammer.port() + "/token"));
            assertThat(report.failedStage()).contains(Stage.HANDSHAKE);
            assertThat(report.message()).contains("the token endpoint http://127.0.0.1:" + slammer.port()
                    + " closed the connection without answering");
        }
        TestCertificates.Issued ca = TestCertificates.certificateAuthority("Dialtone Test CA");
        try (TlsServer tls = new TlsServer(TestCertificates.serverContext(TestCertificates.server(ca, "localhost"), ca))) {
            ProbeReport report = probe().test(clientCredentials("http://localhost:" + tls.port() + "/token"));
            assertThat(report.failedStage()).contains(Stage.HANDSHAKE);
            assertThat(report.message()).contains("did not answer with HTTP").contains("Check that TokenUrl names an "
                    + "HTTP endpoint and port.");
        }
    }

    @Test
    void plainHttpToAnAddressThatIsNotLoopbackIsNeverDialled() {
        // "localhost" is allowed by name; should it resolve elsewhere, plain http still goes nowhere.
        HostResolver elsewhere = host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1}));
        List<String> dialled = new CopyOnWriteArrayList<>();
        Probe probe = new Probe(new TesterRegistry(List.of(new SalesforceTester(SecretStore.NONE))),
                new Dialer((host, address, port) -> {
                    dialled.add(address.getHostAddress());
                    return Optional.empty();
                }, elsewhere), Duration.ofSeconds(5), workers, new Bulkhead(8, 8, 8));
        ProbeReport report = probe.test(clientCredentials("http://localhost:" + auth.port() + "/services/oauth2/token"));
        assertThat(report.failedStage()).contains(Stage.RESOLVE);
        assertThat(report.message()).contains("'localhost' resolved to 192.0.2.1, not a loopback address");
        assertThat(dialled).isEmpty();
    }
}
