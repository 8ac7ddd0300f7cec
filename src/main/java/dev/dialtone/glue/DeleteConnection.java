package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;

/** DeleteConnection: removes one connection; a missing one is EntityNotFoundException. */
public final class DeleteConnection implements GlueOperation {
    private final ConnectionStore store;

    public DeleteConnection(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteConnection";
    }

    /** Its model lists no InvalidInputException. */
    @Override
    public boolean modelsInvalidInput() {
        return false;
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        String name = request.requiredString("ConnectionName", StringRule.NAME);
        Catalogs.noteConnection(context, catalog, name);
        Authorization.onConnections(context, "glue:DeleteConnection", catalog, java.util.List.of(name));
        if (!store.delete(catalog, name)) {
            throw Catalogs.notFound(name, catalog);
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
