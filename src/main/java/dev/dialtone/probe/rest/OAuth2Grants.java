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
import dev.dialtone.probe.oauth2.TokenRequestForm;
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
 * at the token URL (the connection's TokenUrl, else the type's, its {NAME} placeholders filled from the
 * connection's properties), read by the shared {@link GrantReader} as SALESFORCE's are. The client goes where the
 * type's declared ClientSecret is located: HTTP Basic (RFC 6749's preferred form; HEADER or nothing declared), the
 * form body (BODY), or the whole form in the token URL's query (QUERY_PARAM); a type declaring ContentType
 * APPLICATION_JSON gets the same parameters as one JSON object, the client in it.
 */
final class OAuth2Grants {
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^{}/]+)}");

    private OAuth2Grants() {
    }

    /**
     * @param properties the connection's properties by Name: a token URL's {@code {NAME}} placeholders are filled
     *                   from them (else from the declared defaults), so a per-customer token endpoint can be
     *                   declared relative to the connection's INSTANCE_URL
     */
    static AccessTokenSource read(RestDeclaration declaration, Optional<AuthenticationConfiguration> auth,
            Map<String, String> secret, OriginOverrides overrides, Set<String> found,
            java.util.function.Function<String, Optional<String>> properties) {
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
        String tokenUrlText = filled(given.tokenUrl()
                .or(() -> declared.flatMap(RestDeclaration.OAuth2::tokenUrl).flatMap(ConnectorProperty::defaultValue))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 " + grant + " needs a token URL: "
                        + "OAuth2Properties.TokenUrl in the connection, or a TokenUrl default in the type.")),
                declaration, properties);
        boolean json = declared.flatMap(RestDeclaration.OAuth2::contentType)
                .filter(c -> c.equalsIgnoreCase("APPLICATION_JSON")).isPresent();
        String method = declared.flatMap(RestDeclaration.OAuth2::requestMethod).orElse("POST")
                .toUpperCase(Locale.ROOT);
        if (!(method.equals("POST") || method.equals("GET") && !json) || declared.flatMap(RestDeclaration.OAuth2::contentType)
                .filter(c -> !c.equalsIgnoreCase("URL_ENCODED") && !c.equalsIgnoreCase("APPLICATION_JSON"))
                .isPresent()) {
            throw new InvalidTestInput("The type's token request is declared as " + method + " "
                    + declared.flatMap(RestDeclaration.OAuth2::contentType).orElse("URL_ENCODED")
                    + "; Dialtone sends token requests as POST URL_ENCODED (RFC 6749), POST APPLICATION_JSON, or GET "
                    + "with the parameters in the query, and cannot test other forms yet.");
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
        String location = declared.flatMap(RestDeclaration.OAuth2::clientSecret).flatMap(ConnectorProperty::location)
                .orElse("HEADER");
        TokenRequestForm form = json ? TokenRequestForm.JSON : method.equals("GET") ? TokenRequestForm.GET
                : location.equals("QUERY_PARAM") ? TokenRequestForm.FORM_IN_QUERY : TokenRequestForm.FORM;
        // The client travels with the other parameters when the type puts it there (BODY, QUERY_PARAM) or the form
        // is JSON; otherwise HTTP Basic, RFC 6749's preferred form (a GET's parameters go in its query either way).
        OAuth2Client.SecretPlacement placement = form != TokenRequestForm.JSON && !location.equals("BODY")
                && !location.equals("QUERY_PARAM") ? OAuth2Client.SecretPlacement.HTTP_BASIC
                : OAuth2Client.SecretPlacement.FORM_BODY;
        return GrantReader.exchange(chosen, tokenUrl, new OAuth2Client(clientId, clientSecret, placement), scope,
                parameters, overridden.map(OriginOverrides.Overridden::override), form);
    }

    /** The token URL with its {NAME} placeholders filled (a trailing / of the value dropped), before any socket. */
    private static String filled(String tokenUrl, RestDeclaration declaration,
            java.util.function.Function<String, Optional<String>> properties) {
        java.util.regex.Matcher matcher = PLACEHOLDER.matcher(tokenUrl);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = properties.apply(name).map(String::trim).filter(v -> !v.isEmpty())
                    .or(() -> declaration.connectionProperties().stream().filter(p -> p.name().equals(name))
                            .findFirst().flatMap(ConnectorProperty::defaultValue))
                    .orElseThrow(() -> new InvalidTestInput("The token URL " + tokenUrl + " names {" + name
                            + "}, but the connection has no " + name + "."));
            matcher.appendReplacement(filled, java.util.regex.Matcher.quoteReplacement(value.replaceAll("/+$", "")));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** A connection without OAuth2Properties: every credential comes from the secret. */
    private static OAuth2Properties none() {
        return new OAuth2Properties(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
