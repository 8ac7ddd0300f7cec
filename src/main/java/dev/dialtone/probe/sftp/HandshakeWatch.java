package dev.dialtone.probe.sftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Follows the SSH handshake of the test's one session: the server's version line (and any other
 * lines it sent before it), the negotiated algorithms, and the moment the keys are established or
 * the handshake failed.
 */
final class HandshakeWatch implements SessionListener {
    private static final String STRICT_KEX_CLIENT = "kex-strict-c-v00@openssh.com";
    private static final String STRICT_KEX_SERVER = "kex-strict-s-v00@openssh.com";
    private static final int LINES_KEPT = 3;

    private final CompletableFuture<Void> keysEstablished = new CompletableFuture<>();
    private final List<String> otherLines = new ArrayList<>();
    private volatile String serverVersion;
    private volatile Map<KexProposalOption, String> negotiated = Map.of();
    private volatile boolean strictKex;

    /** Completes when the keys are established; fails with the reason the handshake ended instead. */
    CompletableFuture<Void> keysEstablished() {
        return keysEstablished;
    }

    Optional<String> serverVersion() {
        return Optional.ofNullable(serverVersion);
    }

    synchronized List<String> otherLines() {
        return List.copyOf(otherLines);
    }

    Optional<String> negotiated(KexProposalOption option) {
        return Optional.ofNullable(negotiated.get(option));
    }

    boolean strictKex() {
        return strictKex;
    }

    @Override
    public synchronized void sessionPeerIdentificationLine(Session session, String line, List<String> extraLines) {
        if (otherLines.size() < LINES_KEPT && !line.startsWith("SSH-")) {
            otherLines.add(line.length() > 100 ? line.substring(0, 100) + "..." : line);
        }
    }

    @Override
    public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
        serverVersion = version;
    }

    /** Strict key exchange (the Terrapin fix) is on when both sides offer it; MINA drops the markers after this. */
    @Override
    public void sessionNegotiationStart(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal) {
        strictKex = offers(clientProposal, STRICT_KEX_CLIENT) && offers(serverProposal, STRICT_KEX_SERVER);
    }

    private static boolean offers(Map<KexProposalOption, String> proposal, String marker) {
        return List.of(proposal.getOrDefault(KexProposalOption.ALGORITHMS, "").split(",")).contains(marker);
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, Map<KexProposalOption, String> negotiatedOptions,
            Throwable reason) {
        if (reason != null) {
            keysEstablished.completeExceptionally(reason);
            return;
        }
        negotiated = Map.copyOf(negotiatedOptions);
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.KeyEstablished) {
            keysEstablished.complete(null);
        }
    }

    @Override
    public void sessionException(Session session, Throwable error) {
        keysEstablished.completeExceptionally(error);
    }

    @Override
    public void sessionClosed(Session session) {
        keysEstablished.completeExceptionally(new SessionClosedException());
    }

    /** The server (or the network) ended the session before the keys were established. */
    static final class SessionClosedException extends Exception {
        SessionClosedException() {
            super("the session was closed", null, false, false);
        }
    }
}
