package dev.dialtone.wire;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTP listener: Jetty with one handler, bound where the configuration says. */
public final class WireServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /** Sets the listener up; it answers once {@link #start(GlueHttpHandler)} gives it its handler. */
    public WireServer(String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("dialtone-http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // Stop at once: clients keep idle keep-alive connections that a graceful stop would wait out.
        server.setStopTimeout(0);
    }

    public void start(GlueHttpHandler handler) throws Exception {
        server.setHandler(handler);
        server.start();
    }

    /** The port really bound (useful when 0 asked for a free one). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
