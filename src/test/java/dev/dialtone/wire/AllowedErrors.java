package dev.dialtone.wire;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The errors each operation may answer: those its AWS model lists (see glue-connection-spec.md, "Errors [M]" of
 * each operation), plus the ones any AWS JSON service answers before an operation runs (protocol, authentication
 * and request validation). An operation missing here fails the tests that consult it: add its model list.
 */
final class AllowedErrors {
    static final Set<String> COMMON = Set.of("SerializationException", "UnknownOperationException",
            "ValidationException", "AccessDeniedException", "ThrottlingException", "RequestTimeoutException",
            "MissingAuthenticationTokenException", "UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignatureException");

    private static final Set<String> GET = Set.of("EntityNotFoundException", "OperationTimeoutException",
            "InvalidInputException", "GlueEncryptionException");
    private static final Set<String> TAGS = Set.of("InvalidInputException", "InternalServiceException",
            "OperationTimeoutException", "EntityNotFoundException");
    private static final Set<String> ENCRYPTION_SETTINGS = Set.of("InternalServiceException", "InvalidInputException",
            "OperationTimeoutException");

    static final Map<String, Set<String>> MODELED = Map.ofEntries(
            Map.entry("CreateConnection", Set.of("AlreadyExistsException", "InvalidInputException",
                    "OperationTimeoutException", "ResourceNumberLimitExceededException", "GlueEncryptionException")),
            Map.entry("GetConnection", GET),
            Map.entry("GetConnections", GET),
            Map.entry("UpdateConnection", Set.of("InvalidInputException", "EntityNotFoundException",
                    "OperationTimeoutException", "GlueEncryptionException")),
            Map.entry("DeleteConnection", Set.of("EntityNotFoundException", "OperationTimeoutException")),
            Map.entry("BatchDeleteConnection", Set.of("InternalServiceException", "OperationTimeoutException")),
            Map.entry("TestConnection", Set.of("InvalidInputException", "OperationTimeoutException",
                    "ResourceNumberLimitExceededException", "GlueEncryptionException", "FederationSourceException",
                    "AccessDeniedException", "EntityNotFoundException", "ConflictException", "InternalServiceException")),
            Map.entry("ListConnectionTypes", Set.of("InternalServiceException", "AccessDeniedException")),
            Map.entry("DescribeConnectionType", Set.of("ValidationException", "InvalidInputException",
                    "InternalServiceException", "AccessDeniedException")),
            // The model's lists, and AlreadyExistsException the RegisterConnectionType page documents.
            Map.entry("RegisterConnectionType", Set.of("InvalidInputException", "OperationTimeoutException",
                    "ResourceNumberLimitExceededException", "InternalServiceException", "AccessDeniedException",
                    "ValidationException", "AlreadyExistsException")),
            Map.entry("DeleteConnectionType", Set.of("EntityNotFoundException", "InvalidInputException",
                    "OperationTimeoutException", "InternalServiceException", "AccessDeniedException",
                    "ValidationException")),
            Map.entry("GetDataCatalogEncryptionSettings", ENCRYPTION_SETTINGS),
            Map.entry("PutDataCatalogEncryptionSettings", ENCRYPTION_SETTINGS),
            Map.entry("TagResource", TAGS),
            Map.entry("UntagResource", TAGS),
            Map.entry("GetTags", TAGS));

    private AllowedErrors() {
    }

    /** Whether {@code operation} (empty: no operation was reached) may answer {@code code}. */
    static boolean allows(Optional<String> operation, String code) {
        if (COMMON.contains(code)) {
            return true;
        }
        return operation.map(name -> {
            Set<String> modeled = MODELED.get(name);
            if (modeled == null) {
                throw new AssertionError(name + " has no entry in AllowedErrors: add its error list from the model");
            }
            return modeled.contains(code);
        }).orElse(false);
    }
}
