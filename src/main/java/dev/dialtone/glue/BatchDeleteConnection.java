package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.guard.NotAuthorized;
import java.util.LinkedHashSet;
import java.util.List;

/** BatchDeleteConnection: up to 25 deletions; per-name failures are reported, the call itself succeeds. */
public final class BatchDeleteConnection implements GlueOperation {
    private static final int MAX_NAMES = 25;
    private final ConnectionStore store;

    public BatchDeleteConnection(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "BatchDeleteConnection";
    }

    /** Its model lists no InvalidInputException. */
    @Override
    public boolean modelsInvalidInput() {
        return false;
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        List<String> names = request.requiredStringList("ConnectionNameList", MAX_NAMES, StringRule.NAME);
        Authorization.batchDeleteCatalog(context, catalog);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode succeeded = out.putArray("Succeeded");
        ObjectNode errors = out.putObject("Errors");
        // A name listed twice is deleted once, not reported as both deleted and missing.
        for (String name : new LinkedHashSet<>(names)) {
            Catalogs.noteConnection(context, catalog, name);
            try {
                Authorization.batchDelete(context, catalog, name);
            } catch (NotAuthorized refused) {
                errors.putObject(name)
                        .put("ErrorCode", ErrorCode.ACCESS_DENIED.shortName())
                        .put("ErrorMessage", refused.getMessage());
                continue;
            }
            if (store.delete(catalog, name)) {
                succeeded.add(name);
            } else {
                errors.putObject(name)
                        .put("ErrorCode", ErrorCode.ENTITY_NOT_FOUND.shortName())
                        .put("ErrorMessage", Catalogs.notFound(name, catalog).getMessage());
            }
        }
        return out;
    }
}
