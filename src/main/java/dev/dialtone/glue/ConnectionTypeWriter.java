package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ConnectionTypeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.rest.ConnectorProperty;
import dev.dialtone.probe.rest.RestDeclaration;
import dev.dialtone.probe.rest.RestTester;
import java.util.List;

/**
 * Writes a connection type's declarations (a tester's, or an untestable type's) as Glue's connection-type shapes;
 * the server's ListConnectionTypes and DescribeConnectionType, and {@code dialtone types} without a server.
 */
public final class ConnectionTypeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectionTypeWriter() {
    }

    /** {@code ConnectionTypeBrief}, for ListConnectionTypes. */
    public static ObjectNode brief(ConnectionTypeSpec tester) {
        ObjectNode brief = NODES.objectNode()
                .put("ConnectionType", tester.connectionType())
                .put("DisplayName", tester.displayName())
                .put("Vendor", "Dialtone")
                .put("Description", tester.description());
        brief.set("Capabilities", capabilities(tester));
        return brief;
    }

    /** DescribeConnectionType's output. */
    public static ObjectNode describe(ConnectionTypeSpec tester) {
        if (tester instanceof RestTester rest && rest.registration().isPresent()) {
            // A built-in SaaS type is a declaration: described as one, with its defaults, kinds and validation call.
            return describe(rest.declaration(), rest.registration().get()).put("Description", tester.description());
        }
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

    /** {@code ConnectionTypeBrief} of a registered type. */
    static ObjectNode brief(RestDeclaration declaration) {
        ObjectNode brief = NODES.objectNode()
                .put("ConnectionType", declaration.name())
                .put("DisplayName", declaration.name())
                .put("Vendor", "Registered")
                .put("Description", declaration.description().orElse(""));
        brief.set("Capabilities", capabilities(declaration.authenticationTypes()));
        return brief;
    }

    /** DescribeConnectionType's output for a registered type: its declaration, in Describe's shapes. */
    static ObjectNode describe(RestDeclaration declaration, JsonNode registered) {
        ObjectNode out = NODES.objectNode()
                .put("ConnectionType", declaration.name())
                .put("Description", declaration.description().orElse(""));
        out.set("Capabilities", capabilities(declaration.authenticationTypes()));
        ObjectNode properties = out.putObject("ConnectionProperties");
        declaration.url().ifPresent(url -> properties.set(url.name(), property(url)));
        declaration.additionalParameters().forEach(p -> properties.set(p.name(), property(p)));
        ObjectNode auth = out.putObject("AuthenticationConfiguration");
        PropertySpec type = new PropertySpec("AuthenticationType", "How the connection authenticates", true,
                declaration.authenticationTypes(), false, declaration.authenticationTypes().stream().findFirst());
        auth.set("AuthenticationType", property(type));
        JsonNode declared = registered.path("ConnectorAuthenticationConfiguration");
        declaration.oauth2().ifPresent(oauth2 -> {
            ObjectNode map = auth.putObject("OAuth2Properties");
            java.util.stream.Stream.of(oauth2.tokenUrl(), oauth2.clientId(), oauth2.scope())
                    .flatMap(java.util.Optional::stream).forEach(p -> map.set(p.name(), property(p)));
            oauth2.tokenUrlParameters().forEach(p -> map.set(p.name(), property(p)));
        });
        if (declaration.basicUsername().isPresent() || declaration.basicPassword().isPresent()) {
            ObjectNode map = auth.putObject("BasicAuthenticationProperties");
            declaration.basicUsername().ifPresent(p -> map.set(p.name(), property(p)));
            declaration.basicPassword().ifPresent(p -> map.set(p.name(), property(p)));
        }
        if (declared.has("CustomAuthenticationProperties")) {
            ObjectNode map = auth.putObject("CustomAuthenticationProperties");
            declaration.customParameters().forEach(p -> map.set(p.name(), property(p)));
        }
        if (registered.has("RestConfiguration")) {
            out.set("RestConfiguration", registered.get("RestConfiguration").deepCopy());
        }
        return out;
    }

    private static ObjectNode property(ConnectorProperty declared) {
        ObjectNode property = NODES.objectNode()
                .put("Name", declared.name())
                .put("Description", declared.name())
                .put("Required", declared.required());
        declared.defaultValue().ifPresent(value -> property.put("DefaultValue", value));
        property.set("PropertyTypes", strings(List.of(declared.type())));
        if (!declared.allowedValues().isEmpty()) {
            ArrayNode allowed = property.putArray("AllowedValues");
            declared.allowedValues().forEach(value -> allowed.addObject().put("Value", value));
        }
        declared.keyOverride().ifPresent(key -> property.put("KeyOverride", key));
        declared.location().ifPresent(location -> property.put("PropertyLocation", location));
        return property;
    }

    private static ObjectNode capabilities(List<String> authenticationTypes) {
        ObjectNode capabilities = NODES.objectNode();
        capabilities.set("SupportedAuthenticationTypes", strings(authenticationTypes));
        // As for the built-in types: Dialtone runs no jobs, so it claims no data operations or compute.
        capabilities.set("SupportedDataOperations", NODES.arrayNode());
        capabilities.set("SupportedComputeEnvironments", NODES.arrayNode());
        return capabilities;
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
