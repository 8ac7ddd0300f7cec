package dev.dialtone.glue;

import dev.dialtone.probe.Cancellation;

/**
 * What an operation may know about the request beyond its body: its id, who made it, and a signal
 * raised when the client hangs up (only operations that ask for it are watched; see
 * {@link GlueOperation#watchesHangups()}).
 */
public record RequestContext(String requestId, Caller caller, Cancellation cancellation) {
}
