package dev.dialtone.wire;

import dev.dialtone.audit.AuditNote;
import dev.dialtone.audit.AuditRecord;

/** Told about every call the API answers, once its outcome is known. */
public interface RequestObserver {
    RequestObserver NONE = (record, note, nanos) -> { };

    /**
     * Before the answer goes out: what must already hold when the client has it (the call counted in the metrics,
     * so a scrape right after sees it).
     *
     * @param record what the audit trail keeps
     * @param note   adds what the operation noted (catalog, connection type)
     * @param nanos  how long the call took, finer than the record's milliseconds
     */
    void answered(AuditRecord record, AuditNote note, long nanos);

    /**
     * After the answer went out, on the same thread, before it takes the connection's next request: the call's log
     * line, which the client need not wait for (its write to standard error was a tenth of the time a quick
     * connection test spent in Dialtone).
     */
    default void sent(AuditRecord record, AuditNote note) {
    }
}
