package dev.dialtone.probe.oauth2;

import java.util.Map;
import java.util.Optional;

/**
 * What the token endpoint answered: the access token and what the report may say about it.
 *
 * @param extras the answer's other text members, such as the {@code instance_url} and {@code id} Salesforce adds
 */
public record IssuedToken(String accessToken, Optional<String> scope, Optional<Long> expiresInSeconds,
        boolean refreshTokenIssued, Map<String, String> extras) {

    public IssuedToken {
        extras = Map.copyOf(extras);
    }

    /** A text member of the answer beyond OAuth2's own, when present and not blank. */
    public Optional<String> extra(String name) {
        return Optional.ofNullable(extras.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "IssuedToken[accessToken=****, scope=" + scope.orElse("") + "]";
    }
}
