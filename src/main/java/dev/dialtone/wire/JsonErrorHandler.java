package dev.dialtone.wire;

import dev.dialtone.glue.ErrorCode;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own refusals (a malformed request line, bad or oversized headers, an unknown HTTP version, an
 * {@code Expect} it cannot meet, an unparseable URI) as JSON 1.1 errors instead of Jetty's HTML pages, so every
 * answer the server gives is one an AWS SDK can read.
 *
 * <p>A request Jetty could not parse is the client's mistake: it answers a 4xx {@code SerializationException}
 * (never retried by the SDKs), keeping Jetty's status where it is a 4xx (431, 417, 414, 413, 400). Jetty's 5xx
 * for a bad message (505 for an unknown version, 501 for an unknown transfer coding) become 400: a 5xx would be
 * retried, and the server is not at fault.
 */
final class JsonErrorHandler implements Request.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        Throwable cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String text ? text : null;
        boolean clientFault = status < 500 || clientSide(cause);
        if (!clientFault) {
            LOG.error("request failed outside the API handler", cause);
            JsonAnswer.error(response, callback, 500, ErrorCode.INTERNAL_SERVICE.shortName(),
                    "Dialtone hit an internal error; the server log has the details.");
            return true;
        }
        int answered = timedOut(cause) ? 408 : status >= 400 && status < 500 ? status : 400;
        String type = answered == 408 ? ErrorCode.REQUEST_TIMEOUT.shortName() : ErrorCode.SERIALIZATION.shortName();
        LOG.debug("refused an unreadable request: {} {} ({})", status, reason, cause == null ? "-" : cause.toString());
        // Jetty closes the connection after a bad message; say so, as the handler does for an unread body.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        JsonAnswer.error(response, callback, answered, type, answered == 408
                ? "The request did not arrive in time; the connection is closed."
                : "The request is not a well-formed HTTP/1.1 request"
                        + (reason == null || reason.isBlank() ? "" : ": " + reason) + " (HTTP " + status + ").");
        return true;
    }

    /**
     * A bad message, the client hanging up (EOF, reset: any I/O failure on its connection) or going silent past the
     * idle timeout: the client's doing, whatever status Jetty gives it, and no stack trace for the log.
     */
    private static boolean clientSide(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpException || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
