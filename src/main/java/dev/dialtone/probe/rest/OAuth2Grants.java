package dev.dialtone.probe.rest;

import com.nimbusds.oauth2.sdk.Scope;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.oauth2.AccessTokenSource;
import dev.dialtone.probe.oauth2.Grant;
import dev.dialtone.probe.oauth2.GrantReader;
import dev.dialtone.probe.oauth2.GrantReader.Credential;
import dev.dialtone.probe.oauth2.OAuth2Client;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what an OAUTH2 connection of a REST type authenticates with: a given access token, or a grant to exchange
 * at the token URL (the connection's TokenUrl, else the type's), read by the shared {@link GrantReader} as
 * SALESFORCE's are; the client secret goes by HTTP Basic (RFC 6749's preferred form).
 */
final class OAuth2Grants {

    private OAuth2Grants() {
    }

    static AccessTokenSource read(RestDeclaration declaration, Optional<AuthenticationConfiguration> auth,
            Map<String, String> secret, OriginOverrides overrides, Set<String> found) {
        OAuth2Properties given = auth.flatMap(AuthenticationConfiguration::oauth2Properties)
                .orElseGet(OAuth2Grants::none);
        GrantReader grants = new GrantReader(given, key -> RestTester.anyCase(secret, key), found);
        Optional<String> accessToken = grants.credential(Credential.ACCESS_TOKEN);
        if (accessToken.isPresent()) {
            return new AccessTokenSource.Given(accessToken.get());
        }
        Optional<RestDeclaration.OAuth2> declared = declaration.oauth2();
        String grant = grants.grantType()
                .or(() -> declared.map(RestDeclaration.OAuth2::grantType).filter(g -> !g.isEmpty()))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 needs an OAuth2GrantType (CLIENT_CREDENTIALS, "
                        + "AUTHORIZATION_CODE or JWT_BEARER), or an OAuth2Credentials.AccessToken."));
        String tokenUrlText = given.tokenUrl()
                .or(() -> declared.flatMap(RestDeclaration.OAuth2::tokenUrl).flatMap(ConnectorProperty::defaultValue))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 " + grant + " needs a token URL: "
                        + "OAuth2Properties.TokenUrl in the connection, or a TokenUrl default in the type."));
        if (declared.flatMap(RestDeclaration.OAuth2::requestMethod).filter(m -> !m.equalsIgnoreCase("POST"))
                .isPresent() || declared.flatMap(RestDeclaration.OAuth2::contentType)
                .filter(c -> !c.equalsIgnoreCase("URL_ENCODED")).isPresent()) {
            throw new InvalidTestInput("The type's token request is declared as "
                    + declared.flatMap(RestDeclaration.OAuth2::requestMethod).orElse("POST") + " "
                    + declared.flatMap(RestDeclaration.OAuth2::contentType).orElse("URL_ENCODED")
                    + "; Dialtone sends token requests as POST URL_ENCODED (RFC 6749) and cannot test other forms yet.");
        }
        URI tokenUri;
        try {
            tokenUri = new URI(tokenUrlText.trim());
        } catch (URISyntaxException e) {
            throw new InvalidTestInput("TokenUrl is not a valid URL: " + e.getReason() + ".");
        }
        Optional<OriginOverrides.Overridden> overridden = overrides.apply(tokenUri);
        EndpointUrl tokenUrl = EndpointUrl.parse(overridden.map(o -> o.uri().toString()).orElse(tokenUrlText),
                "TokenUrl");
        Optional<String> clientId = given.clientId()
                .or(() -> declared.flatMap(RestDeclaration.OAuth2::clientId).flatMap(ConnectorProperty::defaultValue));
        Optional<String> clientSecret = grants.credential(Credential.CLIENT_SECRET);
        Optional<Scope> scope = declared.flatMap(RestDeclaration.OAuth2::scope).flatMap(ConnectorProperty::defaultValue)
                .map(Scope::parse);
        Map<String, String> parameters = new LinkedHashMap<>();
        declared.map(RestDeclaration.OAuth2::tokenUrlParameters).orElse(List.of()).forEach(p -> p.defaultValue()
                .ifPresent(value -> parameters.put(p.key(), value)));
        parameters.putAll(given.tokenUrlParameters());
        Grant chosen = switch (grant) {
            case "CLIENT_CREDENTIALS" -> {
                if (clientSecret.isEmpty()) {
                    throw new InvalidTestInput("OAUTH2 CLIENT_CREDENTIALS needs the client secret: "
                            + Credential.CLIENT_SECRET.where() + ".");
                }
                yield grants.clientCredentials();
            }
            case "AUTHORIZATION_CODE" -> grants.credential(Credential.REFRESH_TOKEN).map(grants::refresh)
                    .or(grants::authorizationCode)
                    .orElseThrow(() -> new InvalidTestInput("OAUTH2 AUTHORIZATION_CODE needs "
                            + Credential.REFRESH_TOKEN.where() + ", or AuthorizationCodeProperties.AuthorizationCode "
                            + "and RedirectUri."));
            case "JWT_BEARER" -> grants.jwtBearer();
            default -> throw new InvalidTestInput("OAuth2GrantType " + grant + " is not one Glue knows; use "
                    + "CLIENT_CREDENTIALS, AUTHORIZATION_CODE or JWT_BEARER.");
        };
        return GrantReader.exchange(chosen, tokenUrl, new OAuth2Client(clientId, clientSecret,
                OAuth2Client.SecretPlacement.HTTP_BASIC), scope, parameters,
                overridden.map(OriginOverrides.Overridden::override));
    }

    /** A connection without OAuth2Properties: every credential comes from the secret. */
    private static OAuth2Properties none() {
        return new OAuth2Properties(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
