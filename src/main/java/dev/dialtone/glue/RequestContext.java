package dev.dialtone.glue;

import dev.dialtone.audit.AuditNote;
import dev.dialtone.probe.Cancellation;
import java.util.Optional;

/**
 * What an operation may know about the request beyond its body: its id, who made it, a signal
 * raised when the client hangs up (only operations that ask for it are watched; see
 * {@link GlueOperation#watchesHangups()}), and the note the operation leaves for the audit trail
 * (the resources it acted on, where a test went), and the id a client gave its test to watch its progress
 * ({@link LiveTests#HEADER}, as sent: the operation that uses it checks it).
 */
public record RequestContext(String requestId, Caller caller, Cancellation cancellation, AuditNote audit,
        Optional<String> liveTestId) {

    /** A request whose client watches no test. */
    public RequestContext(String requestId, Caller caller, Cancellation cancellation, AuditNote audit) {
        this(requestId, caller, cancellation, audit, Optional.empty());
    }

    /** A request whose audit note nobody reads. */
    public RequestContext(String requestId, Caller caller, Cancellation cancellation) {
        this(requestId, caller, cancellation, new AuditNote());
    }
}
