package dev.dialtone.probe.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A REST connection type as RegisterConnectionType declares it (the members the validation call needs; entities,
 * pagination and schemas are kept in the stored JSON but play no part in a test).
 */
public record RestDeclaration(String name, Optional<String> description, Optional<ConnectorProperty> url,
        List<ConnectorProperty> additionalParameters, List<String> authenticationTypes, Optional<OAuth2> oauth2,
        Optional<ConnectorProperty> basicUsername, Optional<ConnectorProperty> basicPassword,
        List<ConnectorProperty> customParameters, Source validation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The declared OAuth2 grant and its properties (each grant's block read into one). {@code clientSecret}'s
     * PropertyLocation says where the token request carries the client's credentials (see {@link OAuth2Grants}).
     */
    public record OAuth2(String grantType, Optional<ConnectorProperty> tokenUrl, Optional<String> requestMethod,
            Optional<String> contentType, Optional<ConnectorProperty> clientId, Optional<ConnectorProperty> scope,
            List<ConnectorProperty> tokenUrlParameters, Optional<ConnectorProperty> clientSecret) {
    }

    /**
     * The validation request: ValidationEndpointConfiguration overlaid on GlobalSourceConfiguration.
     */
    public record Source(String requestMethod, Optional<String> requestPath, List<ConnectorProperty> parameters,
            Optional<String> resultPath, Optional<String> errorPath) {
    }

    public RestDeclaration {
        additionalParameters = List.copyOf(additionalParameters);
        authenticationTypes = List.copyOf(authenticationTypes);
        customParameters = List.copyOf(customParameters);
    }

    public static RestDeclaration parse(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored connection type is not JSON", e);
        }
    }

    /** Reads RegisterConnectionType's input. */
    public static RestDeclaration read(JsonNode input) {
        JsonNode properties = input.path("ConnectionProperties");
        JsonNode auth = input.path("ConnectorAuthenticationConfiguration");
        List<String> types = new ArrayList<>();
        auth.path("AuthenticationTypes").forEach(type -> types.add(type.asText().toUpperCase(Locale.ROOT)));
        JsonNode basic = auth.path("BasicAuthenticationProperties");
        JsonNode rest = input.path("RestConfiguration");
        return new RestDeclaration(input.path("ConnectionType").asText(),
                ConnectorProperty.text(input, "Description"), property(properties, "Url"),
                list(properties.path("AdditionalRequestParameters")), types, oauth2(auth.path("OAuth2Properties")),
                property(basic, "Username"), property(basic, "Password"),
                list(auth.path("CustomAuthenticationProperties").path("AuthenticationParameters")),
                source(rest.path("ValidationEndpointConfiguration"), rest.path("GlobalSourceConfiguration")));
    }

    private static Optional<OAuth2> oauth2(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        String grant = node.path("OAuth2GrantType").asText("").toUpperCase(Locale.ROOT);
        JsonNode block = switch (grant) {
            case "JWT_BEARER" -> node.path("JWTBearerProperties");
            case "AUTHORIZATION_CODE" -> node.path("AuthorizationCodeProperties");
            default -> node.path("ClientCredentialsProperties");
        };
        return Optional.of(new OAuth2(grant, property(block, "TokenUrl"), ConnectorProperty.text(block,
                "RequestMethod"), ConnectorProperty.text(block, "ContentType"), property(block, "ClientId"),
                property(block, "Scope"), list(block.path("TokenUrlParameters")), property(block, "ClientSecret")));
    }

    private static Source source(JsonNode validation, JsonNode global) {
        JsonNode response = validation.has("ResponseConfiguration") ? validation.path("ResponseConfiguration")
                : global.path("ResponseConfiguration");
        return new Source(first(validation, global, "RequestMethod").orElse("GET").toUpperCase(Locale.ROOT),
                first(validation, global, "RequestPath"),
                list(validation.has("RequestParameters") ? validation.path("RequestParameters")
                        : global.path("RequestParameters")),
                ConnectorProperty.text(response, "ResultPath"), ConnectorProperty.text(response, "ErrorPath"));
    }

    private static Optional<String> first(JsonNode over, JsonNode under, String member) {
        return ConnectorProperty.text(over, member).or(() -> ConnectorProperty.text(under, member));
    }

    private static Optional<ConnectorProperty> property(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || !value.isObject() ? Optional.empty() : Optional.of(ConnectorProperty.read(value));
    }

    private static List<ConnectorProperty> list(JsonNode array) {
        List<ConnectorProperty> properties = new ArrayList<>();
        array.forEach(item -> properties.add(ConnectorProperty.read(item)));
        return properties;
    }

    /** The names of the properties a connection holds that are secrets (SECRET, SECRET_OR_USER_INPUT). */
    public java.util.Set<String> secretKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        connectionProperties().stream().filter(ConnectorProperty::secret).forEach(p -> keys.add(p.name()));
        customParameters.stream().filter(ConnectorProperty::secret).forEach(p -> keys.add(p.name()));
        return keys;
    }

    /** Every property a connection's ConnectionProperties may hold (the Url, additional and request parameters). */
    public List<ConnectorProperty> connectionProperties() {
        List<ConnectorProperty> all = new ArrayList<>();
        url.ifPresent(all::add);
        all.addAll(additionalParameters);
        all.addAll(validation.parameters());
        return all;
    }
}
