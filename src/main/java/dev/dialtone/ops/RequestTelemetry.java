package dev.dialtone.ops;

import dev.dialtone.audit.AuditNote;
import dev.dialtone.audit.AuditRecord;
import dev.dialtone.wire.RequestObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Every answered call counted in the metrics (before the answer goes out) and written as one log line (after):
 * request id (the {@code x-amzn-RequestId} the client got), operation, catalog, outcome, duration, and for tests the
 * type, the stage reached and the destination. What it says comes from the audit record the wire already made, so
 * nothing is collected twice; like the audit trail it holds no property value, credential or message text.
 */
public final class RequestTelemetry implements RequestObserver {
    /** A logger of its own, so an operator can turn request lines down without losing the rest. */
    private static final Logger LOG = LoggerFactory.getLogger("dev.dialtone.request");

    private final ServerMetrics metrics;

    public RequestTelemetry(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void answered(AuditRecord record, AuditNote note, long nanos) {
        metrics.request(record.operation(), record.outcome(), nanos);
    }

    /** The line is written once the client has its answer: it costs the client no time. */
    @Override
    public void sent(AuditRecord record, AuditNote note) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("requestId", record.requestId())
                .addKeyValue("operation", record.operation())
                .addKeyValue("catalog", note.catalog().orElse("-"))
                .addKeyValue("outcome", record.outcome())
                .addKeyValue("durationMs", record.millis());
        StringBuilder message = new StringBuilder(96).append(record.operation()).append(" -> ")
                .append(record.outcome()).append(" in ").append(record.millis()).append(" ms (request ")
                .append(record.requestId()).append(", catalog ").append(note.catalog().orElse("-")).append(')');
        if (record.testOutcome().isPresent()) {
            String type = note.connectionType().orElse("-");
            String stage = record.stage().orElse("-");
            String destination = note.address().or(record::destination).orElse("-");
            line = line.addKeyValue("type", type).addKeyValue("stage", stage)
                    .addKeyValue("destination", destination).addKeyValue("testOutcome", record.testOutcome().get());
            message.append(": test ").append(type).append(' ').append(destination).append(' ')
                    .append(record.testOutcome().get()).append(" at ").append(stage);
        }
        line.log(message.toString());
    }
}
