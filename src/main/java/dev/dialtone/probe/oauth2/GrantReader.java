package dev.dialtone.probe.oauth2;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.http.EndpointUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the credentials of an OAUTH2 AuthenticationConfiguration (inline, else the secret's key) into grants and
 * token requests, without I/O beyond the secret lookup. Shared by SALESFORCE and the REST engine; which grant a
 * connection uses, and how its client authenticates, is each tester's own choice.
 */
public final class GrantReader {
    // Set by the grant and the client authentication; TokenUrlParametersMap must not replace them
    // (Nimbus would let a custom parameter overwrite grant_type or client_secret).
    private static final Set<String> RESERVED_PARAMETERS = Set.of("grant_type", "client_id", "client_secret",
            "client_assertion", "client_assertion_type", "assertion", "code", "redirect_uri", "refresh_token",
            "code_verifier", "username", "password");

    /** A credential: its inline member, and its key in the secret. */
    public enum Credential {
        CLIENT_SECRET("OAuth2Credentials.UserManagedClientApplicationClientSecret",
                "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET"),
        JWT("OAuth2Credentials.JwtToken", "JWT_TOKEN"),
        ACCESS_TOKEN("OAuth2Credentials.AccessToken", "ACCESS_TOKEN"),
        REFRESH_TOKEN("OAuth2Credentials.RefreshToken", "REFRESH_TOKEN");

        private final String member;
        private final String secretKey;

        Credential(String member, String secretKey) {
            this.member = member;
            this.secretKey = secretKey;
        }

        /** Where a user gives it, for messages. */
        public String where() {
            return member + " (or " + secretKey + " in the secret)";
        }
    }

    private final OAuth2Properties oauth;
    private final Function<String, Optional<String>> secretValue;
    private final Set<String> found;

    /**
     * @param secretValue the value of a key in the connection's secret (read on first need), if any
     * @param found       collects every credential value read, so the plan can redact them
     */
    public GrantReader(OAuth2Properties oauth, Function<String, Optional<String>> secretValue, Set<String> found) {
        this.oauth = oauth;
        this.secretValue = secretValue;
        this.found = found;
        oauth.authorizationCode().ifPresent(found::add);
    }

    /** The grant type the connection names, upper case, if any. */
    public Optional<String> grantType() {
        return oauth.grantType().map(type -> type.trim().toUpperCase(Locale.ROOT)).filter(type -> !type.isEmpty());
    }

    /** The credential inline, else from the secret; remembered as a secret either way. */
    public Optional<String> credential(Credential credential) {
        Optional<String> value = switch (credential) {
            case CLIENT_SECRET -> oauth.clientSecret();
            case JWT -> oauth.jwtToken();
            case ACCESS_TOKEN -> oauth.accessToken();
            case REFRESH_TOKEN -> oauth.refreshToken();
        };
        value = value.filter(v -> !v.isBlank()).or(() -> secretValue.apply(credential.secretKey))
                .filter(v -> !v.isBlank());
        value.ifPresent(found::add);
        return value;
    }

    public Grant clientCredentials() {
        return new Grant(GrantKind.CLIENT_CREDENTIALS, new ClientCredentialsGrant(), Optional.empty());
    }

    public Grant refresh(String refreshToken) {
        return new Grant(GrantKind.REFRESH_TOKEN, new RefreshTokenGrant(new RefreshToken(refreshToken.trim())),
                Optional.empty());
    }

    /** The JWT bearer grant of the given assertion (its exp kept to explain a refusal). */
    public Grant jwtBearer() {
        String text = credential(Credential.JWT).orElseThrow(() -> new InvalidTestInput(
                "JWT_BEARER needs a signed JWT: " + Credential.JWT.where() + "."));
        try {
            SignedJWT jwt = SignedJWT.parse(text.trim());
            Optional<Instant> expiry = Optional.ofNullable(jwt.getJWTClaimsSet().getExpirationTime())
                    .map(java.util.Date::toInstant);
            return new Grant(GrantKind.JWT_BEARER, new JWTBearerGrant(jwt), expiry);
        } catch (ParseException e) {
            throw new InvalidTestInput(Credential.JWT.member + " is not a signed JWT (three base64url parts, "
                    + "header.claims.signature).");
        }
    }

    /** The authorization code grant, when the connection gives a code (which then needs its redirect URI). */
    public Optional<Grant> authorizationCode() {
        if (oauth.authorizationCode().isEmpty()) {
            return Optional.empty();
        }
        String redirect = oauth.redirectUri().orElseThrow(() -> new InvalidTestInput("An AuthorizationCode needs "
                + "AuthorizationCodeProperties.RedirectUri, the redirect URI it was issued for."));
        try {
            return Optional.of(new Grant(GrantKind.AUTHORIZATION_CODE, new AuthorizationCodeGrant(
                    new AuthorizationCode(oauth.authorizationCode().get().trim()), new URI(redirect.trim())),
                    Optional.empty()));
        } catch (URISyntaxException e) {
            throw new InvalidTestInput("AuthorizationCodeProperties.RedirectUri is not a valid URL: " + e.getReason()
                    + ".");
        }
    }

    /**
     * The token request for {@code grant}, with the client's authentication, the scope and the extra parameters
     * (which may not set what the grant and client set).
     */
    public static AccessTokenSource.Exchange exchange(Grant grant, EndpointUrl tokenUrl, OAuth2Client client,
            Optional<Scope> scope, Map<String, String> parameters, Optional<String> override) {
        return exchange(grant, tokenUrl, client, scope, parameters, override, TokenRequestForm.FORM);
    }

    /** As above, the request travelling in {@code form}. */
    public static AccessTokenSource.Exchange exchange(Grant grant, EndpointUrl tokenUrl, OAuth2Client client,
            Optional<Scope> scope, Map<String, String> parameters, Optional<String> override, TokenRequestForm form) {
        URI uri = tokenUrl.uri();
        TokenRequest.Builder builder;
        if (client.secret().isPresent()) {
            ClientID id = new ClientID(client.id().orElseThrow(() -> new InvalidTestInput("A client secret needs "
                    + "OAuth2ClientApplication.UserManagedClientApplicationClientId.")));
            Secret secret = new Secret(client.secret().get());
            builder = new TokenRequest.Builder(uri, client.placement() == OAuth2Client.SecretPlacement.FORM_BODY
                    ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret), grant.grant());
        } else {
            builder = client.id().map(id -> new TokenRequest.Builder(uri, new ClientID(id), grant.grant()))
                    .orElseGet(() -> new TokenRequest.Builder(uri, grant.grant()));
        }
        scope.ifPresent(builder::scope);
        for (Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet()) {
            if (RESERVED_PARAMETERS.contains(parameter.getKey().trim().toLowerCase(Locale.ROOT))) {
                throw new InvalidTestInput("TokenUrlParametersMap may not set '" + parameter.getKey() + "': Dialtone "
                        + "sets it from OAuth2GrantType, the client application and the credentials.");
            }
            builder.customParameter(parameter.getKey(), parameter.getValue());
        }
        return new AccessTokenSource.Exchange(grant.kind(), tokenUrl, builder.build(), grant.assertionExpiry(),
                override, form);
    }
}
