package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.guard.Permissions;
import java.util.Optional;

/**
 * Who made a request, as the wire established it: the principal (when the request was
 * authenticated), the account whose catalog is the default, the region of the request's SigV4
 * credential scope (which catalog of that account it reaches), the client's address, and what the
 * caller's policy allows.
 */
public record Caller(Optional<String> principalArn, String accountId, String region, String sourceAddress,
        Permissions permissions) {
    /** The account of unauthenticated callers (the laptop mode), and so the default catalog there. */
    public static final String ANONYMOUS_ACCOUNT = "000000000000";

    /** A caller the server did not authenticate: any key is accepted, and the account is the default one. */
    public static Caller anonymous(Optional<String> region, String sourceAddress) {
        return new Caller(Optional.empty(), ANONYMOUS_ACCOUNT, region.orElse(CatalogScope.DEFAULT_REGION), sourceAddress,
                Permissions.unrestricted());
    }

    /** The caller's own catalog in the region the request was made for. */
    public CatalogScope ownCatalog() {
        return new CatalogScope(accountId, region);
    }
}
