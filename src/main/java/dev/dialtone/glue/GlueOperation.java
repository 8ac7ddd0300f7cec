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

    /**
     * Whether the AWS model lists {@code InvalidInputException} for this operation; when it does not, bad input
     * answers as AWS's own request validation does ({@code ValidationException}), see
     * {@link GlueException#asValidationException()}.
     */
    default boolean modelsInvalidInput() {
        return true;
    }

    /** Whether the wire should cancel this operation when its client hangs up (long-running ones). */
    default boolean watchesHangups() {
        return false;
    }
}
