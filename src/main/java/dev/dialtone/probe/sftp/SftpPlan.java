package dev.dialtone.probe.sftp;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One SFTP test: a fresh MINA SSHD client whose only socket is dialled through the Dialer, driven
 * stage by stage (CONNECT, HANDSHAKE: version and key exchange, AUTHENTICATE, AUTHORIZE: list a
 * directory), every wait bounded by the deadline, and the client stopped (with all its threads)
 * whatever happens.
 *
 * <p>What the egress policy covers: the host is resolved by the Dialer (RESOLVE), MINA is handed
 * the checked IP address (so it looks nothing up itself), and the one TCP connection of the test
 * is opened by the Dialer to that address after the policy allowed it. MINA's client reads no
 * ~/.ssh/config, known_hosts, identity file or agent: each is switched off below.
 */
final class SftpPlan implements TestPlan {
    // MINA's own timeouts are set past the deadline: the probe's deadline must be what fires, so
    // that a stall is reported as a timeout naming its stage, never as a MINA error racing it.
    private static final int SLACK_MILLIS = 1_000;
    private static final int ENTRIES_COUNTED = 1_000;

    private final String host;
    private final int port;
    private final SftpCredentials credentials;
    private final HostKeyCheck hostKey;
    private final Optional<String> directory;

