package dev.dialtone.probe.salesforce;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.oauth2.AccessTokenSource;
import dev.dialtone.probe.oauth2.Grant;
import dev.dialtone.probe.oauth2.GrantReader;
import dev.dialtone.probe.oauth2.GrantReader.Credential;
import dev.dialtone.probe.oauth2.OAuth2Client;
import dev.dialtone.secrets.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private static final String CLIENT_ID = "OAuth2ClientApplication.UserManagedClientApplicationClientId";

    private final OAuth2Properties oauth;
    private final GrantReader grants;
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
        Optional<String> secretId = subject.property("SECRET_ID").or(auth::secretArn);
        this.grants = new GrantReader(oauth, key -> secretId.flatMap(id -> {
            if (secretValues == null) {
                secretValues = Map.copyOf(store.read(id, subject.permissions()));
            }
            return Optional.ofNullable(secretValues.get(key));
        }), secrets);
    }

    AccessTokenSource read() {
        Optional<String> grantType = grants.grantType();
        if (grantType.isEmpty()) {
            return grants.credential(Credential.REFRESH_TOKEN).map(this::refresh)
                    .or(() -> grants.credential(Credential.ACCESS_TOKEN).map(AccessTokenSource.Given::new))
                    .orElseThrow(() -> new InvalidTestInput("OAuth2Properties.OAuth2GrantType is missing: give "
                            + "CLIENT_CREDENTIALS, JWT_BEARER or AUTHORIZATION_CODE (without one, a RefreshToken or "
                            + "AccessToken is needed)."));
        }
        return switch (grantType.get()) {
            case "CLIENT_CREDENTIALS" -> exchange(grants.clientCredentials(), client(true));
            // Salesforce's JWT bearer flow identifies the client by the JWT's iss: no client authentication.
            case "JWT_BEARER" -> exchange(grants.jwtBearer(), new OAuth2Client(Optional.empty(), Optional.empty(),
                    OAuth2Client.SecretPlacement.FORM_BODY));
            case "AUTHORIZATION_CODE" -> grants.credential(Credential.REFRESH_TOKEN).map(this::refresh)
                    .or(() -> grants.authorizationCode().map(code -> exchange(code, client(false))))
                    .or(() -> grants.credential(Credential.ACCESS_TOKEN).map(AccessTokenSource.Given::new))
                    .orElseThrow(() -> new InvalidTestInput("AUTHORIZATION_CODE needs a RefreshToken, an "
                            + "AuthorizationCodeProperties.AuthorizationCode with its RedirectUri, or an AccessToken ("
                            + "in OAuth2Credentials, or REFRESH_TOKEN / ACCESS_TOKEN in the secret)."));
            default -> throw new InvalidTestInput("OAuth2GrantType '" + oauth.grantType().get() + "' cannot be tested; "
                    + "the grant types Dialtone can test are: AUTHORIZATION_CODE, CLIENT_CREDENTIALS, JWT_BEARER.");
        };
    }

    private AccessTokenSource refresh(String refreshToken) {
        return exchange(grants.refresh(refreshToken), client(false));
    }

    /** The connected app: its id (always named), and its secret when there is one, in the body as Salesforce says. */
    private OAuth2Client client(boolean secretRequired) {
        Optional<String> clientId = oauth.clientId().map(String::trim);
        if (clientId.isEmpty()) {
            String managed = oauth.awsManagedClientApplicationReference().isPresent()
                    ? " An AWSManagedClientApplicationReference names AWS's own connected app, which only AWS can use."
                    : "";
            throw new InvalidTestInput("The token request needs " + CLIENT_ID + "." + managed);
        }
        Optional<String> secret = grants.credential(Credential.CLIENT_SECRET);
        if (secret.isEmpty() && secretRequired) {
            throw new InvalidTestInput("CLIENT_CREDENTIALS needs the client secret: " + Credential.CLIENT_SECRET.where()
                    + ".");
        }
        return new OAuth2Client(clientId, secret, OAuth2Client.SecretPlacement.FORM_BODY);
    }

    private AccessTokenSource.Exchange exchange(Grant grant, OAuth2Client client) {
        EndpointUrl tokenUrl = EndpointUrl.parse(oauth.tokenUrl().orElse(DEFAULT_TOKEN_URL), "TokenUrl");
        return GrantReader.exchange(grant, tokenUrl, client, Optional.empty(), oauth.tokenUrlParameters(),
                Optional.empty());
    }
}
