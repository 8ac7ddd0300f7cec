package dev.dialtone.glue;

/** The AWS Glue error codes Dialtone answers with, and the HTTP status each travels with. */
public enum ErrorCode {
    INVALID_INPUT("InvalidInputException", 400),
    ENTITY_NOT_FOUND("EntityNotFoundException", 400),
    ALREADY_EXISTS("AlreadyExistsException", 400),
    OPERATION_TIMEOUT("OperationTimeoutException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    RESOURCE_NUMBER_LIMIT_EXCEEDED("ResourceNumberLimitExceededException", 400),
    GLUE_ENCRYPTION("GlueEncryptionException", 400),
    SERIALIZATION("SerializationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    // The authentication layer's refusals, with the statuses AWS answers them with.
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    // AWS's own request validation, for operations whose model lists no InvalidInputException.
    VALIDATION("ValidationException", 400),
    // A body that did not arrive within the idle timeout: the code both SDKs already treat as transient.
    REQUEST_TIMEOUT("RequestTimeoutException", 408),
    // The laptop mode's answer to a non-loopback Host header or a browser's CORS preflight.
    FORBIDDEN("AccessDeniedException", 403),
    // The 5xx: SDKs retry them, so they must never stand for a failed connection test.
    INTERNAL_SERVICE("InternalServiceException", 500),
    /** A draining node refusing new tests: the retry goes to another node (or this one restarted). */
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

    private final String shortName;
    private final int httpStatus;

    ErrorCode(String shortName, int httpStatus) {
        this.shortName = shortName;
        this.httpStatus = httpStatus;
    }

    public String shortName() {
        return shortName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
