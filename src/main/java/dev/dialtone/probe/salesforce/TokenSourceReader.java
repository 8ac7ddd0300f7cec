package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.EndpointUrl;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the OAuth2 part of a SALESFORCE definition (AuthenticationConfiguration, and the secret
 * named by SecretArn or SECRET_ID) into an {@link AccessTokenSource}, without I/O other than the
 * secret store. Inline credentials win over the secret's; the secret is read only when needed.
 *
 * <p>Which grant: CLIENT_CREDENTIALS and JWT_BEARER as named. AUTHORIZATION_CODE prefers a refresh
 * token (what Glue keeps after the first exchange, and reusable), then the authorization code (single
 * use), then a given access token. Without a grant type: a refresh token, else an access token.
 */
final class TokenSourceReader {
    static final String DEFAULT_TOKEN_URL = "https://login.salesforce.com/services/oauth2/token";
    // Set by the grant and the client authentication; TokenUrlParametersMap must not replace them
    // (Nimbus would let a custom parameter overwrite grant_type or client_secret).
    private static final Set<String> RESERVED_PARAMETERS = Set.of("grant_type", "client_id", "client_secret",
            "client_assertion", "client_assertion_type", "assertion", "code", "redirect_uri", "refresh_token",
            "code_verifier", "username", "password");

    private static final String CLIENT_ID = "OAuth2ClientApplication.UserManagedClientApplicationClientId";
    private static final String CLIENT_SECRET = "OAuth2Credentials.UserManagedClientApplicationClientSecret";

    /** A credential: its inline member, and its key in the secret. */
    private enum Credential {
        CLIENT_SECRET(TokenSourceReader.CLIENT_SECRET, "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET"),
        JWT("OAuth2Credentials.JwtToken", "JWT_TOKEN"),
        ACCESS_TOKEN("OAuth2Credentials.AccessToken", "ACCESS_TOKEN"),
        REFRESH_TOKEN("OAuth2Credentials.RefreshToken", "REFRESH_TOKEN");

        final String member;
        final String secretKey;

        Credential(String member, String secretKey) {
            this.member = member;
            this.secretKey = secretKey;
        }

        String where() {
            return member + " (or " + secretKey + " in the secret)";
        }
    }

    private final OAuth2Properties oauth;
    private final Optional<String> secretId;
    private final SecretStore store;
    private final dev.dialtone.guard.Permissions permissions;
    private final Set<String> secrets;
    private Map<String, String> secretValues;

    /** @param secrets collects every credential value read, so the plan can redact them */
    TokenSourceReader(TestSubject subject, SecretStore store, Set<String> secrets) {
        AuthenticationConfiguration auth = subject.authentication().orElseThrow(() -> new InvalidTestInput(
                "SALESFORCE connections need an AuthenticationConfiguration with OAuth2Properties."));
        auth.authenticationType().filter(type -> !type.equalsIgnoreCase("OAUTH2")).ifPresent(type -> {
            throw new InvalidTestInput("SALESFORCE connections authenticate with OAuth2: AuthenticationType must be "
                    + "OAUTH2 (got " + type + ").");
        });
        this.oauth = auth.oauth2Properties().orElseThrow(() -> new InvalidTestInput(
                "SALESFORCE connections need AuthenticationConfiguration.OAuth2Properties (OAuth2GrantType, "
                        + "OAuth2ClientApplication, TokenUrl, OAuth2Credentials)."));
        this.secretId = subject.property("SECRET_ID").or(auth::secretArn);
        this.store = store;
        this.permissions = subject.permissions();
        this.secrets = secrets;
        oauth.authorizationCode().ifPresent(secrets::add);
    }

    AccessTokenSource read() {
        Optional<String> grantType = oauth.grantType().map(type -> type.trim().toUpperCase(Locale.ROOT));
        if (grantType.isEmpty()) {
            return credential(Credential.REFRESH_TOKEN).map(this::refresh)
                    .or(() -> credential(Credential.ACCESS_TOKEN).map(AccessTokenSource.Given::new))
                    .orElseThrow(() -> new InvalidTestInput("OAuth2Properties.OAuth2GrantType is missing: give "
                            + "CLIENT_CREDENTIALS, JWT_BEARER or AUTHORIZATION_CODE (without one, a RefreshToken or "
                            + "AccessToken is needed)."));
        }
        return switch (grantType.get()) {
            case "CLIENT_CREDENTIALS" -> exchange(GrantKind.CLIENT_CREDENTIALS, new ClientCredentialsGrant(),
                    client(true), Optional.empty());
            case "JWT_BEARER" -> jwtBearer();
            case "AUTHORIZATION_CODE" -> credential(Credential.REFRESH_TOKEN).map(this::refresh)
                    .or(this::authorizationCode)
                    .or(() -> credential(Credential.ACCESS_TOKEN).map(AccessTokenSource.Given::new))
                    .orElseThrow(() -> new InvalidTestInput("AUTHORIZATION_CODE needs a RefreshToken, an "
                            + "AuthorizationCodeProperties.AuthorizationCode with its RedirectUri, or an AccessToken ("
                            + "in OAuth2Credentials, or REFRESH_TOKEN / ACCESS_TOKEN in the secret)."));
            default -> throw new InvalidTestInput("OAuth2GrantType '" + oauth.grantType().get() + "' cannot be tested; "
                    + "the grant types Dialtone can test are: AUTHORIZATION_CODE, CLIENT_CREDENTIALS, JWT_BEARER.");
        };
    }

