package dev.dialtone.probe.oauth2;

import java.util.Optional;

/**
 * The client application a token request names: its id, its secret when it has one, and where the secret goes
 * (RFC 6749 allows the form body or HTTP Basic; vendors document one).
 */
public record OAuth2Client(Optional<String> id, Optional<String> secret, SecretPlacement placement) {

    /** Where the client secret is sent. */
    public enum SecretPlacement {
        /** {@code client_id} and {@code client_secret} in the form body (Salesforce documents this). */
        FORM_BODY,
        /** HTTP Basic with the client id and secret (RFC 6749's preferred form). */
        HTTP_BASIC
    }

    @Override
    public String toString() {
        return "OAuth2Client[id=" + id.orElse("") + ", secret=" + (secret.isPresent() ? "****" : "none") + "]";
    }
}
