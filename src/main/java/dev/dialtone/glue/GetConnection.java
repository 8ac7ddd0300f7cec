package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionStore;
import java.util.List;

/** GetConnection: one stored connection, optionally without its passwords. */
public final class GetConnection implements GlueOperation {
    private static final List<String> COMPUTE_ENVIRONMENTS = List.of("SPARK", "ATHENA", "PYTHON");
    private final ConnectionStore store;
    private final SecretKeys secretKeys;
    private final ReturnedPasswords passwords;

    /** Passwords returned as stored (no catalog asks for them encrypted). */
    public GetConnection(ConnectionStore store, SecretKeys secretKeys) {
        this(store, secretKeys, ReturnedPasswords.AS_STORED);
    }

    /** Passwords returned as each catalog's ConnectionPasswordEncryption says. */
    public GetConnection(ConnectionStore store, SecretKeys secretKeys, dev.dialtone.catalog.EncryptionSettingsStore settings,
            PasswordEncryptor encryptor) {
        this(store, secretKeys, new ReturnedPasswords(settings, encryptor));
    }

    private GetConnection(ConnectionStore store, SecretKeys secretKeys, ReturnedPasswords passwords) {
        this.store = store;
        this.secretKeys = secretKeys;
        this.passwords = passwords;
    }

    @Override
    public String name() {
        return "GetConnection";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        String name = request.requiredString("Name", StringRule.NAME);
        Catalogs.noteConnection(context, catalog, name);
        boolean hidePassword = request.bool("HidePassword").orElse(false);
        request.string("ApplyOverrideForComputeEnvironment", StringRule.NAME).ifPresent(environment -> {
            if (!COMPUTE_ENVIRONMENTS.contains(environment)) {
                throw GlueException.invalidInput("ApplyOverrideForComputeEnvironment must be SPARK, ATHENA or PYTHON.");
            }
        });
        Authorization.onConnections(context, "glue:GetConnection", catalog, List.of(name));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var stored = store.get(catalog, name).orElseThrow(() -> Catalogs.notFound(name, catalog));
        out.set("Connection", ConnectionWriter.write(passwords.forCatalog(catalog, hidePassword).apply(stored),
                hidePassword, secretKeys));
        return out;
    }
}
