package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.PropertySpec;
import java.util.List;

/** Writes a connection type's declarations (a tester's, or an untestable type's) as Glue's connection-type shapes. */
final class ConnectionTypeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectionTypeWriter() {
    }

    /** {@code ConnectionTypeBrief}, for ListConnectionTypes. */
    static ObjectNode brief(ConnectionTypeSpec tester) {
        ObjectNode brief = NODES.objectNode()
                .put("ConnectionType", tester.connectionType())
                .put("DisplayName", tester.displayName())
                .put("Vendor", "Dialtone")
                .put("Description", tester.description());
        brief.set("Capabilities", capabilities(tester));
        return brief;
    }

    /** DescribeConnectionType's output. */
    static ObjectNode describe(ConnectionTypeSpec tester) {
        ObjectNode out = NODES.objectNode()
                .put("ConnectionType", tester.connectionType())
                .put("Description", tester.description());
        out.set("Capabilities", capabilities(tester));
        ObjectNode properties = out.putObject("ConnectionProperties");
        for (PropertySpec spec : tester.properties()) {
            properties.set(spec.name(), property(spec));
        }
        if (!tester.authenticationTypes().isEmpty()) {
            ObjectNode auth = out.putObject("AuthenticationConfiguration");
            PropertySpec type = new PropertySpec("AuthenticationType", "How the connection authenticates", false,
                    tester.authenticationTypes(), false, java.util.Optional.of(tester.authenticationTypes().get(0)));
            auth.set("AuthenticationType", property(type));
        }
        return out;
    }

    private static ObjectNode capabilities(ConnectionTypeSpec tester) {
        ObjectNode capabilities = NODES.objectNode();
        capabilities.set("SupportedAuthenticationTypes", strings(tester.authenticationTypes()));
        // Dialtone runs no jobs: it tests connections, so it claims no data operations or compute.
        capabilities.set("SupportedDataOperations", NODES.arrayNode());
        capabilities.set("SupportedComputeEnvironments", NODES.arrayNode());
        return capabilities;
    }

    private static ObjectNode property(PropertySpec spec) {
        ObjectNode property = NODES.objectNode()
                .put("Name", spec.name())
                .put("Description", spec.description())
                .put("Required", spec.required());
        spec.defaultValue().ifPresent(value -> property.put("DefaultValue", value));
        property.set("PropertyTypes", strings(List.of(spec.secret() ? "SECRET" : "USER_INPUT")));
        if (!spec.allowedValues().isEmpty()) {
            ArrayNode allowed = property.putArray("AllowedValues");
            spec.allowedValues().forEach(value -> allowed.addObject().put("Value", value));
        }
        return property;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
