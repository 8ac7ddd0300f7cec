package dev.dialtone.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * How a connection authenticates. The stored form keeps the credentials the user gave, because a
 * test by name needs them; the Glue output echoes only type, secret ARN, KMS key and OAuth2 settings.
 */
public record AuthenticationConfiguration(
        Optional<String> authenticationType,
        Optional<String> secretArn,
        Optional<String> kmsKeyArn,
        Optional<OAuth2Properties> oauth2Properties,
        Optional<BasicCredentials> basicCredentials,
        Map<String, String> customCredentials) {

    public AuthenticationConfiguration {
        customCredentials = Map.copyOf(customCredentials);
    }

    /** Inline user name and password ({@code BasicAuthenticationCredentials}). */
    public record BasicCredentials(Optional<String> username, Optional<String> password) {
        @Override
        public String toString() {
            return "BasicCredentials[username=" + username.orElse("") + ", password=****]";
        }
    }

    /** OAuth2 settings; the last five members are credentials and never leave the server. */
    public record OAuth2Properties(
            Optional<String> grantType,
            Optional<String> clientId,
            Optional<String> awsManagedClientApplicationReference,
            Optional<String> tokenUrl,
            Map<String, String> tokenUrlParameters,
            Optional<String> redirectUri,
            Optional<String> authorizationCode,
            Optional<String> clientSecret,
            Optional<String> accessToken,
            Optional<String> refreshToken,
            Optional<String> jwtToken) {

        public OAuth2Properties {
            tokenUrlParameters = Map.copyOf(tokenUrlParameters);
        }

        @Override
        public String toString() {
            return "OAuth2Properties[grantType=" + grantType.orElse("") + ", tokenUrl=" + tokenUrl.orElse("") + "]";
        }
    }

    @Override
    public String toString() {
        return "AuthenticationConfiguration[type=" + authenticationType.orElse("") + "]";
    }
}
