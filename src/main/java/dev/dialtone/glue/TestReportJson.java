package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.StageTiming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The full staged report of one test, as kept in a connection's history and served by the
 * {@code /dialtone/v1} extension: outcome, failing stage, message, each stage's duration, details.
 */
public final class TestReportJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TestReportJson() {
    }

    public static ObjectNode of(ProbeReport report, Instant testedAt) {
        ObjectNode out = NODES.objectNode();
        out.set("TestedAt", NODES.numberNode(BigDecimal.valueOf(testedAt.toEpochMilli(), 3)));
        out.put("ConnectionType", report.connectionType());
        out.put("Destination", report.destination());
        out.put("Outcome", report.outcome().name());
        report.failedStage().ifPresent(stage -> out.put("FailedStage", stage.name()));
        out.put("Message", report.message());
        out.put("ElapsedMillis", report.elapsed().toMillis());
        ArrayNode stages = out.putArray("Stages");
        for (StageTiming timing : report.stages()) {
            stages.addObject().put("Stage", timing.stage().name())
                    .set("Millis", NODES.numberNode(BigDecimal.valueOf(timing.duration().toNanos(), 6)));
        }
        ObjectNode details = out.putObject("Details");
        for (Map.Entry<String, String> detail : report.details().entrySet()) {
            details.put(detail.getKey(), detail.getValue());
        }
        return out;
    }

    /** A by-name test that could not run: the definition itself is the problem. */
    public static ObjectNode untestable(String connectionType, String message, Instant testedAt) {
        ObjectNode out = NODES.objectNode();
        out.set("TestedAt", NODES.numberNode(BigDecimal.valueOf(testedAt.toEpochMilli(), 3)));
        out.put("ConnectionType", connectionType);
        out.put("Outcome", "INVALID");
        out.put("Message", message);
        out.putArray("Stages");
        out.putObject("Details");
        return out;
    }
}
