package dev.dialtone.audit;

/** Where audit records go: one per API call, written before the call is answered. */
public interface AuditTrail extends AutoCloseable {

    /** Writes one record. Never throws: a trail that cannot write says so in the server log. */
    void write(AuditRecord record);

    /** Whether records are kept at all (the laptop default is not to). */
    default boolean enabled() {
        return true;
    }

    @Override
    default void close() {
    }

    /** No trail. */
    static AuditTrail off() {
        return new AuditTrail() {
            @Override
            public void write(AuditRecord record) {
            }

            @Override
            public boolean enabled() {
                return false;
            }
        };
    }
}
