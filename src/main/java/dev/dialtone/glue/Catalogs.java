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
        CatalogScope scope = new CatalogScope(catalogId.orElse(caller.accountId()), caller.region());
        context.audit().catalog(scope.accountId());
        return scope;
    }

    /** The connection's ARN, noted as a resource of the request for the audit trail. */
    static String noteConnection(RequestContext context, CatalogScope catalog, String name) {
        String arn = Arns.connection(catalog, name);
        context.audit().resource(arn);
        return arn;
    }

    /** The catalog's ARN, noted as a resource of the request for the audit trail. */
    static String noteCatalog(RequestContext context, CatalogScope catalog) {
        String arn = Arns.catalog(catalog);
        context.audit().resource(arn);
        return arn;
    }

    static GlueException notFound(String name, CatalogScope catalog) {
        return GlueException.entityNotFound("Connection '" + name + "' not found in catalog " + catalog.accountId()
                + " in " + catalog.region() + ".");
    }
}
