package dev.dialtone.probe;

import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.net.Dialer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.MongoWireServer;
import dev.dialtone.fixtures.SftpServer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.mongodb.MongoTester;
import dev.dialtone.probe.sftp.SftpTester;
import dev.dialtone.secrets.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SFTP and MONGODB open their sockets only through the Dialer: MINA's SSH connection, and every
 * connection of the MongoDB driver (its monitors run on their own threads) pass the egress policy,
 * and a refused destination is never dialled.
 */
class SftpAndMongoEgressTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private Tarpit target;

    @BeforeEach
    void start() throws Exception {
        target = new Tarpit();
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
        workers.shutdownNow();
    }

    private Probe probe(EgressPolicy policy) {
        return new Probe(new TesterRegistry(List.of(new SftpTester(SecretStore.NONE), new MongoTester(SecretStore.NONE))),
                new Dialer(policy, HostResolver.SYSTEM), Duration.ofSeconds(3), workers, new Bulkhead(8, 8, 8));
    }

    /** Records every address the testers dial; refuses the tarpit's port. */
    private EgressPolicy recordingAndRefusingTheTarpit() {
        return (host, address, port) -> {
            dialled.add(host + "=" + address.getHostAddress() + ":" + port);
            return port == target.port() ? Optional.of(address.getHostAddress() + ":" + port + " is denied by rule 'test'")
                    : Optional.empty();
        };
    }

    private static TestSubject sftp(String host, int port, String user, String password) {
        return new TestSubject("SFTP", Map.of("HOST", host, "PORT", String.valueOf(port), "USERNAME", user,
                "PASSWORD", password), Optional.empty());
    }

    private static TestSubject mongo(String url) {
        return new TestSubject("MONGODB", Map.of("CONNECTION_URL", url), Optional.empty());
    }

    @Test
    void aRefusedDestinationIsReportedAndNeverDialledByEitherClient() {
        Probe probe = probe(recordingAndRefusingTheTarpit());
        List<ProbeReport> reports = List.of(
                probe.test(sftp("localhost", target.port(), "alice", "never-dialled-pw")),
                probe.test(sftp("127.0.0.1", target.port(), "alice", "never-dialled-pw")),
                probe.test(mongo("mongodb://db.dialtone.test:" + target.port() + "/sales")),
                probe.test(mongo("mongodb://127.0.0.1:" + target.port() + ",localhost:" + target.port() + "/sales")));
        for (ProbeReport report : reports) {
            assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.REFUSED);
            assertThat(report.message()).startsWith("Connection test refused before dialling: ")
                    .contains("is denied by rule 'test'").doesNotContain("never-dialled-pw");
        }
        assertThat(target.accepted()).isZero();
        assertThat(dialled).contains("localhost=127.0.0.1:" + target.port(), "db.dialtone.test=127.0.0.1:" + target.port());
    }

    @Test
    void theSshConnectionIsTheOneAddressThePolicyChecked() throws Exception {
        try (SftpServer server = new SftpServer()) {
            server.addUser("alice", "Egress-Pw-1");
            ProbeReport report = probe(recordingAndRefusingTheTarpit()).test(sftp("localhost", server.port(), "alice",
                    "Egress-Pw-1"));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            assertThat(dialled).containsExactly("localhost=127.0.0.1:" + server.port());
            assertThat(report.stages()).extracting(StageTiming::stage).containsExactly(Stage.RESOLVE, Stage.CONNECT,
                    Stage.HANDSHAKE, Stage.AUTHENTICATE, Stage.AUTHORIZE);
        }
    }

    @Test
    void everyConnectionOfTheMongoDriverMonitorsIncludedIsCheckedByThePolicy() {
        try (MongoWireServer server = new MongoWireServer()) {
            ProbeReport report = probe(recordingAndRefusingTheTarpit())
                    .test(mongo("mongodb://db.dialtone.test:" + server.port() + "/sales"));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            // The monitor's connection (hello) and the pooled connection (ping, listCollections), at least.
            assertThat(dialled).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(entry -> entry.equals("db.dialtone.test=127.0.0.1:" + server.port()));
            assertThat(report.stages()).extracting(StageTiming::stage).containsExactly(Stage.RESOLVE, Stage.CONNECT,
                    Stage.HANDSHAKE, Stage.AUTHENTICATE, Stage.AUTHORIZE);
        }
    }
}
