package dev.dialtone.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.Connection;
import dev.dialtone.catalog.ConnectionFilter;
import dev.dialtone.catalog.ConnectionPage;
import dev.dialtone.catalog.ConnectionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * GetConnections: the catalog's connections in name order, filtered, a page at a time. The
 * NextToken is opaque to clients; inside it holds the last name shown, so every connection is
 * walked exactly once, and the catalog and filter it was made for, so it cannot be misapplied.
 */
public final class GetConnections implements GlueOperation {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final ObjectMapper TOKEN_JSON = new ObjectMapper();
    private final ConnectionStore store;
    private final SecretKeys secretKeys;
    private final ReturnedPasswords passwords;

    /** Passwords returned as stored (no catalog asks for them encrypted). */
    public GetConnections(ConnectionStore store, SecretKeys secretKeys) {
        this(store, secretKeys, ReturnedPasswords.AS_STORED);
    }

    /** Passwords returned as each catalog's ConnectionPasswordEncryption says. */
    public GetConnections(ConnectionStore store, SecretKeys secretKeys, dev.dialtone.catalog.EncryptionSettingsStore settings,
            PasswordEncryptor encryptor) {
        this(store, secretKeys, new ReturnedPasswords(settings, encryptor));
    }

    private GetConnections(ConnectionStore store, SecretKeys secretKeys, ReturnedPasswords passwords) {
        this.store = store;
        this.secretKeys = secretKeys;
        this.passwords = passwords;
    }

    @Override
    public String name() {
        return "GetConnections";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        Catalogs.noteCatalog(context, catalog);
        ConnectionFilter filter = request.object("Filter").map(GetConnections::filter).orElse(ConnectionFilter.NONE);
        boolean hidePassword = request.bool("HidePassword").orElse(false);
        int limit = request.integer("MaxResults", 1, 1000).orElse(DEFAULT_PAGE_SIZE);
        Optional<String> after = request.string("NextToken", StringRule.ANY)
                .filter(token -> !token.isEmpty())
                .map(token -> decode(token, catalog, filter));
        Authorization.listConnections(context, catalog);

        ConnectionPage page = store.list(catalog, filter, after, limit);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("ConnectionList");
        ReturnedPasswords.Shown shown = passwords.forCatalog(catalog, hidePassword);
        for (Connection connection : page.connections()) {
            list.add(ConnectionWriter.write(shown.apply(connection), hidePassword, secretKeys));
        }
        page.lastName().ifPresent(last -> out.put("NextToken", encode(last, catalog, filter)));
        return out;
    }

    private static ConnectionFilter filter(Members filter) {
        return new ConnectionFilter(
                filter.string("ConnectionType", StringRule.NAME),
                filter.stringList("MatchCriteria", 10, StringRule.NAME).orElse(List.of()),
                filter.integer("ConnectionSchemaVersion", 1, 2));
    }

    private static String encode(String lastName, CatalogScope catalog, ConnectionFilter filter) {
        ObjectNode token = JsonNodeFactory.instance.objectNode()
                .put("after", lastName)
                .put("catalog", catalog.toString())
                .put("filter", filter.hashCode());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, CatalogScope catalog, ConnectionFilter filter) {
        try {
            JsonNode node = TOKEN_JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (node != null && node.path("after").isTextual()
                    && catalog.toString().equals(node.path("catalog").asText(null))
                    && node.path("filter").isInt() && node.path("filter").intValue() == filter.hashCode()) {
                return node.path("after").textValue();
            }
        } catch (IllegalArgumentException | IOException e) {
            // Falls through: the token is not one of ours.
        }
        throw GlueException.invalidInput("NextToken is not valid for this request: pass the token from the previous "
                + "GetConnections response with the same CatalogId and Filter.");
    }
}
