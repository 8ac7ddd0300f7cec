package dev.dialtone.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One API call as the audit trail keeps it. Nothing here comes from a request body except the
 * resource names: no property, no credential, no message text.
 *
 * @param principal     the caller's ARN, or {@code anonymous} when the server did not authenticate it
 * @param operation     the operation as the client named it ({@code X-Amz-Target} without its prefix, bounded)
 * @param outcome       {@code ok}, or the error code the client received
 * @param destination   for a connection test, the host:port it went to
 * @param stage         for a connection test, the stage it reached (the failing one, or the last one run)
 * @param testOutcome   for a connection test, SUCCEEDED, FAILED, TIMED_OUT or REFUSED
 */
public record AuditRecord(Instant time, String requestId, String principal, String sourceAddress,
        Optional<String> region, String operation, List<String> resources, String outcome,
        Optional<String> destination, Optional<String> stage, Optional<String> testOutcome, long millis) {

    public static final String ANONYMOUS = "anonymous";

    public AuditRecord {
        resources = List.copyOf(resources);
    }
}
