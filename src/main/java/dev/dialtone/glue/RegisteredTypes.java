package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.ConnectionTypeStore;
import dev.dialtone.catalog.RegisteredConnectionType;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.rest.RestTester;
import dev.dialtone.probe.rest.RestTesters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection types a catalog knows: the built-in ones (the registry, the same everywhere) and those
 * registered in it (RegisterConnectionType, named REST-…). Registered ones are read from the catalog on every use,
 * never cached, so a type registered or deleted through any node of a shared catalog holds on all of them.
 */
public final class RegisteredTypes {
    /** No catalog of registered types (tests of the built-in operations alone). */
    public static RegisteredTypes none(TesterRegistry testers) {
        return new RegisteredTypes(testers, null, null);
    }

    private final TesterRegistry testers;
    private final ConnectionTypeStore store;
    private final RestTesters rest;

    public RegisteredTypes(TesterRegistry testers, ConnectionTypeStore store, RestTesters rest) {
        this.testers = testers;
        this.store = store;
        this.rest = rest;
    }

    ConnectionTypeStore store() {
        if (store == null) {
            throw GlueException.invalidInput("This Dialtone has no catalog for registered connection types.");
        }
        return store;
    }

    TesterRegistry builtIn() {
        return testers;
    }

    static boolean isRegisteredName(String type) {
        return RestTesters.isRegisteredName(type);
    }

    /** A registered type of the catalog, when its name is one and it is registered there. */
    Optional<RegisteredConnectionType> registered(CatalogScope catalog, String type) {
        if (store == null || !isRegisteredName(type)) {
            return Optional.empty();
        }
        return store.get(catalog, type);
    }

    /** The tester of a registered type of the catalog. */
    Optional<RestTester> tester(CatalogScope catalog, String type) {
        return registered(catalog, type).map(found -> rest.tester(found.declaration()));
    }

    /** The types registered in the catalog (none without a store). */
    List<RegisteredConnectionType> list(CatalogScope catalog) {
        return store == null ? List.of() : store.list(catalog);
    }

    /** The names of every type the catalog knows, built-in then registered. */
    List<String> names(CatalogScope catalog) {
        List<String> names = new ArrayList<>(testers.declarations().stream().map(ConnectionTypeSpec::connectionType)
                .toList());
        if (store != null) {
            store.list(catalog).forEach(type -> names.add(type.name()));
        }
        return names;
    }

    /** InvalidInputException for a type the catalog does not know (any more), naming those it does. */
    GlueException unknown(CatalogScope catalog, String type) {
        return GlueException.invalidInput("Connection type " + type + " is not one Dialtone knows in catalog "
                + catalog.accountId() + " (" + catalog.region() + "); the types it knows are: "
                + String.join(", ", names(catalog)) + ".");
    }
}
