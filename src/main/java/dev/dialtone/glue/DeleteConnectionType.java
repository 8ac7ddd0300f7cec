package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;

/** DeleteConnectionType: removes a registered type from the caller's catalog, unless connections still use it. */
public final class DeleteConnectionType implements GlueOperation {
    private final RegisteredTypes types;

    public DeleteConnectionType(RegisteredTypes types) {
        this.types = types;
    }

    @Override
    public String name() {
        return "DeleteConnectionType";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String type = request.requiredString("ConnectionType", StringRule.NAME);
        CatalogScope catalog = context.caller().ownCatalog();
        Catalogs.noteCatalog(context, catalog);
        Authorization.onRegisteredType(context, "glue:DeleteConnectionType", catalog, type);
        if (types.registered(catalog, type).isEmpty()) {
            throw new GlueException(ErrorCode.ENTITY_NOT_FOUND, "Connection type " + type + " is not registered in "
                    + "catalog " + catalog.accountId() + " (" + catalog.region() + ")"
                    + (types.builtIn().declared(type).isPresent() ? "; it is built in and cannot be deleted." : "."));
        }
        int using = types.store().connectionsUsing(catalog, type);
        if (using > 0) {
            throw GlueException.invalidInput("Connection type " + type + " is used by " + using + " connection"
                    + (using == 1 ? "" : "s") + "; delete " + (using == 1 ? "it" : "them") + " first.");
        }
        types.store().delete(catalog, type);
        return JsonNodeFactory.instance.objectNode();
    }
}
