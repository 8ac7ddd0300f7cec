package dev.dialtone.probe.salesforce;

import java.util.Optional;

/**
 * What the token endpoint answered: the access token and what the report may say about it.
 *
 * @param instanceUrl the {@code instance_url} Salesforce adds to its token responses
 * @param identity    the {@code id} (identity URL: org and user) Salesforce adds
 */
record IssuedToken(String accessToken, Optional<String> scope, Optional<Long> expiresInSeconds,
        Optional<String> instanceUrl, Optional<String> identity, boolean refreshTokenIssued) {

    @Override
    public String toString() {
        return "IssuedToken[accessToken=****, scope=" + scope.orElse("") + "]";
    }
}
