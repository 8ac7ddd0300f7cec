package dev.dialtone.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;

/**
 * The Dialtone extension beside the Glue API: the kept test reports of one connection, newest
 * first ({@code GET /dialtone/v1/catalogs/{catalogId}/connections/{name}/tests}), in the caller's region.
 */
public final class ConnectionTestHistory {
    /** How the audit trail, the log and the metrics name a history read. */
    public static final String OPERATION = "dialtone.GetTestHistory";
    private final ConnectionStore store;
    private final ObjectMapper json = new ObjectMapper();

    public ConnectionTestHistory(ConnectionStore store) {
        this.store = store;
    }

    public ObjectNode read(String catalogId, String name, RequestContext context) {
        StringRule.CATALOG_ID.check("catalogId", catalogId);
        StringRule.NAME.check("connection name", name);
        CatalogScope catalog = Catalogs.scope(java.util.Optional.of(catalogId), context);
        Catalogs.noteConnection(context, catalog, name);
        Authorization.onConnections(context, "glue:GetConnection", catalog, java.util.List.of(name));
        if (store.get(catalog, name).isEmpty()) {
            throw Catalogs.notFound(name, catalog);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("CatalogId", catalogId).put("ConnectionName", name);
        ArrayNode tests = out.putArray("Tests");
        for (String report : store.testHistory(catalog, name)) {
            try {
                tests.add(json.readTree(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored test report is not JSON", e);
            }
        }
        return out;
    }
}
