package dev.dialtone.probe.network;

import dev.dialtone.probe.EgressRefusedException;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TlsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One reachability test: every address of the host, in order, until one accepts; then TLS if asked. */
final class NetworkPlan implements TestPlan {
    private final String host;
    private final int port;
    private final Optional<TlsClient.Settings> tls;

    NetworkPlan(String host, int port, Optional<TlsClient.Settings> tls) {
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public String destination() {
        return host + ":" + port;
    }

    @Override
    public Set<String> secrets() {
        return Set.of();
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        List<InetAddress> addresses;
        try {
            addresses = session.dialer().resolveAll(session, host);
        } catch (UnknownHostException e) {
            throw session.networkFailure().orElseGet(() -> new StageFailure(Stage.RESOLVE,
                    "the host name '" + host + "' could not be resolved", "Check HOST."));
        }
        session.detail("resolved", host + " -> " + addresses.stream().map(InetAddress::getHostAddress)
                .collect(Collectors.joining(", ")));
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            try (Socket socket = session.dialer().open(session, host, address, port)) {
                if (!refused.isEmpty()) {
                    session.detail("unreachable", String.join("; ", refused));
                }
                if (tls.isPresent()) {
                    TlsClient.handshake(session, socket, host, port, tls.get()).close();
                }
                return;
            } catch (EgressRefusedException e) {
                // The probe reports a refusal as such, from the session.
                throw new StageFailure(Stage.CONNECT, e.getMessage(), "Ask the operator about the egress policy.");
            } catch (IOException e) {
                refused.add(session.networkFailure().map(StageFailure::reason)
                        .orElse(address.getHostAddress() + ": " + e.getMessage()));
            }
        }
        throw new StageFailure(Stage.CONNECT, addresses.size() == 1 ? refused.get(0)
                : "no address of " + host + " accepted a connection: " + String.join("; ", refused),
                "Check HOST and PORT, that the service is running, and that no firewall blocks the port.");
    }
}
