package dev.dialtone.probe.oauth2;

import java.time.Instant;
import java.util.Optional;

/** The OAuth2 grants the test can exchange for an access token, with what a refusal of each means. */
public enum GrantKind {
    CLIENT_CREDENTIALS("client credentials"),
    JWT_BEARER("JWT bearer"),
    AUTHORIZATION_CODE("authorization code"),
    REFRESH_TOKEN("refresh token");

    private final String words;

    GrantKind(String words) {
        this.words = words;
    }

    /** The grant in words, e.g. "client credentials". */
    public String words() {
        return words;
    }

    /** What {@code invalid_grant} means for this grant. */
    public String invalidGrantReason() {
        return switch (this) {
            case CLIENT_CREDENTIALS -> "the token endpoint refused the client credentials grant";
            case JWT_BEARER -> "the token endpoint refused the JWT (JwtToken)";
            case AUTHORIZATION_CODE -> "the token endpoint refused the authorization code";
            case REFRESH_TOKEN -> "the token endpoint refused the refresh token";
        };
    }

    /** What to do about {@code invalid_grant}; {@code assertionExpiry} is the JWT's exp claim, if any. */
    public String invalidGrantHint(Optional<Instant> assertionExpiry) {
        return switch (this) {
            case CLIENT_CREDENTIALS -> "Check that the connected app allows the client credentials flow and names a "
                    + "run-as user.";
            case JWT_BEARER -> assertionExpiry.filter(exp -> exp.isBefore(Instant.now()))
                    .map(exp -> "The JwtToken expired at " + exp + "; sign a new one. ")
                    .orElse("")
                    + "The JWT must be signed with the connected app's certificate, with iss the app's consumer key, "
                    + "sub a user who pre-authorized the app, aud the login URL, and an exp in the future.";
            case AUTHORIZATION_CODE -> "Authorization codes are single-use and expire within minutes, and RedirectUri "
                    + "must be the one used to obtain the code; for repeated tests give a RefreshToken.";
            case REFRESH_TOKEN -> "The refresh token was revoked or expired, or belongs to another client "
                    + "application: authorize the app again and store the new RefreshToken.";
        };
    }
}
