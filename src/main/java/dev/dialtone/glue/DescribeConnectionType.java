package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.TesterRegistry;

/** DescribeConnectionType: a testable type's capabilities and properties, from its tester's declarations. */
public final class DescribeConnectionType implements GlueOperation {
    private final TesterRegistry testers;

    public DescribeConnectionType(TesterRegistry testers) {
        this.testers = testers;
    }

    @Override
    public String name() {
        return "DescribeConnectionType";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String type = request.requiredString("ConnectionType", StringRule.NAME);
        Authorization.describeType(context, type);
        return ConnectionTypeWriter.describe(testers.find(type).orElseThrow(() -> GlueException.invalidInput(
                "Connection type " + type + " cannot be tested by Dialtone; the types it can test are: "
                        + String.join(", ", testers.types()) + ".")));
    }
}
