package dev.dialtone.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The REST connection types registered per catalog. Read from the database on every use (no cache): a shared
 * PostgreSQL catalog is written by every node, and a type registered or deleted on one must hold on all.
 */
public interface ConnectionTypeStore {

    /** Stores a new type; false when one of that name is registered already. */
    boolean register(RegisteredConnectionType type);

    Optional<RegisteredConnectionType> get(CatalogScope catalog, String name);

    /** The catalog's registered types, in name order. */
    List<RegisteredConnectionType> list(CatalogScope catalog);

    /** The declarations registered under {@code name} in any catalog (what HidePassword and sealing consult). */
    List<String> declarationsNamed(String name);

    /** How many connections of the catalog use the type. */
    int connectionsUsing(CatalogScope catalog, String name);

    /** Removes the type; false when there was none. */
    boolean delete(CatalogScope catalog, String name);
}
