package dev.dialtone.catalog;

import dev.dialtone.catalog.AuthenticationConfiguration.BasicCredentials;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every secret value of a definition and replaces it through a function: the properties the
 * predicate marks secret (in ConnectionProperties and the per-compute-environment maps) and every
 * credential of the AuthenticationConfiguration (basic password, OAuth2 client secret, authorization
 * code, access, refresh and JWT tokens, and all custom credentials).
 *
 * <p>A property value that already looks sealed is passed to the function too, whatever its key: that
 * way every value with the sealed prefix in a stored definition is one the sealer wrote, and reading
 * never has to guess whether a user's value that merely starts like a sealed one is clear text.
 */
final class SecretFields {

    /** Replaces one secret value; {@code field} names it inside the connection. */
    @FunctionalInterface
    interface Change {
        String apply(String field, String value);
    }

    private final SecretProperties secretProperties;
    private final Sealer sealer;

    SecretFields(SecretProperties secretProperties, Sealer sealer) {
        this.secretProperties = secretProperties;
        this.sealer = sealer;
    }

    /** The definition with every value {@link #isSecretProperty} or sealed replaced through {@code change}. */
    ConnectionDefinition map(ConnectionDefinition definition, Change change) {
        String type = definition.connectionType();
        return new ConnectionDefinition(definition.name(), definition.description(), type,
                definition.matchCriteria(),
                properties("ConnectionProperties", type, definition.connectionProperties(), change),
                properties("SparkProperties", type, definition.sparkProperties(), change),
                properties("AthenaProperties", type, definition.athenaProperties(), change),
                properties("PythonProperties", type, definition.pythonProperties(), change),
                definition.physicalConnectionRequirements(),
                definition.authenticationConfiguration().map(auth -> authentication(auth, change)),
                definition.validateForComputeEnvironments());
    }

    private Map<String, String> properties(String member, String type, Map<String, String> values, Change change) {
        if (values.isEmpty()) {
            return values;
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key,
                secretProperties.isSecret(type, key) || sealer.isSealed(value)
                        ? change.apply(member + "/" + key, value) : value));
        return out;
    }

    private static AuthenticationConfiguration authentication(AuthenticationConfiguration auth, Change change) {
        String base = "AuthenticationConfiguration/";
        Map<String, String> custom = new LinkedHashMap<>();
        auth.customCredentials().forEach((key, value) ->
                custom.put(key, change.apply(base + "CustomAuthenticationCredentials/" + key, value)));
        return new AuthenticationConfiguration(auth.authenticationType(), auth.secretArn(), auth.kmsKeyArn(),
                auth.oauth2Properties().map(oauth -> oauth2(oauth, change)),
                auth.basicCredentials().map(basic -> new BasicCredentials(basic.username(),
                        field(base + "BasicAuthenticationCredentials/Password", basic.password(), change))),
                custom);
    }

    private static OAuth2Properties oauth2(OAuth2Properties oauth, Change change) {
        String base = "AuthenticationConfiguration/OAuth2Properties/";
        return new OAuth2Properties(oauth.grantType(), oauth.clientId(), oauth.awsManagedClientApplicationReference(),
                oauth.tokenUrl(), oauth.tokenUrlParameters(), oauth.redirectUri(),
                field(base + "AuthorizationCode", oauth.authorizationCode(), change),
                field(base + "ClientSecret", oauth.clientSecret(), change),
                field(base + "AccessToken", oauth.accessToken(), change),
                field(base + "RefreshToken", oauth.refreshToken(), change),
                field(base + "JwtToken", oauth.jwtToken(), change));
    }

    private static Optional<String> field(String name, Optional<String> value, Change change) {
        return value.map(present -> change.apply(name, present));
    }
}
