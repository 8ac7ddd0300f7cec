package dev.dialtone.wire;

import dev.dialtone.audit.AuditNote;
import dev.dialtone.audit.AuditRecord;

/** Told about every answered API call, after the audit trail and before the answer goes out: metrics, the log line. */
public interface RequestObserver {
    RequestObserver NONE = (record, note, nanos) -> { };

    /**
     * @param record what the audit trail keeps
     * @param note   adds what the operation noted (catalog, connection type)
     * @param nanos  how long the call took, finer than the record's milliseconds
     */
    void answered(AuditRecord record, AuditNote note, long nanos);
}
