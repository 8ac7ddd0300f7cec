package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.EndpointUrl;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.time.Instant;
import java.util.Optional;

/** How the test gets its access token: exchanged at the token endpoint, or given as it is. */
sealed interface AccessTokenSource {

    /**
     * A token request built without I/O, to send to {@code tokenUrl}.
     *
     * @param assertionExpiry the exp claim of a JWT bearer assertion, to explain a refusal
     */
    record Exchange(GrantKind grant, EndpointUrl tokenUrl, TokenRequest request, Optional<Instant> assertionExpiry)
            implements AccessTokenSource {
    }

    /** An access token the user gave: no exchange, straight to the REST API. */
    record Given(String accessToken) implements AccessTokenSource {
        @Override
        public String toString() {
            return "Given[accessToken=****]";
        }
    }
}
