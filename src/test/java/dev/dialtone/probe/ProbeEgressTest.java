package dev.dialtone.probe;

import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.net.Dialer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.jdbc.JdbcTester;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every address a driver dials passes the egress policy first: a refused destination ends the
 * test as REFUSED before any socket connects, whichever name the driver was given.
 */
class ProbeEgressTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
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
        return new Probe(new TesterRegistry(List.of(JdbcTester.withBundledDrivers(dev.dialtone.secrets.SecretStore.NONE))),
                new Dialer(policy, HostResolver.SYSTEM), Duration.ofSeconds(2), workers, new Bulkhead(8, 8, 8));
    }

    private static TestSubject jdbc(String scheme, String host, int port) {
        return new TestSubject("JDBC", Map.of("JDBC_CONNECTION_URL", "jdbc:" + scheme + "://" + host + ":" + port + "/db",
                "USERNAME", "u", "PASSWORD", "never-dialled-pw"), Optional.empty());
    }

    @Test
    void aRefusedDestinationIsReportedAndNeverDialled() {
        EgressPolicy denyLoopbackPort = (host, address, port) -> port == target.port()
                ? Optional.of(address.getHostAddress() + ":" + port + " (" + host + ") is denied by rule 'test'")
                : Optional.empty();
        for (String scheme : List.of("postgresql", "mysql", "mariadb")) {
            for (String host : List.of("127.0.0.1", "db.dialtone.test", "localhost")) {
                ProbeReport report = probe(denyLoopbackPort).test(jdbc(scheme, host, target.port()));
                assertThat(report.outcome()).as(scheme + " via " + host).isEqualTo(ProbeReport.Outcome.REFUSED);
                assertThat(report.message()).startsWith("Connection test refused before dialling: ")
                        .contains("is denied by rule 'test'").doesNotContain("never-dialled-pw");
            }
        }
        assertThat(target.accepted()).isZero();
    }

    @Test
    void thePolicySeesTheAddressReallyDialled() throws Exception {
        List<InetAddress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        EgressPolicy recording = (host, address, port) -> {
            seen.add(address);
            return Optional.empty();
        };
        ProbeReport report = probe(recording).test(jdbc("postgresql", "db.dialtone.test", target.port()));
        assertThat(report.outcome()).isEqualTo(ProbeReport.Outcome.TIMED_OUT);
        assertThat(seen).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(report.stages()).extracting(StageTiming::stage)
                .startsWith(Stage.RESOLVE, Stage.CONNECT, Stage.HANDSHAKE);
        assertThat(report.details()).containsEntry("connected to", "127.0.0.1:" + target.port() + " (db.dialtone.test)");
    }
}
