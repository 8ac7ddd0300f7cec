package dev.dialtone.wire;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The listener's first handler. The listener opens while the server is still starting, so that Jetty's own start
 * (~50 ms) overlaps the catalog's opening instead of following it; a call that arrives before the server is ready
 * waits here, and is passed on the moment it is ({@link #open}). One that waits longer than any start can take is
 * answered 503 (which SDKs retry); a start that fails closes the listener, and with it the calls waiting.
 */
final class StartGate extends Handler.Wrapper {
    /** Longer than the catalog's start patience (PostgreSQL's first login on a busy host). */
    static final long PATIENCE_SECONDS = 60;

    private final CountDownLatch ready = new CountDownLatch(1);

    StartGate() {
        super(true); // its handler is set while the server runs
    }

    /** From now on every call goes to {@code handler}, those waiting first. */
    void open(Handler handler) {
        setHandler(handler);
        ready.countDown();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (ready.getCount() > 0 && !ready.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            Response.writeError(request, response, callback, 503, "the server is still starting");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
