package dev.dialtone.probe.oauth2;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import java.time.Instant;
import java.util.Optional;

/**
 * A grant to exchange at a token endpoint, as Nimbus builds it.
 *
 * @param assertionExpiry the exp claim of a JWT bearer assertion, to explain a refusal
 */
public record Grant(GrantKind kind, AuthorizationGrant grant, Optional<Instant> assertionExpiry) {

    @Override
    public String toString() {
        return "Grant[" + kind + "]";
    }
}
