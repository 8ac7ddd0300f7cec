package dev.dialtone.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.ConnectionStore;

/**
 * The Dialtone extension beside the Glue API: the kept test reports of one connection, newest
 * first ({@code GET /dialtone/v1/catalogs/{catalogId}/connections/{name}/tests}).
 */
public final class ConnectionTestHistory {
    private final ConnectionStore store;
    private final ObjectMapper json = new ObjectMapper();

    public ConnectionTestHistory(ConnectionStore store) {
        this.store = store;
    }

    public ObjectNode read(String catalogId, String name) {
        StringRule.CATALOG_ID.check("catalogId", catalogId);
        StringRule.NAME.check("connection name", name);
        if (store.get(catalogId, name).isEmpty()) {
            throw Catalogs.notFound(name, catalogId);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("CatalogId", catalogId).put("ConnectionName", name);
        ArrayNode tests = out.putArray("Tests");
        for (String report : store.testHistory(catalogId, name)) {
            try {
                tests.add(json.readTree(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored test report is not JSON", e);
            }
        }
        return out;
    }
}
