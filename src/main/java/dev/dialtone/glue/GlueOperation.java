package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Glue API operation: reads its request shape, does the work, returns its output shape. */
public interface GlueOperation {

    /** The operation name as in {@code X-Amz-Target: AWSGlue.<name>}. */
    String name();

    /**
     * @throws GlueException for every answer other than success
     */
    ObjectNode invoke(Members request, RequestContext context);

    /** Whether the wire should cancel this operation when its client hangs up (long-running ones). */
    default boolean watchesHangups() {
        return false;
    }
}
