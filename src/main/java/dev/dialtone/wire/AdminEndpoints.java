package dev.dialtone.wire;

/**
 * What the operator's paths answer ({@code /health/live}, {@code /health/ready}, {@code /metrics}): the wire
 * routes to them, the server decides what they say.
 */
public interface AdminEndpoints {

    /** An answer: status, content type, body. */
    record Answer(int status, String contentType, byte[] body) {
    }

    Answer live();

    Answer ready();

    Answer metrics();

    /** Whether the node is draining: every answer then closes its connection, so clients reconnect elsewhere. */
    boolean draining();
}
