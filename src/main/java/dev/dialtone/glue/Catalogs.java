package dev.dialtone.glue;

/** The {@code CatalogId} every connection operation is scoped by. */
final class Catalogs {
    /** Glue defaults the catalog to the caller's account; Dialtone has one default account. */
    static final String DEFAULT_CATALOG_ID = "000000000000";

    private Catalogs() {
    }

    static String id(Members request) {
        return request.string("CatalogId", StringRule.CATALOG_ID).orElse(DEFAULT_CATALOG_ID);
    }

    static GlueException notFound(String name, String catalogId) {
        return GlueException.entityNotFound("Connection '" + name + "' not found in catalog " + catalogId + ".");
    }
}
