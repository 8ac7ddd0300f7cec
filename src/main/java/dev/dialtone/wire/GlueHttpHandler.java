package dev.dialtone.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.audit.AuditNote;
import dev.dialtone.audit.AuditRecord;
import dev.dialtone.audit.AuditTrail;
import dev.dialtone.catalog.SecretsUnavailable;
import dev.dialtone.glue.Caller;
import dev.dialtone.glue.ConnectionTestHistory;
import dev.dialtone.glue.ErrorCode;
import dev.dialtone.glue.GlueException;
import dev.dialtone.glue.GlueOperation;
import dev.dialtone.glue.LiveTests;
import dev.dialtone.glue.Members;
import dev.dialtone.glue.RequestContext;
import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.probe.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The AWS JSON 1.1 endpoint: {@code POST /} dispatched on {@code X-Amz-Target}. This is the one
 * place where a {@link GlueException} becomes an error response; every response carries an
 * {@code x-amzn-RequestId}.
 */
public final class GlueHttpHandler extends Handler.Abstract {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GlueHttpHandler.class);
    /** The MDC key of the request id ({@code x-amzn-RequestId}) on every line logged while a call is handled. */
    public static final String REQUEST_ID_MDC = "requestId";
    /** Stands for a body left unread because its declared length is over the limit. */
    private static final byte[] NOT_READ = new byte[0];

    private static final Pattern HISTORY_PATH =
            Pattern.compile("/dialtone/v1/catalogs/([^/]+)/connections/([^/]+)/tests");
    private static final Pattern PROGRESS_PATH = Pattern.compile("/dialtone/v1/tests/([^/]+)/progress");

    private final OperationTable operations;
    private final ConnectionTestHistory history;
    private final LiveTests live;
    private final HangupWatcher hangups;
    private final Authenticator authenticator;
    private final AuditTrail audit;
    private final boolean loopbackHostsOnly;
    private final RequestObserver observer;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param live              the watched tests whose progress {@code GET /dialtone/v1/tests/{id}/progress} shows
     * @param loopbackHostsOnly whether to answer only requests whose {@code Host} names a loopback name or address
     *                          (the laptop mode, where nobody is authenticated: see {@link LoopbackHost})
     * @param observer          told about every answered call (metrics, the request's log line)
     */
    public GlueHttpHandler(OperationTable operations, ConnectionTestHistory history, LiveTests live,
            Authenticator authenticator, AuditTrail audit, boolean loopbackHostsOnly, RequestObserver observer)
            throws IOException {
        this.observer = observer;
        this.operations = operations;
        this.history = history;
        this.live = live;
        this.authenticator = authenticator;
        this.audit = audit;
        this.loopbackHostsOnly = loopbackHostsOnly;
        this.hangups = new HangupWatcher();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        hangups.close();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = RequestIds.next();
        response.getHeaders().put(JsonAnswer.REQUEST_ID, requestId);
        // Every line logged while handling the call carries the id the client gets.
        MDC.put(REQUEST_ID_MDC, requestId);
        String target = request.getHeaders().get("X-Amz-Target");
        Call call = new Call(requestId, target);
        int status = 500;
        String outcome = ErrorCode.INTERNAL_SERVICE.shortName();
        byte[] answer = null;
        ErrorCode error = null;
        String message = null;
        AuditRecord record = null;
        try {
            Matcher historyPath = HISTORY_PATH.matcher(Request.getPathInContext(request));
            Matcher progressPath = PROGRESS_PATH.matcher(Request.getPathInContext(request));
            ObjectNode result;
            refuseBrowsersAndForeignHosts(request, response);
            if ("GET".equals(request.getMethod()) && historyPath.matches()) {
                target = "dialtone.TestHistory";
                call.operation = ConnectionTestHistory.OPERATION;
                byte[] body = drain(request, response);
                call.caller = authenticator.authenticate(request, body);
                result = history.read(decode(historyPath.group(1)), decode(historyPath.group(2)), call.context());
            } else if ("GET".equals(request.getMethod()) && progressPath.matches()) {
                // Authenticated as any request; a caller is shown only the tests it started itself.
                target = "dialtone.TestProgress";
                call.operation = "dialtone.GetTestProgress";
                byte[] body = drain(request, response);
                call.caller = authenticator.authenticate(request, body);
                result = live.progress(decode(progressPath.group(1)), call.context());
            } else {
                call.liveTestId = Optional.ofNullable(request.getHeaders().get(LiveTests.HEADER));
                result = invoke(request, response, call);
            }
            answer = json.writeValueAsBytes(result);
            status = 200;
            outcome = "ok";
        } catch (GlueException e) {
            error = e.code();
            message = e.getMessage();
        } catch (NotAuthorized e) {
            error = ErrorCode.ACCESS_DENIED;
            message = e.getMessage();
        } catch (SecretsUnavailable e) {
            // The operator's problem (master key missing or wrong), told in the log; the client gets no path or key id.
            LOG.error("request {} ({}): the catalog's secrets cannot be opened: {}", requestId, target, e.getMessage());
            error = ErrorCode.GLUE_ENCRYPTION;
            message = "The stored connection secrets cannot be decrypted: the server's master key is not available. "
                    + "The server log names what is missing under request id " + requestId + ".";
        } catch (RuntimeException | IOException e) {
            LOG.error("request {} ({}) failed", requestId, target, e);
            error = ErrorCode.INTERNAL_SERVICE;
            message = "Dialtone hit an internal error; the server log has the details under request id " + requestId + ".";
        } finally {
            if (error != null) {
                status = error.httpStatus();
                outcome = error.shortName();
            }
            // Before the answer goes out: a call the client saw answered is in the trail.
            record = call.record(request, outcome, start);
            if (audit.enabled()) {
                audit.write(record);
            }
            observer.answered(record, call.note, System.nanoTime() - start);
        }
        try {
            if (error == null) {
                JsonAnswer.write(response, callback, 200, answer);
            } else {
                sendError(response, callback, error, message);
            }
        } finally {
            // After the answer (the client does not wait for the log line), and even if writing it failed.
            try {
                observer.sent(record, call.note);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("request {} {} -> {} {} in {} us", requestId, target, status, outcome,
                            (System.nanoTime() - start) / 1000);
                }
            } finally {
                MDC.remove(REQUEST_ID_MDC);
            }
        }
        return true;
    }

    /**
     * A browser's CORS preflight, and in the laptop mode any request whose {@code Host} is not a loopback name, is
     * refused before anything runs (after its body, so a kept-alive connection stays usable). No
     * {@code Access-Control-Allow-*} header is ever sent: no web page may call this API.
     */
    private void refuseBrowsersAndForeignHosts(Request request, Response response) throws IOException {
        HttpFields headers = request.getHeaders();
        if ("OPTIONS".equals(request.getMethod()) && headers.contains(HttpHeader.ORIGIN)
                && headers.contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
            drain(request, response);
            throw new GlueException(ErrorCode.FORBIDDEN, "Dialtone does not answer cross-origin requests: no web "
                    + "page may call its API (CORS preflight from " + printable(headers.get(HttpHeader.ORIGIN)) + " refused).");
        }
        if (loopbackHostsOnly && !LoopbackHost.isLoopback(headers.get(HttpHeader.HOST))) {
            drain(request, response);
            throw new GlueException(ErrorCode.FORBIDDEN, "Dialtone runs in the laptop mode (no authentication) and "
                    + "answers only requests addressed to a loopback name: Host must be localhost, *.localhost, "
                    + "127.x.x.x or [::1] (got " + printable(headers.get(HttpHeader.HOST)) + "). This stops web pages "
                    + "from reaching it through DNS rebinding.");
        }
    }

    /** A header value quoted for a message: cut short, control characters shown as '?'. */
    private static String printable(String value) {
        if (value == null) {
            return "none";
        }
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return "'" + shown.replaceAll("[\\p{Cntrl}]", "?") + "'";
    }

    /** Runs the Glue operation the target names, cancelling it if the client hangs up meanwhile. */
    private ObjectNode invoke(Request request, Response response, Call call) throws IOException {
        // The body is read before routing, even for a request that will be refused: an answer sent while the
        // body is still in flight makes the server drop the connection, and a client that pooled it then
        // fails its next request with a bare EOF.
        byte[] raw = readUpToLimit(request, response);
        if (isOverLimit(raw)) {
            throw tooLarge(response);
        }
        // Who calls is settled before the body is parsed or routed, as AWS does: an unsigned or badly signed
        // request learns nothing from the server, not even whether its body or operation would have been
        // accepted, and the audit trail names the caller of a malformed or unknown request too.
        call.caller = authenticator.authenticate(request, raw);
        ObjectNode body = parseBody(raw);
        GlueOperation operation = route(request, call.target);
        call.operation = operation.name();
        try (HangupWatcher.Watch ignored = watch(operation, request, call.cancellation)) {
            return operation.invoke(Members.of(body), call.context());
        } catch (GlueException e) {
            if (e.code() == ErrorCode.INVALID_INPUT && !operation.modelsInvalidInput()) {
                throw e.asValidationException();
            }
            throw e;
        }
    }

    /** What the wire learns about one call while handling it, for its audit record. */
    private static final class Call {
        // An unknown target is recorded as given (its error message repeats it anyway), within bounds.
        private static final int MAX_RECORDED_TARGET = 128;
        final String requestId;
        final String target;
        final AuditNote note = new AuditNote();
        final Cancellation cancellation = new Cancellation();
        String operation;
        Caller caller;
        Optional<String> liveTestId = Optional.empty();

        Call(String requestId, String target) {
            this.requestId = requestId;
            this.target = target;
        }

        RequestContext context() {
            return new RequestContext(requestId, caller, cancellation, note, liveTestId);
        }

        AuditRecord record(Request request, String outcome, long startNanos) {
            Optional<Caller> known = Optional.ofNullable(caller);
            return new AuditRecord(Instant.now(), requestId,
                    known.flatMap(Caller::principalArn).orElse(AuditRecord.ANONYMOUS),
                    known.map(Caller::sourceAddress).orElseGet(() -> Request.getRemoteAddr(request)),
                    known.map(Caller::region), operation(), note.resources(), outcome, note.destination(),
                    note.stage(), note.testOutcome(), (System.nanoTime() - startNanos) / 1_000_000);
        }

        private String operation() {
            if (operation != null) {
                return operation;
            }
            if (target == null) {
                return "-";
            }
            String named = target.startsWith(OperationTable.TARGET_PREFIX)
                    ? target.substring(OperationTable.TARGET_PREFIX.length()) : target;
            return named.length() > MAX_RECORDED_TARGET ? named.substring(0, MAX_RECORDED_TARGET) : named;
        }
    }

    private static String decode(String pathSegment) {
        return URLDecoder.decode(pathSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private HangupWatcher.Watch watch(GlueOperation operation, Request request, Cancellation cancellation) {
        if (operation.watchesHangups()
                && request.getConnectionMetaData().getConnection().getEndPoint() instanceof SocketChannelEndPoint endPoint) {
            return hangups.watch(endPoint.getChannel(), cancellation::cancel);
        }
        return () -> { };
    }

    private GlueOperation route(Request request, String target) {
        if (!"POST".equals(request.getMethod()) || !"/".equals(Request.getPathInContext(request))) {
            throw new GlueException(ErrorCode.UNKNOWN_OPERATION,
                    "Dialtone answers the AWS Glue API at POST / with an X-Amz-Target header.");
        }
        if (target == null || target.isBlank()) {
            throw new GlueException(ErrorCode.UNKNOWN_OPERATION, "The X-Amz-Target header is missing.");
        }
        return operations.find(target).orElseThrow(() -> new GlueException(ErrorCode.UNKNOWN_OPERATION,
                "Operation '" + target + "' is not supported by Dialtone."));
    }

    private ObjectNode parseBody(byte[] body) throws IOException {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GlueException(ErrorCode.SERIALIZATION, "The request body is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker.*$", "").replaceAll("\\s+", " ")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        if (parsed == null || !parsed.isObject()) {
            throw new GlueException(ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
        }
        return (ObjectNode) parsed;
    }

    /**
     * Reads a body this request has no use for but a signature may cover, so the kept-alive connection can
     * carry the next one.
     */
    private static byte[] drain(Request request, Response response) throws IOException {
        byte[] body = readUpToLimit(request, response);
        if (isOverLimit(body)) {
            // Not read to its end: the connection ends with this answer.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        return body;
    }

    /**
     * The body, or its first {@code MAX_BODY_BYTES + 1} bytes when it is longer; nothing when its declared
     * length is over the limit (a client must not make the server buffer it), which the caller refuses.
     */
    private static byte[] readUpToLimit(Request request, Response response) throws IOException {
        if (request.getLength() > MAX_BODY_BYTES) {
            return NOT_READ;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(e, response);
        }
    }

    /**
     * A body that could not be read is the client's doing, never a 500 (which SDKs retry): one that did not arrive
     * within the idle timeout answers 408, one that ended early or whose chunked encoding is malformed (Jetty
     * reports both as an early EOF) answers 400. Either way the connection is closed: where the next request
     * would start is unknown. One WARN line, no stack trace: a client that hangs up mid-body lands here too.
     *
     * @throws IOException {@code e} itself when it is none of these
     */
    private static GlueException unreadable(IOException e, Response response) throws IOException {
        String requestId = response.getHeaders().get(JsonAnswer.REQUEST_ID);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                LOG.warn("request {}: the request body did not arrive before the idle timeout", requestId);
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                return new GlueException(ErrorCode.REQUEST_TIMEOUT,
                        "The request body did not arrive in time; the connection is closed.");
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException || cause instanceof EofException) {
                LOG.warn("request {}: the request body ended early or is malformed ({}); the client hung up or sent "
                        + "a bad chunked encoding", requestId, cause.getMessage());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                return new GlueException(ErrorCode.SERIALIZATION, "The request body could not be read: it ended "
                        + "before its declared length, or its chunked encoding is malformed.");
            }
        }
        throw e;
    }

    private static boolean isOverLimit(byte[] body) {
        return body == NOT_READ || body.length > MAX_BODY_BYTES;
    }

    /** The rest of the body stays unread, so the connection cannot carry another request: say so to the client. */
    private static GlueException tooLarge(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        return new GlueException(ErrorCode.SERIALIZATION,
                "The request body is larger than the " + MAX_BODY_BYTES + " bytes Dialtone accepts.");
    }

    private static void sendError(Response response, Callback callback, ErrorCode code, String message) {
        JsonAnswer.error(response, callback, code.httpStatus(), code.shortName(), message);
    }
}
