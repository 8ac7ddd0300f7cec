package dev.dialtone.wire;

import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP listener: Jetty with one handler, bound where the configuration says; Jetty's own refusals answer as
 * JSON 1.1 errors too ({@link JsonErrorHandler}).
 */
public final class WireServer implements AutoCloseable {
    /**
     * Without this, Jetty's first queue asks the platform MBean server whether compressed oops are on (to pad
     * against false sharing), which starts JMX and costs about 150 ms of start-up. Four-byte references, what
     * the JVM uses below a 32 GB heap, give 16 per 64-byte cache line; an operator's own value is kept.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private ServerConnector admin;
    private final StartGate gate = new StartGate();

    /** Sets the listener up; it opens at {@link #listen} and answers once {@link #serve} gives it its handler. */
    public WireServer(String host, int port, Duration idleTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("dialtone-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // A version in every answer tells an attacker which Jetty advisories to try.
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        // Stop at once: clients keep idle keep-alive connections that a graceful stop would wait out.
        server.setStopTimeout(0);
    }

    /**
     * Opens the listener (and the admin one, if added) before the server is ready: calls that arrive wait until
     * {@link #serve} gives them their handler ({@link StartGate}).
     */
    public void listen() throws Exception {
        server.setHandler(gate);
        server.start();
    }

    /**
     * Answers calls from now on, those already waiting first.
     *
     * @param handler the API's handler, or one that passes the API's requests on to it (the console's)
     */
    public void serve(Handler handler) {
        gate.open(handler);
    }

    /** A second listener, for the operator's paths only ({@code --admin-port}); call before {@link #listen}. */
    public Connector addAdminListener(String host, int port) {
        admin = new ServerConnector(server, 1, 1);
        admin.setHost(host);
        admin.setPort(port);
        admin.setName("admin");
        server.addConnector(admin);
        return admin;
    }

    /** The admin listener, when {@link #addAdminListener} added one. */
    public Optional<Connector> adminListener() {
        return Optional.ofNullable(admin);
    }

    /** The admin listener's port really bound, when it has one. */
    public Optional<Integer> adminPort() {
        return Optional.ofNullable(admin).map(ServerConnector::getLocalPort);
    }

    /** The port really bound (useful when 0 asked for a free one). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Closes the API listener: connections are refused from now on; those open stay until {@link #close()}. */
    public void stopAccepting() {
        connector.close();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
