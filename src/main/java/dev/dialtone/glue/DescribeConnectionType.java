package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.TesterRegistry;

/** DescribeConnectionType: a known type's capabilities and properties, from its declarations (testable or not). */
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
        return ConnectionTypeWriter.describe(testers.declared(type).orElseThrow(() -> GlueException.invalidInput(
                "Connection type " + type + " is not one Dialtone knows; the types it knows are: "
                        + String.join(", ", testers.declarations().stream().map(ConnectionTypeSpec::connectionType)
                                .toList()) + ".")));
    }
}
