package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.TesterRegistry;
import java.time.Clock;

/**
 * UpdateConnection: replaces the whole definition (members left out are cleared, as Terraform and
 * the model's "redefines" expect), and renames when {@code ConnectionInput.Name} differs from {@code Name}.
 */
public final class UpdateConnection implements GlueOperation {
    private final ConnectionStore store;
    private final Clock clock;
    private final TesterRegistry testers;

    /** @param testers what each type declares of its AuthenticationConfiguration */
    public UpdateConnection(ConnectionStore store, Clock clock, TesterRegistry testers) {
        this.store = store;
        this.testers = testers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "UpdateConnection";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        String name = request.requiredString("Name", StringRule.NAME);
        Catalogs.noteConnection(context, catalog, name);
        ConnectionDefinition definition = ConnectionInputReader.read(request.requiredObject("ConnectionInput"));
        Catalogs.noteConnection(context, catalog, definition.name());
        TestConnection.requireAuthentication(testers, definition.connectionType(),
                definition.authenticationConfiguration().isPresent(), "ConnectionInput",
                AuthenticationRequirement.Moment.DEFINED);
        // A rename creates the new name as much as it changes the old one: both must be allowed.
        Authorization.onConnections(context, "glue:UpdateConnection", catalog,
                java.util.List.copyOf(new java.util.LinkedHashSet<>(java.util.List.of(name, definition.name()))));
        switch (store.update(catalog, name, definition, clock.instant())) {
            case NOT_FOUND -> throw Catalogs.notFound(name, catalog);
            // UpdateConnection's model lists no AlreadyExistsException: InvalidInputException, naming the taken name.
            case NEW_NAME_TAKEN -> throw GlueException.invalidInput("Cannot rename connection '" + name + "' to '"
                    + definition.name() + "': a connection named '" + definition.name() + "' already exists in catalog "
                    + catalog.accountId() + ".");
            case UPDATED -> {
                // Done.
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