    private AccessTokenSource jwtBearer() {
        String text = credential(Credential.JWT).orElseThrow(() -> new InvalidTestInput(
                "JWT_BEARER needs a signed JWT: " + Credential.JWT.where() + "."));
        SignedJWT jwt;
        Optional<Instant> expiry;
        try {
            jwt = SignedJWT.parse(text.trim());
            expiry = Optional.ofNullable(jwt.getJWTClaimsSet().getExpirationTime()).map(java.util.Date::toInstant);
        } catch (ParseException e) {
            throw new InvalidTestInput(Credential.JWT.member + " is not a signed JWT (three base64url parts, "
                    + "header.claims.signature).");
        }
        // Salesforce's JWT bearer flow identifies the client by the JWT's iss: no client authentication.
        return exchange(GrantKind.JWT_BEARER, new JWTBearerGrant(jwt), Optional.empty(), expiry);
    }

    private Optional<AccessTokenSource> authorizationCode() {
        if (oauth.authorizationCode().isEmpty()) {
            return Optional.empty();
        }
        String redirect = oauth.redirectUri().orElseThrow(() -> new InvalidTestInput("An AuthorizationCode needs "
                + "AuthorizationCodeProperties.RedirectUri, the redirect URI it was issued for."));
        URI redirectUri;
        try {
            redirectUri = new URI(redirect.trim());
        } catch (URISyntaxException e) {
            throw new InvalidTestInput("AuthorizationCodeProperties.RedirectUri is not a valid URL: " + e.getReason()
                    + ".");
        }
        return Optional.of(exchange(GrantKind.AUTHORIZATION_CODE,
                new AuthorizationCodeGrant(new AuthorizationCode(oauth.authorizationCode().get().trim()), redirectUri),
                client(false), Optional.empty()));
    }

    private AccessTokenSource refresh(String refreshToken) {
        return exchange(GrantKind.REFRESH_TOKEN, new RefreshTokenGrant(new RefreshToken(refreshToken.trim())),
                client(false), Optional.empty());
    }

    /** The client application: its id, and its secret when there is one. */
    private record Client(ClientID id, Optional<Secret> secret) {
    }

    private Optional<Client> client(boolean secretRequired) {
        Optional<String> clientId = oauth.clientId().map(String::trim);
        if (clientId.isEmpty()) {
            String managed = oauth.awsManagedClientApplicationReference().isPresent()
                    ? " An AWSManagedClientApplicationReference names AWS's own connected app, which only AWS can use."
                    : "";
            throw new InvalidTestInput("The token request needs " + CLIENT_ID + "." + managed);
        }
        Optional<String> secret = credential(Credential.CLIENT_SECRET);
        if (secret.isEmpty() && secretRequired) {
            throw new InvalidTestInput("CLIENT_CREDENTIALS needs the client secret: " + Credential.CLIENT_SECRET.where()
                    + ".");
        }
        return Optional.of(new Client(new ClientID(clientId.get()), secret.map(Secret::new)));
    }

    private AccessTokenSource.Exchange exchange(GrantKind kind, AuthorizationGrant grant, Optional<Client> client,
            Optional<Instant> assertionExpiry) {
        EndpointUrl tokenUrl = EndpointUrl.parse(oauth.tokenUrl().orElse(DEFAULT_TOKEN_URL), "TokenUrl");
        URI uri = tokenUrl.uri();
        TokenRequest.Builder builder = client.map(c -> c.secret().isPresent()
                        // In the body, as Salesforce documents it (it accepts HTTP Basic too).
                        ? new TokenRequest.Builder(uri, new ClientSecretPost(c.id(), c.secret().get()), grant)
                        : new TokenRequest.Builder(uri, c.id(), grant))
                .orElseGet(() -> new TokenRequest.Builder(uri, grant));
        for (Map.Entry<String, String> parameter : new TreeMap<>(oauth.tokenUrlParameters()).entrySet()) {
            if (RESERVED_PARAMETERS.contains(parameter.getKey().trim().toLowerCase(Locale.ROOT))) {
                throw new InvalidTestInput("TokenUrlParametersMap may not set '" + parameter.getKey() + "': Dialtone "
                        + "sets it from OAuth2GrantType, the client application and the credentials.");
            }
            builder.customParameter(parameter.getKey(), parameter.getValue());
        }
        return new AccessTokenSource.Exchange(kind, tokenUrl, builder.build(), assertionExpiry);
    }

    /** The credential inline, else from the secret (read once, on first need). */
    private Optional<String> credential(Credential credential) {
        Optional<String> value = switch (credential) {
            case CLIENT_SECRET -> oauth.clientSecret();
            case JWT -> oauth.jwtToken();
            case ACCESS_TOKEN -> oauth.accessToken();
            case REFRESH_TOKEN -> oauth.refreshToken();
        };
        value = value.filter(v -> !v.isBlank());
        if (value.isEmpty() && secretId.isPresent()) {
            if (secretValues == null) {
                secretValues = Map.copyOf(store.read(secretId.get(), permissions));
            }
            value = Optional.ofNullable(secretValues.get(credential.secretKey)).filter(v -> !v.isBlank());
        }
        value.ifPresent(secrets::add);
        return value;
    }
}
