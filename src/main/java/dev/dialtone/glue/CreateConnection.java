package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.Connection;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.catalog.ConnectionStatus;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.TesterRegistry;
import java.time.Clock;
import java.util.Map;

/** CreateConnection: stores a new definition in the catalog. */
public final class CreateConnection implements GlueOperation {
    private final ConnectionStore store;
    private final Clock clock;
    private final java.util.Optional<RegisteredTypes> types;
    private final java.util.Optional<TestConnection> validation;
    private final TesterRegistry testers;

    public CreateConnection(ConnectionStore store, Clock clock, TesterRegistry testers) {
        this(store, clock, testers, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /**
     * @param testers    what each type declares of its AuthenticationConfiguration
     * @param types      the registered types: a connection of one must name a type its catalog has
     * @param validation how a connection of a registered type is validated when it is created
     */
    public CreateConnection(ConnectionStore store, Clock clock, TesterRegistry testers,
            java.util.Optional<RegisteredTypes> types, java.util.Optional<TestConnection> validation) {
        this.store = store;
        this.testers = testers;
        this.clock = clock;
        this.types = types;
        this.validation = validation;
    }

    @Override
    public String name() {
        return "CreateConnection";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        Members input = request.requiredObject("ConnectionInput");
        ConnectionDefinition definition = ConnectionInputReader.read(input);
        Catalogs.noteConnection(context, catalog, definition.name());
        TestConnection.requireAuthentication(testers, definition.connectionType(),
                definition.authenticationConfiguration().isPresent(), "ConnectionInput",
                AuthenticationRequirement.Moment.DEFINED);
        Map<String, String> tags = TagRules.read(request, "Tags", false);
        Authorization.onConnections(context, "glue:CreateConnection", catalog, java.util.List.of(definition.name()));
        boolean registered = types.isPresent() && RegisteredTypes.isRegisteredName(definition.connectionType());
        if (registered && types.get().registered(catalog, definition.connectionType()).isEmpty()) {
            throw types.get().unknown(catalog, definition.connectionType());
        }
        if (!store.create(catalog, definition, tags, clock.instant())) {
            throw new GlueException(ErrorCode.ALREADY_EXISTS,
                    "Connection '" + definition.name() + "' already exists in catalog " + catalog.accountId() + ".");
        }
        // As Glue: a REST connection's credentials are validated at creation unless ValidateCredentials is false.
        if (registered && validation.isPresent() && input.bool("ValidateCredentials").orElse(true)) {
            Connection stored = store.get(catalog, definition.name()).orElseThrow(
                    () -> Catalogs.notFound(definition.name(), catalog));
            ConnectionStatus status = validation.get().validateNew(stored, context);
            return JsonNodeFactory.instance.objectNode().put("CreateConnectionStatus", status.name());
        }
        return JsonNodeFactory.instance.objectNode().put("CreateConnectionStatus", "READY");
    }
}
