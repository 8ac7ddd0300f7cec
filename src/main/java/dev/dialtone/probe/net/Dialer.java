package dev.dialtone.probe.net;

import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one door every test socket goes through: resolves the host (RESOLVE), checks the address
 * against the egress policy, connects to exactly that address (CONNECT), and registers the socket
 * with the test so the deadline can close it. Drivers reach it through socket factories we set.
 */
public final class Dialer {
    private final EgressPolicy policy;
    private final HostResolver resolver;

    public Dialer(EgressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Connects {@code socket} to {@code host:port}. When the driver already picked one of the
     * addresses we resolved, that one is used; otherwise the first we resolved (never an address we
     * did not check, so DNS rebinding between check and use cannot happen).
     */
    void connect(ProbeSession session, DialedSocket socket, InetSocketAddress requested, int driverTimeoutMillis)
            throws IOException {
        String host = requested.getHostString();
        int port = requested.getPort();
        List<InetAddress> addresses = resolveAll(session, host);
        InetAddress address = addresses.get(0);
        if (!requested.isUnresolved()) {
            for (InetAddress resolved : addresses) {
                if (sameHost(resolved, requested.getAddress())) {
                    // The resolved one, as the resolver gave it: an IPv4-mapped answer stays the Inet6Address the
                    // policy must see, even though Java rebuilt the driver's copy of its bytes as IPv4.
                    address = resolved;
                    break;
                }
            }
        }
        Optional<String> refusal = policy.refusal(host, address, port);
        if (refusal.isPresent()) {
            session.recordRefusal(refusal.get());
            throw new EgressRefusedException(refusal.get());
        }
        session.register(socket);
        session.enter(Stage.CONNECT);
        String target = describe(host, address, port);
        int timeout = session.remainingMillis();
        if (driverTimeoutMillis > 0) {
            timeout = Math.min(timeout, driverTimeoutMillis);
        }
        long start = System.nanoTime();
        try {
            socket.connectDirect(new InetSocketAddress(address, port), Math.max(1, timeout));
        } catch (IOException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            session.recordNetworkFailure(new StageFailure(Stage.CONNECT, connectFailure(e, target, millis),
                    "Check HOST and PORT, that the server is running and listening on that address, and that "
                            + "no firewall blocks the port."));
            throw e;
        }
        session.detail("connected to", target);
    }

    /**
     * Opens a TCP connection to one of {@code host}'s resolved addresses, through the policy, timed
     * as CONNECT and registered with the test.
     */
    public Socket open(ProbeSession session, String host, InetAddress address, int port) throws IOException {
        DialedSocket socket = new DialedSocket(session);
        connect(session, socket, new InetSocketAddress(InetAddress.getByAddress(host, address.getAddress()), port), 0);
        return socket;
    }

    /**
     * How {@link #openAny} names what it dials in its failures.
     *
     * @param who  prefixes each failure, e.g. "bootstrap server b-1:9094" (empty: the bare reason)
     * @param hint what to check when the host cannot be resolved or reached
     */
    public record Target(String host, int port, String who, String hint) {
        public Target {
            who = who.isEmpty() ? "" : who + ": ";
        }
    }

    /** Which resolved addresses may be dialled; may refuse them all with its own failure. */
    @FunctionalInterface
    public interface AddressChoice {
        AddressChoice ALL = addresses -> addresses;

        List<InetAddress> choose(List<InetAddress> addresses) throws StageFailure;
    }

    /**
     * The connection {@link #openAny} made: the socket, the address that accepted it, and why the addresses
     * tried before it did not.
     */
    public record Opened(Socket socket, InetAddress address, List<String> unreachable) {
        public Opened {
            unreachable = List.copyOf(unreachable);
        }
    }

    /**
     * Resolves the target (RESOLVE) and connects to each of its addresses in turn, as client libraries do, each
     * through the egress policy, until one accepts (CONNECT). A refusal by the policy ends it at once as a CONNECT
     * failure (the probe reports it as a refusal, from the session); every address refused is a CONNECT failure
     * naming each one's reason.
     */
    public Opened openAny(ProbeSession session, Target target, AddressChoice choice) throws StageFailure {
        List<InetAddress> addresses;
        try {
            addresses = choice.choose(resolveAll(session, target.host()));
        } catch (UnknownHostException e) {
            throw new StageFailure(Stage.RESOLVE, target.who() + "the host name '" + target.host()
                    + "' could not be resolved", target.hint());
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                return new Opened(open(session, target.host(), address, target.port()), address, refused);
            } catch (EgressRefusedException e) {
                throw new StageFailure(Stage.CONNECT, e.getMessage(), "Ask the operator about the egress policy.");
            } catch (IOException e) {
                refused.add(session.networkFailure().map(StageFailure::reason)
                        .orElse(address.getHostAddress() + ": " + e.getMessage()));
            }
        }
        throw new StageFailure(Stage.CONNECT, target.who() + (refused.size() == 1 ? refused.get(0)
                : "no address of " + target.host() + " accepted a connection: " + String.join("; ", refused)),
                target.hint());
    }

    /**
     * Looks {@code host} up (the RESOLVE stage, once per test) and returns every address, for testers
     * that report them all. Nothing is dialled.
     */
    public List<InetAddress> resolveAll(ProbeSession session, String host) throws UnknownHostException {
        Optional<List<InetAddress>> cached = session.resolved(host);
        if (cached.isPresent()) {
            return cached.get();
        }
        session.enter(Stage.RESOLVE);
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            session.rememberResolved(host, addresses);
            return addresses;
        } catch (UnknownHostException e) {
            session.recordNetworkFailure(new StageFailure(Stage.RESOLVE,
                    "the host name '" + host + "' could not be resolved",
                    "Check HOST (or the host in the connection URL) for typos, and that this server's DNS knows it."));
            throw e;
        }
    }

    /** The same host whatever the form: {@code ::ffff:a.b.c.d} and {@code a.b.c.d} are one address to the kernel. */
    private static boolean sameHost(InetAddress a, InetAddress b) {
        return Arrays.equals(v4Form(a.getAddress()), v4Form(b.getAddress()));
    }

    private static byte[] v4Form(byte[] bytes) {
        boolean mapped = bytes.length == 16 && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        for (int i = 0; mapped && i < 10; i++) {
            mapped = bytes[i] == 0;
        }
        return mapped ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static String describe(String host, InetAddress address, int port) {
        String ip = address.getHostAddress();
        String endpoint = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        return host.equals(ip) ? endpoint : endpoint + " (" + host + ")";
    }

    private static String connectFailure(IOException e, String target, long millis) {
        if (e instanceof ConnectException) {
            return "TCP connection to " + target + " was refused after " + millis
                    + " ms (nothing is listening on that port, or a firewall rejected it)";
        }
        if (e instanceof SocketTimeoutException) {
            return "TCP connection to " + target + " got no answer within " + millis
                    + " ms (the host may be down, or a firewall drops the packets)";
        }
        if (e instanceof NoRouteToHostException) {
            return "there is no route to " + target;
        }
        return "TCP connection to " + target + " failed after " + millis + " ms: " + e.getMessage();
    }
}
