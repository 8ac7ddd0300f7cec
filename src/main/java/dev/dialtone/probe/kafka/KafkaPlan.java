package dev.dialtone.probe.kafka;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;

/**
 * One KAFKA test. Kafka clients do their own networking (NIO channels, no socket factory), so the
 * stages are run over sockets of our own first, each opened by the dialer:
 * <ol>
 *   <li>every bootstrap server: RESOLVE, CONNECT, TLS when on, HANDSHAKE (ApiVersions);</li>
 *   <li>the first one: AUTHENTICATE (SASL when set) and a Metadata request, which names the brokers
 *       at their advertised addresses;</li>
 *   <li>every advertised address the bootstrap servers did not cover: RESOLVE, CONNECT, TLS,
 *       HANDSHAKE, failing with the address named: the advertised.listeners mistake, which makes
 *       every real client hang after a successful bootstrap;</li>
 *   <li>AUTHORIZE with kafka-clients' Admin client, which may dial only what passed the steps above.</li>
 * </ol>
 */
final class KafkaPlan implements TestPlan {
    private static final String BOOTSTRAP_HINT = "Check KAFKA_BOOTSTRAP_SERVERS, that the brokers are running, and "
            + "that no firewall blocks their ports.";
    private static final String ADVERTISED_HINT = "Fix the brokers' advertised.listeners: a client reaches the "
            + "cluster through a bootstrap server, then talks to each broker at the address it advertises, so every "
            + "advertised address must resolve and be reachable from where the clients run.";

    private final KafkaTarget target;
    private final Optional<TlsClient.Settings> tls;
    private final AdminCheck admin;

    KafkaPlan(KafkaTarget target, AdminCheck admin) {
        this.target = target;
        this.tls = target.tls().map(KafkaTls::settings);
        this.admin = admin;
    }

    @Override
    public String destination() {
        return "kafka://" + target.servers().stream().map(BootstrapServer::toString).collect(Collectors.joining(","));
    }

    @Override
    public Set<String> secrets() {
        return target.secrets();
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        BrokerDialer brokers = new BrokerDialer(session, tls, target.tls().flatMap(KafkaTls::clientCertificate));
        List<String> reached = new ArrayList<>();
        KafkaWire first = null;
        try {
            for (BootstrapServer server : target.servers()) {
                String who = "bootstrap server " + server + (reached.isEmpty() ? ""
                        : " (" + String.join(", ", reached) + " answered)");
                KafkaWire wire = brokers.open(server, who, BOOTSTRAP_HINT);
                reached.add(server.toString());
                if (first == null) {
                    first = wire;
                } else {
                    close(wire);
                }
            }
            session.detail("bootstrap", String.join(", ", reached) + " (" + target.securityProtocol() + ")");
            target.tls().ifPresent(tls -> session.detail("tls trust", tls.describe()));
            MetadataResponse metadata = identify(session, first, target.servers().get(0));
            close(first);
            first = null;
            checkAdvertised(metadata.brokers(), brokers, target.servers().get(0));
            admin.run(session, target, brokers.accepted());
        } finally {
            if (first != null) {
                close(first);
            }
        }
    }

    /** AUTHENTICATE (SASL when set), then ask for the cluster's metadata as that identity. */
    private MetadataResponse identify(ProbeSession session, KafkaWire wire, BootstrapServer server) throws StageFailure {
        String who = "bootstrap server " + server;
        session.enter(Stage.AUTHENTICATE);
        try {
            if (target.sasl().isPresent()) {
                SaslAuthentication.authenticate(wire, target.sasl().get(), who, KafkaFailures.CREDENTIALS_HINT);
                session.detail("sasl", target.sasl().get().mechanism() + " as " + target.sasl().get().username());
            }
            short version = wire.version(ApiKeys.METADATA).orElseThrow(() -> new StageFailure(Stage.HANDSHAKE,
                    who + " does not serve Metadata requests", "Check that the address is a Kafka broker listener."));
            // No topics asked for: the answer names the brokers, the controller and the cluster id only.
            MetadataResponse metadata = (MetadataResponse) wire.exchange(new MetadataRequest.Builder(
                    new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(false)).build(version));
            session.detail("cluster id", metadata.clusterId() == null ? "none reported" : metadata.clusterId());
            session.detail("brokers", metadata.brokers().size() + " (" + metadata.brokers().stream()
                    .map(KafkaPlan::describe).collect(Collectors.joining(", ")) + ")");
            Node controller = metadata.controller();
            session.detail("controller", controller == null ? "none reported" : describe(controller));
            return metadata;
        } catch (IOException e) {
            if (target.sasl().isEmpty() && (e instanceof EOFException || e instanceof SocketException)) {
                throw new StageFailure(Stage.AUTHENTICATE, who + " closed the connection when asked for the cluster's "
                        + "metadata without credentials: its listener requires authentication",
                        "Set KAFKA_SASL_MECHANISM with its user and password (or SECRET_ID), or use the port of a "
                                + "listener that needs none.");
            }
            throw new StageFailure(Stage.AUTHENTICATE, who + " failed while authenticating and describing the "
                    + "cluster: " + e.getMessage(), KafkaFailures.CREDENTIALS_HINT);
        }
    }

    /** Every advertised address the bootstrap servers did not already cover must answer too. */
    private void checkAdvertised(Collection<Node> nodes, BrokerDialer brokers, BootstrapServer bootstrap)
            throws StageFailure {
        Set<BootstrapServer> checked = new LinkedHashSet<>(target.servers());
        for (Node node : nodes) {
            BootstrapServer advertised = new BootstrapServer(node.host(), node.port());
            if (!checked.add(advertised)) {
                continue;
            }
            String who = "broker " + node.id() + " is advertised at " + advertised + " (by bootstrap server "
                    + bootstrap + ", which answered)";
            close(brokers.open(advertised, who, ADVERTISED_HINT));
        }
    }

    private static String describe(Node node) {
        return new BootstrapServer(node.host(), node.port()) + " (id " + node.id() + ")";
    }

    private static void close(KafkaWire wire) {
        try {
            wire.close();
        } catch (IOException ignored) {
            // Best effort: the probe closes every socket of the test at the end anyway.
        }
    }
}
