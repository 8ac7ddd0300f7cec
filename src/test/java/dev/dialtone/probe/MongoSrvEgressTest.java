package dev.dialtone.probe;

import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.net.Dialer;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.spi.dns.DnsClient;
import com.mongodb.spi.dns.DnsException;
import com.mongodb.spi.dns.DnsWithResponseCodeException;
import dev.dialtone.fixtures.MongoWireServer;
import dev.dialtone.fixtures.MongoWireServer.User;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.mongodb.MongoTester;
import dev.dialtone.secrets.SecretStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mongodb+srv:// URLs, with the driver's SRV and TXT lookups answered by a stand-in DNS client
 * (the JVM's own DNS is never asked): the hosts an SRV record names are dialled through the Dialer
 * and checked by the egress policy, the TXT record's authSource is applied to Dialtone's login,
 * and a missing record, a host outside the SRV host's domain, a failing DNS and a refused target
 * each end the test before any socket is opened.
 */
class MongoSrvEgressTest {
    private static final String CLUSTER = "cluster0.mongo.dialtone.test";
    private static final String SRV_NAME = "_mongodb._tcp." + CLUSTER;
    private static final String NODE = "node1.mongo.dialtone.test";
    /** In src/test/resources/hosts like NODE, but outside the domain of CLUSTER. */
    private static final String STRANGER = "node1.elsewhere.dialtone.test";
    private static final String PASSWORD = "Srv-Pw-3c81d";

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private final StandInDns dns = new StandInDns();
    private Tarpit tarpit;

    @BeforeEach
    void start() throws Exception {
        tarpit = new Tarpit();
    }

    @AfterEach
    void stop() throws Exception {
        tarpit.close();
        workers.shutdownNow();
    }

    private Probe probe(EgressPolicy policy) {
        return new Probe(new TesterRegistry(List.of(new MongoTester(SecretStore.NONE, dns))),
                new Dialer(policy, HostResolver.SYSTEM), Duration.ofSeconds(3), workers, new Bulkhead(8, 8, 8));
    }

    /** Records every address dialled; refuses the tarpit's port. */
    private EgressPolicy recordingAndRefusingTheTarpit() {
        return (host, address, port) -> {
            dialled.add(host + "=" + address.getHostAddress() + ":" + port);
            return port == tarpit.port() ? Optional.of(address.getHostAddress() + ":" + port + " (" + host
                    + ") is denied by rule 'test'") : Optional.empty();
        };
    }

    private static TestSubject mongo(String url, String... userAndPassword) {
        Map<String, String> properties = new HashMap<>(Map.of("CONNECTION_URL", url));
        if (userAndPassword.length == 2) {
            properties.put("USERNAME", userAndPassword[0]);
            properties.put("PASSWORD", userAndPassword[1]);
        }
        return new TestSubject("MONGODB", properties, Optional.empty());
    }

    @Test
    void theHostTheSrvRecordNamesIsReportedAndIsTheOneThePolicyChecked() {
        try (MongoWireServer server = new MongoWireServer()) {
            server.createCollection("sales", "orders");
            dns.srv(SRV_NAME, "0 5 " + server.port() + " " + NODE + ".");
            ProbeReport report = probe(recordingAndRefusingTheTarpit())
                    .test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false"));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            assertThat(report.destination()).isEqualTo("mongodb+srv://" + CLUSTER + "/sales");
            assertThat(report.details()).containsEntry("srv", CLUSTER + " → " + NODE + ":" + server.port())
                    .containsEntry("database", "sales (1 collection)");
            assertThat(report.message()).contains("srv " + CLUSTER + " → " + NODE + ":" + server.port());
            // The monitor's connection and the pooled one, at least: each to the host from the SRV record.
            assertThat(dialled).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(entry -> entry.equals(NODE + "=127.0.0.1:" + server.port()));
            assertThat(dns.queries).containsExactlyInAnyOrder("TXT " + CLUSTER, "SRV " + SRV_NAME);
        }
    }

    @Test
    void theTxtRecordsAuthSourceIsTheDatabaseTheLoginIsCheckedAgainst() {
        try (MongoWireServer server = MongoWireServer.requiringAuthentication(User.of("analyst", PASSWORD))) {
            server.createCollection("sales", "orders");
            dns.srv(SRV_NAME, "0 5 " + server.port() + " " + NODE).txt(CLUSTER, "authSource=admin");
            // Without the TXT record's authSource the login would be checked against the URL's database, sales.
            ProbeReport report = probe(recordingAndRefusingTheTarpit())
                    .test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false", "analyst", PASSWORD));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            assertThat(server.authentications()).containsExactly("SCRAM-SHA-256 analyst@admin");
            assertThat(report.details()).containsEntry("txt", "authSource=admin");
            assertThat(report.message()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anAuthSourceInTheUrlWinsOverTheTxtRecords() {
        try (MongoWireServer server = MongoWireServer.requiringAuthentication(User.of("clerk", PASSWORD)
                .definedIn("sales"))) {
            dns.srv(SRV_NAME, "0 5 " + server.port() + " " + NODE).txt(CLUSTER, "authSource=admin");
            ProbeReport report = probe(recordingAndRefusingTheTarpit())
                    .test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false&authSource=sales", "clerk", PASSWORD));
            assertThat(report.succeeded()).as(report.message()).isTrue();
            assertThat(server.authentications()).containsExactly("SCRAM-SHA-256 clerk@sales");
        }
    }

    @Test
    void aHostWithoutAnSrvRecordFailsAtResolveAndNothingIsDialled() {
        // Unknown to DNS (NXDOMAIN, as for a mistyped host), and a name whose SRV query is answered with no record.
        dns.srv("_mongodb._tcp.empty.mongo.dialtone.test");
        for (String host : List.of("missing.mongo.dialtone.test", "empty.mongo.dialtone.test")) {
            ProbeReport report = probe(recordingAndRefusingTheTarpit()).test(mongo("mongodb+srv://" + host + "/sales"));
            assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.FAILED);
            assertThat(report.failedStage()).contains(Stage.RESOLVE);
            assertThat(report.message()).as(host)
                    .contains("the SRV lookup of the mongodb+srv:// host failed: ")
                    .contains("_mongodb._tcp." + host).doesNotContain("..");
        }
        assertThat(dialled).isEmpty();
    }

    @Test
    void anSrvRecordNamingAHostOutsideTheDomainIsRefusedByTheDriverAndNotDialled() {
        dns.srv(SRV_NAME, "0 5 " + tarpit.port() + " " + STRANGER + ".");
        EgressPolicy recordingOnly = (host, address, port) -> {
            dialled.add(host + "=" + address.getHostAddress() + ":" + port);
            return Optional.empty();
        };
        ProbeReport report = probe(recordingOnly).test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false"));
        assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.FAILED);
        assertThat(report.failedStage()).contains(Stage.RESOLVE);
        assertThat(report.message())
                .contains("the SRV record of " + CLUSTER + " names " + STRANGER + ", which is not a host under its "
                        + "domain mongo.dialtone.test")
                .doesNotContain("lookup of the mongodb+srv:// host failed");
        assertThat(report.details()).containsEntry("srv", CLUSTER + " → " + STRANGER + ":" + tarpit.port());
        assertThat(dialled).isEmpty();
        assertThat(tarpit.accepted()).isZero();
    }

    @Test
    void aFailingDnsServerFailsAtResolveAndNothingIsDialled() {
        dns.failing = true;
        ProbeReport report = probe(recordingAndRefusingTheTarpit())
                .test(mongo("mongodb+srv://" + CLUSTER + "/sales", "analyst", PASSWORD));
        assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.FAILED);
        assertThat(report.failedStage()).contains(Stage.RESOLVE);
        // The TXT record is asked for first (the driver reads its options before it looks the hosts up).
        assertThat(report.message()).contains("the TXT lookup of the mongodb+srv:// host failed: ")
                .contains("SERVFAIL from the stand-in DNS").doesNotContain(PASSWORD);
        assertThat(dialled).isEmpty();
    }

    @Test
    void aRefusedSrvTargetIsReportedAndNeverDialled() {
        dns.srv(SRV_NAME, "0 5 " + tarpit.port() + " " + NODE + ".");
        ProbeReport report = probe(recordingAndRefusingTheTarpit())
                .test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false", "analyst", PASSWORD));
        assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.REFUSED);
        assertThat(report.message()).startsWith("Connection test refused before dialling: ")
                .contains("127.0.0.1:" + tarpit.port() + " (" + NODE + ") is denied by rule 'test'")
                .doesNotContain(PASSWORD);
        assertThat(dialled).contains(NODE + "=127.0.0.1:" + tarpit.port());
        assertThat(tarpit.accepted()).isZero();
    }

    @Test
    void anSrvTargetResolvingToAnIpv6FormOfADeniedAddressIsRefusedAndNeverDialled() throws Exception {
        String mappedNode = "mapped.mongo.dialtone.test";
        HostResolver mapped = host -> host.equals(mappedNode)
                ? List.of(java.net.Inet6Address.getByAddress(host, java.net.InetAddress.getByName("::127.0.0.1")
                        .getAddress(), -1))
                : HostResolver.SYSTEM.resolve(host);
        dns.srv(SRV_NAME, "0 5 " + tarpit.port() + " " + mappedNode + ".");
        Probe probe = new Probe(new TesterRegistry(List.of(new MongoTester(SecretStore.NONE, dns))),
                new Dialer(dev.dialtone.guard.CidrEgressPolicy.of("127.0.0.1/32", ""), mapped), Duration.ofSeconds(3),
                workers, new Bulkhead(8, 8, 8));
        ProbeReport report = probe.test(mongo("mongodb+srv://" + CLUSTER + "/sales?tls=false", "analyst", PASSWORD));
        assertThat(report.outcome()).as(report.message()).isEqualTo(ProbeReport.Outcome.REFUSED);
        assertThat(report.message()).contains("(" + mappedNode + "), which carries 127.0.0.1, is in 127.0.0.1/32")
                .doesNotContain(PASSWORD);
        assertThat(tarpit.accepted()).isZero();
    }

    /**
     * Answers SRV and TXT queries from what the test set, as DNS would: NXDOMAIN for a name it has no record of,
     * an empty answer for a known name without a record of the type asked. Records every query.
     */
    private static final class StandInDns implements DnsClient {
        private static final int NXDOMAIN = 3;
        private final Map<String, Map<String, List<String>>> names = new ConcurrentHashMap<>();
        final List<String> queries = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        StandInDns srv(String name, String... data) {
            names.computeIfAbsent(name, ignored -> new ConcurrentHashMap<>()).put("SRV", List.of(data));
            return this;
        }

        StandInDns txt(String name, String... data) {
            names.computeIfAbsent(name, ignored -> new ConcurrentHashMap<>()).put("TXT", List.of(data));
            return this;
        }

        @Override
        public List<String> getResourceRecordData(String name, String type) throws DnsException {
            queries.add(type + " " + name);
            if (failing) {
                throw new DnsException("SERVFAIL from the stand-in DNS", null);
            }
            Map<String, List<String>> records = names.get(name);
            if (records == null) {
                throw new DnsWithResponseCodeException("DNS name not found [response code 3]", NXDOMAIN, null);
            }
            return records.getOrDefault(type, List.of());
        }
    }
}
