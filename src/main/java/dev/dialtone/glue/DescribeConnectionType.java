package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.RegisteredConnectionType;
import dev.dialtone.probe.rest.RestDeclaration;
import java.util.Optional;
import dev.dialtone.probe.TesterRegistry;

/** DescribeConnectionType: a known type's capabilities and properties, from its declarations (testable or not). */
public final class DescribeConnectionType implements GlueOperation {
    private final RegisteredTypes types;

    public DescribeConnectionType(TesterRegistry testers) {
        this(RegisteredTypes.none(testers));
    }

    /** Built-in types, and those registered in the caller's catalog. */
    public DescribeConnectionType(RegisteredTypes types) {
        this.types = types;
    }

    @Override
    public String name() {
        return "DescribeConnectionType";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String type = request.requiredString("ConnectionType", StringRule.NAME);
        Authorization.describeType(context, type);
        CatalogScope own = context.caller().ownCatalog();
        Optional<RegisteredConnectionType> registered = types.registered(own, type);
        if (registered.isPresent()) {
            String declaration = registered.get().declaration();
            try {
                return ConnectionTypeWriter.describe(RestDeclaration.parse(declaration),
                        new ObjectMapper().readTree(declaration));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ConnectionTypeWriter.describe(types.builtIn().declared(type)
                .orElseThrow(() -> types.unknown(own, type)));
    }
}
