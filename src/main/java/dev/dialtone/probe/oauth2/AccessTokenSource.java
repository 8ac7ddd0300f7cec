package dev.dialtone.probe.oauth2;

import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.dialtone.probe.http.EndpointUrl;
import java.time.Instant;
import java.util.Optional;

/** How a test gets its access token: exchanged at the token endpoint, or given as it is. */
public sealed interface AccessTokenSource {

    /**
     * A token request built without I/O, to send to {@code tokenUrl}.
     *
     * @param assertionExpiry the exp claim of a JWT bearer assertion, to explain a refusal
     * @param override        the origin override that moved {@code tokenUrl}, for the report
     * @param form            how the request travels (RFC 6749's form, unless the type declares otherwise)
     */
    record Exchange(GrantKind grant, EndpointUrl tokenUrl, TokenRequest request, Optional<Instant> assertionExpiry,
            Optional<String> override, TokenRequestForm form) implements AccessTokenSource {
    }

    /** An access token the user gave: no exchange, straight to the API. */
    record Given(String accessToken) implements AccessTokenSource {
        @Override
        public String toString() {
            return "Given[accessToken=****]";
        }
    }
}
