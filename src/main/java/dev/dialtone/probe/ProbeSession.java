package dev.dialtone.probe;

import dev.dialtone.probe.net.Dialer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The state of one running test: its deadline, the stage it is in and how long each took, the
 * details worth reporting, and every socket it opened (so the deadline can close them).
 *
 * <p>Drivers build their sockets through factories that they instantiate themselves by class
 * name, so those factories cannot be handed the session; they find it through {@link #current()},
 * bound to the thread that runs the test. This is the only static state in the probe.
 */
public final class ProbeSession {
    private static final ThreadLocal<ProbeSession> CURRENT = new ThreadLocal<>();

    private final Dialer dialer;
    private final long startNanos;
    private final long deadlineNanos;
    private final List<StageTiming> timings = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, List<InetAddress>> resolved = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private Stage stage;
    private long stageStartNanos;
    private volatile boolean aborted;
    private volatile StageFailure networkFailure;
    private volatile String refusal;
    private boolean forwardOnly;

    private final Consumer<Stage> onStage;

    ProbeSession(Dialer dialer, Duration timeout, Consumer<Stage> onStage) {
        this.dialer = dialer;
        this.onStage = onStage;
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.stage = Stage.RESOLVE;
        this.stageStartNanos = startNanos;
    }

    /** The session of the test running on this thread; fails when called outside a test. */
    public static ProbeSession current() {
        ProbeSession session = CURRENT.get();
        if (session == null) {
            throw new IllegalStateException("no connection test is running on this thread");
        }
        return session;
    }

    void bindToCurrentThread() {
        CURRENT.set(this);
    }

    void unbindFromCurrentThread() {
        CURRENT.remove();
    }

    public Dialer dialer() {
        return dialer;
    }

    /**
     * Ends the current stage (recording its duration) and starts {@code next}; entering the stage the
     * test is already in continues it (the test starts in RESOLVE, before the dialer looks anything up).
     */
    public synchronized void enter(Stage next) {
        if (stage == next || (forwardOnly && stage != null && next.compareTo(stage) < 0
                // TLS follows the TCP connect, which the dialer ends by entering HANDSHAKE.
                && !(stage == Stage.HANDSHAKE && next == Stage.TLS))) {
            return;
        }
        long now = System.nanoTime();
        if (stage != null) {
            timings.add(new StageTiming(stage, Duration.ofNanos(now - stageStartNanos)));
        }
        stage = next;
        stageStartNanos = now;
        onStage.accept(next);
    }

    /**
     * From now on the tester ends HANDSHAKE itself and stages only move forward. For protocols whose
     * handshake takes several round trips (SSH: version, then key exchange), the server's first bytes
     * are not its end; and for drivers that open more connections from their own threads (MongoDB's
     * monitors), a later connection must not drag the test back to CONNECT.
     */
    public synchronized void forwardOnly() {
        forwardOnly = true;
    }

    /** Ends the current stage; the test is complete. */
    public synchronized void finish() {
        if (stage != null) {
            timings.add(new StageTiming(stage, Duration.ofNanos(System.nanoTime() - stageStartNanos)));
            stage = null;
        }
    }

    /** The stage the test is in now (the last one entered, when finished). */
    public synchronized Stage stage() {
        if (stage != null) {
            return stage;
        }
        return timings.isEmpty() ? Stage.RESOLVE : timings.get(timings.size() - 1).stage();
    }

    synchronized List<StageTiming> timings() {
        return List.copyOf(timings);
    }

    /** The server sent its first bytes (seen by the dialed socket): the handshake is answered, credentials come next. */
    public synchronized void serverAnswered() {
        if (stage == Stage.HANDSHAKE && !forwardOnly) {
            enter(Stage.AUTHENTICATE);
        }
    }

    /**
     * Leaves a value for the classes a driver instantiates by name during this test (socket and TLS
     * factories, trust managers), which can reach nothing but {@link #current()}.
     */
    public <T> void attach(Class<T> type, T value) {
        attachments.put(type, value);
    }

    public <T> Optional<T> attachment(Class<T> type) {
        return Optional.ofNullable(type.cast(attachments.get(type)));
    }

    public synchronized void detail(String key, String value) {
        details.put(key, value);
    }

    synchronized Map<String, String> details() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Milliseconds left before the deadline, at least 1 (a 0 timeout means "forever" to sockets). */
    public int remainingMillis() {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /**
     * A read timeout for sockets and drivers: a second past the deadline, so that the probe's
     * deadline, never a read timeout racing it, is what ends a stalled test (and names its stage).
     */
    public int socketTimeoutMillis() {
        return remainingMillis() + 1_000;
    }

    /** Seconds left, rounded up, for drivers whose timeouts are in seconds. */
    public int remainingSeconds() {
        return (remainingMillis() + 999) / 1000;
    }

    /** The dialer's: the addresses this test already resolved for {@code host}. */
    public Optional<List<InetAddress>> resolved(String host) {
        return Optional.ofNullable(resolved.get(host));
    }

    /** The dialer's: what {@code host} resolved to, so the test resolves each host once. */
    public void rememberResolved(String host, List<InetAddress> addresses) {
        resolved.put(host, List.copyOf(addresses));
    }

    /** The dialer's: a socket of this test, closed at the deadline (at once when the test was abandoned). */
    public void register(Socket socket) throws IOException {
        sockets.add(socket);
        if (aborted) {
            socket.close();
            throw new IOException("the connection test was abandoned at its deadline");
        }
    }

    /** Closes every socket of the test: the driver blocked on one of them fails at once. */
    void abort() {
        aborted = true;
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is best effort; the socket is unusable either way.
            }
        }
    }

    /** Closes what the test left open (drivers close their connections, but a failure may not). */
    void closeSockets() {
        abort();
    }

    boolean aborted() {
        return aborted;
    }

    /** The dialer's: the RESOLVE or CONNECT failure it saw, which a driver may report in its own words. */
    public void recordNetworkFailure(StageFailure failure) {
        networkFailure = failure;
    }

    /** A RESOLVE or CONNECT failure seen by the dialer, whatever the driver made of it. */
    public Optional<StageFailure> networkFailure() {
        return Optional.ofNullable(networkFailure);
    }

    /** The dialer's: the egress policy refused a destination; the probe reports it as a refusal. */
    public void recordRefusal(String reason) {
        refusal = reason;
    }

    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }
}
