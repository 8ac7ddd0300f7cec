package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.catalog.ConnectionStore;
import java.time.Clock;
import java.util.Map;

/** CreateConnection: stores a new definition in the catalog. */
public final class CreateConnection implements GlueOperation {
    private final ConnectionStore store;
    private final Clock clock;

    public CreateConnection(ConnectionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "CreateConnection";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        ConnectionDefinition definition = ConnectionInputReader.read(request.requiredObject("ConnectionInput"));
        Catalogs.noteConnection(context, catalog, definition.name());
        SalesforceRule.check(definition.connectionType(), definition.authenticationConfiguration().isPresent(),
                "ConnectionInput");
        Map<String, String> tags = TagRules.read(request, "Tags", false);
        Authorization.onConnections(context, "glue:CreateConnection", catalog, java.util.List.of(definition.name()));
        if (!store.create(catalog, definition, tags, clock.instant())) {
            throw new GlueException(ErrorCode.ALREADY_EXISTS,
                    "Connection '" + definition.name() + "' already exists in catalog " + catalog.accountId() + ".");
        }
        return JsonNodeFactory.instance.objectNode().put("CreateConnectionStatus", "READY");
    }
}
