package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.guard.Permissions;
import java.util.List;

/**
 * What each operation must be allowed to do before it touches the catalog: the one place that says
 * which IAM action every operation needs, on which ARNs. As in Glue, an action on a connection is
 * checked on the catalog's ARN and on the connection's; another account's catalog is reached only
 * through an explicit Allow on its ARNs.
 */
final class Authorization {

    private Authorization() {
    }

    /** CreateConnection, GetConnection, UpdateConnection, DeleteConnection, the test history: catalog and connections. */
    static void onConnections(RequestContext context, String action, CatalogScope catalog, List<String> names) {
        Permissions permissions = context.caller().permissions();
        permissions.require(action, Arns.catalog(catalog));
        for (String name : names) {
            permissions.require(action, Arns.connection(catalog, name));
        }
    }

    /** GetConnections: the catalog and every connection in it. */
    static void listConnections(RequestContext context, CatalogScope catalog) {
        onConnections(context, "glue:GetConnections", catalog, List.of("*"));
    }

    /** BatchDeleteConnection, the call itself: the catalog (each name is asked separately, see {@link #batchDelete}). */
    static void batchDeleteCatalog(RequestContext context, CatalogScope catalog) {
        context.caller().permissions().require("glue:BatchDeleteConnection", Arns.catalog(catalog));
    }

    /** BatchDeleteConnection, per name: a refused name is reported in Errors, the others still go. */
    static void batchDelete(RequestContext context, CatalogScope catalog, String name) {
        context.caller().permissions().require("glue:BatchDeleteConnection", Arns.connection(catalog, name));
    }

    /** TestConnection by name opens the stored connection: Glue asks for both actions on it. */
    static void testStored(RequestContext context, CatalogScope catalog, String name) {
        Permissions permissions = context.caller().permissions();
        String connection = Arns.connection(catalog, name);
        permissions.require("glue:TestConnection", connection);
        permissions.require("glue:GetConnection", connection);
    }

    /** An inline TestConnection stores nothing and names no connection: the catalog. */
    static void testInline(RequestContext context, CatalogScope catalog) {
        context.caller().permissions().require("glue:TestConnection", Arns.catalog(catalog));
    }

    /** ListConnectionTypes has no CatalogId: the caller's own catalog in the request's region. */
    static void listTypes(RequestContext context) {
        context.caller().permissions().require("glue:ListConnectionTypes", Arns.catalog(context.caller().ownCatalog()));
    }

    /** DescribeConnectionType: the caller's own catalog and the type's ARN. */
    static void describeType(RequestContext context, String type) {
        CatalogScope own = context.caller().ownCatalog();
        Permissions permissions = context.caller().permissions();
        permissions.require("glue:DescribeConnectionType", Arns.catalog(own));
        permissions.require("glue:DescribeConnectionType", Arns.connectionType(own, type));
    }

    /** RegisterConnectionType and DeleteConnectionType: the type's ARN in the caller's own catalog. */
    static void onRegisteredType(RequestContext context, String action, CatalogScope catalog, String type) {
        context.caller().permissions().require(action, Arns.connectionType(catalog, type));
    }

    /** TagResource, UntagResource, GetTags: the action on the resource ARN and, as AWS documents for connections, GetConnection. */
    static void onTags(RequestContext context, String action, String resourceArn) {
        Permissions permissions = context.caller().permissions();
        permissions.require(action, resourceArn);
        permissions.require("glue:GetConnection", resourceArn);
    }
}
