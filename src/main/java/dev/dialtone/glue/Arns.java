package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;

/** The ARNs of Glue's resources, as IAM policies, tags and refusals name them. */
public final class Arns {

    private Arns() {
    }

    /** {@code arn:aws:glue:<region>:<account>:catalog} */
    public static String catalog(CatalogScope catalog) {
        return prefix(catalog) + "catalog";
    }

    /** {@code arn:aws:glue:<region>:<account>:connection/<name>} */
    public static String connection(CatalogScope catalog, String name) {
        return prefix(catalog) + "connection/" + name;
    }

    /** {@code arn:aws:glue:<region>:<account>:connectionType/<name>} */
    public static String connectionType(CatalogScope catalog, String name) {
        return prefix(catalog) + "connectionType/" + name;
    }

    private static String prefix(CatalogScope catalog) {
        return "arn:aws:glue:" + catalog.region() + ":" + catalog.accountId() + ":";
    }
}