    SftpPlan(String host, int port, SftpCredentials credentials, HostKeyCheck hostKey, Optional<String> directory) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
        this.hostKey = hostKey;
        this.directory = directory;
    }

    @Override
    public String destination() {
        return "sftp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public Set<String> secrets() {
        return credentials.secrets();
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        session.forwardOnly();
        InetAddress address = resolve(session);
        HandshakeWatch watch = new HandshakeWatch();
        SshClient client = client(session, watch);
        try {
            client.start();
            try (ClientSession ssh = connect(session, client, address)) {
                awaitKeys(session, watch);
                describeHandshake(session, watch);
                session.enter(Stage.AUTHENTICATE);
                authenticate(session, ssh);
                session.enter(Stage.AUTHORIZE);
                listDirectory(session, ssh);
            }
        } catch (IOException e) {
            // Closing a session that already failed; the failure was reported above.
        } finally {
            client.stop();
        }
    }

    private InetAddress resolve(ProbeSession session) throws StageFailure {
        try {
            List<InetAddress> addresses = session.dialer().resolveAll(session, host);
            return addresses.get(0);
        } catch (UnknownHostException e) {
            throw session.networkFailure().orElseGet(() -> new StageFailure(Stage.RESOLVE,
                    "the host name '" + host + "' could not be resolved", "Check HOST."));
        }
    }

    private SshClient client(ProbeSession session, HandshakeWatch watch) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(DialingIoServiceFactory.forTest(session, host));
        client.setServerKeyVerifier(hostKey);
        // Nothing from this machine's SSH setup takes part: no ~/.ssh/config, no default identities,
        // no agent, no prompts.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.setAgentFactory(null);
        client.setUserInteraction(null);
        client.setUserAuthFactories(credentials.key().isPresent() && credentials.password().isPresent()
                ? List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE)
                : credentials.key().isPresent() ? List.of(UserAuthPublicKeyFactory.INSTANCE)
                : List.of(UserAuthPasswordFactory.INSTANCE));
        Duration beyondDeadline = Duration.ofMillis(session.remainingMillis() + SLACK_MILLIS);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, beyondDeadline);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, beyondDeadline);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, beyondDeadline);
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, beyondDeadline);
        // Stopping an abandoned client must not wait for a server that stopped answering.
        CoreModuleProperties.STOP_WAIT_TIME.set(client, Duration.ofSeconds(2));
        client.addSessionListener(watch);
        return client;
    }

    private ClientSession connect(ProbeSession session, SshClient client, InetAddress address) throws StageFailure {
        try {
            // The IP address, not the name: MINA would otherwise look the name up itself.
            ConnectFuture future = client.connect(credentials.user(), address.getHostAddress(), port);
            if (!future.await(waitMillis(session))) {
                throw new StageFailure(Stage.CONNECT, "the TCP connection did not complete in time", "Check HOST and PORT.");
            }
            if (future.getException() != null) {
                throw connectFailure(session, future.getException());
            }
            return future.getSession();
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw abandoned(session);
        } catch (IOException e) {
            throw connectFailure(session, e);
        }
    }

    private StageFailure connectFailure(ProbeSession session, Throwable error) {
        return session.networkFailure().orElseGet(() -> new StageFailure(Stage.CONNECT,
                "the TCP connection failed: " + error.getMessage(), "Check HOST and PORT."));
    }

    private void awaitKeys(ProbeSession session, HandshakeWatch watch) throws StageFailure {
        try {
            watch.keysEstablished().get(waitMillis(session), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandoned(session);
        } catch (TimeoutException e) {
            throw new StageFailure(Stage.HANDSHAKE, "the SSH handshake did not complete in time",
                    "Check that PORT is the port of an SSH server.");
        } catch (ExecutionException e) {
            throw handshakeFailure(watch, e.getCause());
        }
    }

    private StageFailure handshakeFailure(HandshakeWatch watch, Throwable error) {
        if (hostKey.rejected()) {
            return new StageFailure(Stage.HANDSHAKE, "the server's host key " + hostKey.describeMismatch()
                    + " does not match " + SftpTester.FINGERPRINT + " " + hostKey.expected().orElse(""),
                    "If the server's key was changed on purpose, update " + SftpTester.FINGERPRINT
                            + "; otherwise something between Dialtone and the server may be impersonating it.");
        }
        if (watch.serverVersion().isEmpty()) {
            List<String> lines = watch.otherLines();
            return new StageFailure(Stage.HANDSHAKE, lines.isEmpty()
                    ? "the server closed the connection without sending an SSH version line"
                    : "the server did not answer with an SSH version line; it sent '" + String.join(" / ", lines) + "'",
                    "Check that PORT is the port of an SSH server.");
        }
        String reason = error instanceof HandshakeWatch.SessionClosedException
                ? "the server closed the connection during the key exchange"
                : "the key exchange failed: " + error.getMessage();
        return new StageFailure(Stage.HANDSHAKE, reason + " (server " + watch.serverVersion().get() + ")",
                "Check the server's SSH algorithms: Dialtone needs a current key exchange, cipher and host key type.");
    }

    private void describeHandshake(ProbeSession session, HandshakeWatch watch) {
        session.detail("server", watch.serverVersion().orElse("?"));
        session.detail("key exchange", watch.negotiated(KexProposalOption.ALGORITHMS).orElse("?")
                + (watch.strictKex() ? " (strict)" : " (not strict: the server lacks the Terrapin fix)")
                + ", cipher " + watch.negotiated(KexProposalOption.S2CENC).orElse("?"));
        String key = hostKey.seenKey().orElse("?");
        session.detail("host key", hostKey.expected().isPresent() ? key + " (matches " + SftpTester.FINGERPRINT + ")"
                : key + " (not pinned: set " + SftpTester.FINGERPRINT + " to require it)");
    }

    private void authenticate(ProbeSession session, ClientSession ssh) throws StageFailure {
        credentials.key().ifPresent(ssh::addPublicKeyIdentity);
        credentials.password().ifPresent(ssh::addPasswordIdentity);
        try {
            AuthFuture auth = ssh.auth();
            if (!auth.await(waitMillis(session))) {
                throw new StageFailure(Stage.AUTHENTICATE, "the server did not answer the login in time",
                        "Check that the server is not overloaded.");
            }
            if (!auth.isSuccess()) {
                throw new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials of user '"
                        + credentials.user() + "' (methods tried: " + credentials.methods() + ")",
                        credentials.key().isPresent() ? "Check USERNAME and that the server authorizes the public key "
                                + "of " + SftpTester.PRIVATE_KEY + " (or PASSWORD)." : "Check USERNAME and PASSWORD.");
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw abandoned(session);
        } catch (IOException e) {
            throw new StageFailure(Stage.AUTHENTICATE, "the login failed: " + e.getMessage(),
                    "Check USERNAME and the credentials.");
        }
        session.detail("user", credentials.user() + " (" + credentials.methods() + ")");
    }

    private void listDirectory(ProbeSession session, ClientSession ssh) throws StageFailure {
        SftpClient sftp;
        try {
            sftp = SftpClientFactory.instance().createSftpClient(ssh);
        } catch (IOException e) {
            throw new StageFailure(Stage.AUTHORIZE, "the server did not open the SFTP subsystem: " + e.getMessage(),
                    "Check that the server enables SFTP for this user (Subsystem sftp).");
        }
        String path = directory.orElse(".");
        try (sftp) {
            String listed = sftp.canonicalPath(path);
            int entries = 0;
            for (SftpClient.DirEntry entry : sftp.readDir(listed)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..") && ++entries >= ENTRIES_COUNTED) {
                    break;
                }
            }
            session.detail("directory", listed + " (" + (entries >= ENTRIES_COUNTED ? "at least " : "") + entries
                    + (entries == 1 ? " entry" : " entries") + ")");
            session.detail("sftp", "version " + sftp.getVersion());
        } catch (SftpException e) {
            throw directoryFailure(path, e);
        } catch (UncheckedIOException e) {
            // readDir's iterator reports the server's status wrapped.
            if (e.getCause() instanceof SftpException status) {
                throw directoryFailure(path, status);
            }
            throw new StageFailure(Stage.AUTHORIZE, "listing " + describe(path) + " failed: " + e.getCause().getMessage(),
                    "Check " + SftpTester.DIRECTORY + " and the user's rights on it.");
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw abandoned(session);
        } catch (IOException e) {
            throw new StageFailure(Stage.AUTHORIZE, "listing " + describe(path) + " failed: " + e.getMessage(),
                    "Check " + SftpTester.DIRECTORY + " and the user's rights on it.");
        }
    }

    private static StageFailure directoryFailure(String path, SftpException error) {
        String what = describe(path);
        return switch (error.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> new StageFailure(Stage.AUTHORIZE,
                    what + " does not exist", "Check " + SftpTester.DIRECTORY + ".");
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> new StageFailure(Stage.AUTHORIZE,
                    "the user may not list " + what, "Grant the user read access to it, or check " + SftpTester.DIRECTORY + ".");
            case SftpConstants.SSH_FX_NOT_A_DIRECTORY -> new StageFailure(Stage.AUTHORIZE,
                    what + " is not a directory", "Check " + SftpTester.DIRECTORY + ".");
            default -> new StageFailure(Stage.AUTHORIZE, "listing " + what + " failed: "
                    + SftpConstants.getStatusName(error.getStatus()) + " " + error.getMessage(),
                    "Check " + SftpTester.DIRECTORY + " and the user's rights on it.");
        };
    }

    private static String describe(String path) {
        return path.equals(".") ? "the home directory" : "the directory '" + path + "'";
    }

    /** The test was abandoned at its deadline; the probe has already answered, this only unwinds. */
    private static StageFailure abandoned(ProbeSession session) {
        return new StageFailure(session.stage(), "the test was abandoned at its deadline", "");
    }

    private static long waitMillis(ProbeSession session) {
        return session.remainingMillis() + (long) SLACK_MILLIS;
    }
}
