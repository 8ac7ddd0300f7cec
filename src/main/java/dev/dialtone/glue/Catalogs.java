package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;

/** The catalog every connection operation is scoped by: {@code CatalogId} (default the caller's account), in the caller's region. */
final class Catalogs {

    private Catalogs() {
    }

    static CatalogScope scope(Members request, RequestContext context) {
        return scope(request.string("CatalogId", StringRule.CATALOG_ID), context);
    }

    static CatalogScope scope(java.util.Optional<String> catalogId, RequestContext context) {
        Caller caller = context.caller();
        return new CatalogScope(catalogId.orElse(caller.accountId()), caller.region());
    }

    static GlueException notFound(String name, CatalogScope catalog) {
        return GlueException.entityNotFound("Connection '" + name + "' not found in catalog " + catalog.accountId()
                + " in " + catalog.region() + ".");
    }
}
