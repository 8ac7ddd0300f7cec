package dev.dialtone.probe.rest;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
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
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.http.EndpointUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what an OAUTH2 connection of a registered type authenticates with: a given access token, or a grant to
 * exchange at the token URL (the connection's TokenUrl, else the type's), built by Nimbus as SALESFORCE does.
 */
final class OAuth2Grants {

    private OAuth2Grants() {
    }

    /** Where the token request carries the client's id and secret: the declared ClientSecret's PropertyLocation. */
    enum ClientPlacement {
        /** HTTP Basic (RFC 6749 2.3.1's default); no location declared, or HEADER. */
        BASIC,
        /** client_id and client_secret in the form body (client_secret_post); BODY. */
        FORM,
        /** The whole form (grant, client id and secret) in the token URL's query, as some vendors document; QUERY_PARAM. */
        QUERY;

        static ClientPlacement of(Optional<RestDeclaration.OAuth2> declared) {
            return switch (declared.flatMap(RestDeclaration.OAuth2::clientSecret)
                    .flatMap(ConnectorProperty::location).orElse("HEADER")) {
                case "BODY" -> FORM;
                case "QUERY_PARAM" -> QUERY;
                default -> BASIC;
            };
        }
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^{}/]+)}");

    /**
     * @param properties the connection's properties by Name: a token URL's {@code {NAME}} placeholders are filled
     *                   from them (else from the declared defaults), so a per-customer token endpoint can be
     *                   declared relative to the connection's INSTANCE_URL
     */
    static RestPlan.Credential read(RestDeclaration declaration, Optional<AuthenticationConfiguration> auth,
            Map<String, String> secret, OriginOverrides overrides, Set<String> found,
            java.util.function.Function<String, Optional<String>> properties) {
        Optional<OAuth2Properties> given = auth.flatMap(AuthenticationConfiguration::oauth2Properties);
        Optional<String> accessToken = given.flatMap(OAuth2Properties::accessToken)
                .or(() -> RestTester.anyCase(secret, "ACCESS_TOKEN"));
        if (accessToken.isPresent()) {
            found.add(accessToken.get());
            return new RestPlan.Credential.Bearer(accessToken.get());
        }
        Optional<RestDeclaration.OAuth2> declared = declaration.oauth2();
        String grant = given.flatMap(OAuth2Properties::grantType).map(g -> g.toUpperCase(Locale.ROOT))
                .or(() -> declared.map(RestDeclaration.OAuth2::grantType).filter(g -> !g.isEmpty()))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 needs an OAuth2GrantType (CLIENT_CREDENTIALS, "
                        + "AUTHORIZATION_CODE or JWT_BEARER), or an OAuth2Credentials.AccessToken."));
        String tokenUrlText = filled(given.flatMap(OAuth2Properties::tokenUrl)
                .or(() -> declared.flatMap(RestDeclaration.OAuth2::tokenUrl).flatMap(ConnectorProperty::defaultValue))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 " + grant + " needs a token URL: "
                        + "OAuth2Properties.TokenUrl in the connection, or a TokenUrl default in the type.")),
                declaration, properties);
        boolean json = declared.flatMap(RestDeclaration.OAuth2::contentType)
                .filter(c -> c.equalsIgnoreCase("APPLICATION_JSON")).isPresent();
        if (declared.flatMap(RestDeclaration.OAuth2::requestMethod).filter(m -> !m.equalsIgnoreCase("POST"))
                .isPresent() || declared.flatMap(RestDeclaration.OAuth2::contentType)
                .filter(c -> !c.equalsIgnoreCase("URL_ENCODED") && !c.equalsIgnoreCase("APPLICATION_JSON"))
                .isPresent()) {
            throw new InvalidTestInput("The type's token request is declared as "
                    + declared.flatMap(RestDeclaration.OAuth2::requestMethod).orElse("POST") + " "
                    + declared.flatMap(RestDeclaration.OAuth2::contentType).orElse("URL_ENCODED")
                    + "; Dialtone sends token requests as POST, URL_ENCODED (RFC 6749) or APPLICATION_JSON, and "
                    + "cannot test other forms yet.");
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
        Optional<String> clientId = given.flatMap(OAuth2Properties::clientId)
                .or(() -> declared.flatMap(RestDeclaration.OAuth2::clientId).flatMap(ConnectorProperty::defaultValue));
        Optional<String> clientSecret = given.flatMap(OAuth2Properties::clientSecret)
                .or(() -> RestTester.anyCase(secret, "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET"));
        clientSecret.ifPresent(found::add);
        Optional<Scope> scope = declared.flatMap(RestDeclaration.OAuth2::scope).flatMap(ConnectorProperty::defaultValue)
                .map(Scope::parse);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        declared.map(RestDeclaration.OAuth2::tokenUrlParameters).orElse(List.of()).forEach(p -> p.defaultValue()
                .ifPresent(value -> parameters.put(p.key(), List.of(value))));
        given.map(OAuth2Properties::tokenUrlParameters).orElse(Map.of())
                .forEach((key, value) -> parameters.put(key, List.of(value)));
        AuthorizationGrant authorizationGrant = switch (grant) {
            case "CLIENT_CREDENTIALS" -> new ClientCredentialsGrant();
            case "AUTHORIZATION_CODE" -> codeOrRefresh(given, secret, found);
            case "JWT_BEARER" -> jwtBearer(given, secret, found);
            default -> throw new InvalidTestInput("OAuth2GrantType " + grant + " is not one Glue knows; use "
                    + "CLIENT_CREDENTIALS, AUTHORIZATION_CODE or JWT_BEARER.");
        };
        TokenRequest request;
        ClientPlacement placement = ClientPlacement.of(declared);
        if (clientSecret.isPresent()) {
            ClientID id = new ClientID(clientId.orElseThrow(() -> new InvalidTestInput("OAUTH2 " + grant + " with a "
                    + "client secret needs OAuth2ClientApplication.UserManagedClientApplicationClientId.")));
            Secret clientSecretValue = new Secret(clientSecret.get());
            // A JSON body has no room for HTTP Basic's habit: JSON token endpoints take the client in the body.
            request = withParameters(new TokenRequest.Builder(tokenUrl.uri(), placement == ClientPlacement.BASIC
                    && !json ? new ClientSecretBasic(id, clientSecretValue) : new ClientSecretPost(id, clientSecretValue),
                    authorizationGrant).scope(scope.orElse(null)), parameters);
        } else if (grant.equals("CLIENT_CREDENTIALS")) {
            throw new InvalidTestInput("OAUTH2 CLIENT_CREDENTIALS needs the client secret: "
                    + "OAuth2Credentials.UserManagedClientApplicationClientSecret, or "
                    + "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET in the secret.");
        } else {
            TokenRequest.Builder builder = clientId.map(id -> new TokenRequest.Builder(tokenUrl.uri(), new ClientID(id),
                    authorizationGrant)).orElseGet(() -> new TokenRequest.Builder(tokenUrl.uri(), authorizationGrant));
            request = withParameters(builder.scope(scope.orElse(null)), parameters);
        }
        return new RestPlan.Credential.Exchange(tokenUrl, request, grant.toLowerCase(Locale.ROOT).replace('_', ' '),
                overridden.map(OriginOverrides.Overridden::override), placement == ClientPlacement.QUERY, json);
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

    /**
     * The token request with its form moved into the token URL's query and an empty body, for vendors that document
     * their token call that way (the credentials are then in the URL: it is never logged or reported with its query).
     */
    static com.nimbusds.oauth2.sdk.http.HTTPRequest formInQuery(com.nimbusds.oauth2.sdk.http.HTTPRequest request) {
        String form = request.getBody() == null ? "" : request.getBody();
        URI uri = request.getURI();
        URI moved = URI.create(uri.toString() + (uri.getRawQuery() == null ? "?" : "&") + form);
        com.nimbusds.oauth2.sdk.http.HTTPRequest inQuery = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                request.getMethod(), moved);
        request.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                inQuery.setHeader(name, values.toArray(String[]::new));
            }
        });
        inQuery.setBody("");
        return inQuery;
    }

    private static TokenRequest withParameters(TokenRequest.Builder builder, Map<String, List<String>> parameters) {
        parameters.forEach((key, values) -> builder.customParameter(key, values.toArray(String[]::new)));
        return builder.build();
    }

    private static AuthorizationGrant codeOrRefresh(Optional<OAuth2Properties> given, Map<String, String> secret,
            Set<String> found) {
        Optional<String> refresh = given.flatMap(OAuth2Properties::refreshToken)
                .or(() -> RestTester.anyCase(secret, "REFRESH_TOKEN"));
        if (refresh.isPresent()) {
            found.add(refresh.get());
            return new RefreshTokenGrant(new RefreshToken(refresh.get()));
        }
        Optional<String> code = given.flatMap(OAuth2Properties::authorizationCode);
        Optional<String> redirect = given.flatMap(OAuth2Properties::redirectUri);
        if (code.isEmpty() || redirect.isEmpty()) {
            throw new InvalidTestInput("OAUTH2 AUTHORIZATION_CODE needs OAuth2Credentials.RefreshToken (or "
                    + "REFRESH_TOKEN in the secret), or AuthorizationCodeProperties.AuthorizationCode and RedirectUri.");
        }
        found.add(code.get());
        try {
            return new AuthorizationCodeGrant(new AuthorizationCode(code.get()), new URI(redirect.get()));
        } catch (URISyntaxException e) {
            throw new InvalidTestInput("RedirectUri is not a valid URL: " + e.getReason() + ".");
        }
    }

    private static AuthorizationGrant jwtBearer(Optional<OAuth2Properties> given, Map<String, String> secret,
            Set<String> found) {
        String jwt = given.flatMap(OAuth2Properties::jwtToken).or(() -> RestTester.anyCase(secret, "JWT_TOKEN"))
                .orElseThrow(() -> new InvalidTestInput("OAUTH2 JWT_BEARER needs OAuth2Credentials.JwtToken (or "
                        + "JWT_TOKEN in the secret): a signed assertion."));
        found.add(jwt);
        try {
            return new JWTBearerGrant(SignedJWT.parse(jwt));
        } catch (java.text.ParseException e) {
            throw new InvalidTestInput("JwtToken is not a signed JWT (three base64url parts).");
        }
    }

}
