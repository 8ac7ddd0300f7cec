package dev.dialtone.wire;

import dev.dialtone.glue.Caller;
import dev.dialtone.glue.GlueException;
import org.eclipse.jetty.server.Request;

/** Establishes who made a request: the one place on the wire where authentication happens. */
public interface Authenticator {

    /**
     * @param body the request body as received (a signature covers it)
     * @throws GlueException when the request cannot be accepted as coming from anyone
     */
    Caller authenticate(Request request, byte[] body);
}
