package dev.dialtone.probe.network;

import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
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
        Dialer.Opened opened = session.dialer().openAny(session, new Dialer.Target(host, port, "", "Check HOST and "
                + "PORT, that the service is running, and that no firewall blocks the port."), addresses -> {
                    session.detail("resolved", host + " -> " + addresses.stream().map(InetAddress::getHostAddress)
                            .collect(Collectors.joining(", ")));
                    return addresses;
                });
        if (!opened.unreachable().isEmpty()) {
            session.detail("unreachable", String.join("; ", opened.unreachable()));
        }
        try (Socket socket = opened.socket()) {
            if (tls.isPresent()) {
                TlsClient.handshake(session, socket, host, port, tls.get()).close();
            }
        } catch (IOException e) {
            // Closing after the test: nothing left to learn from it.
        }
    }
}
