package dev.dialtone.saas;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;

/** What the built-in SaaS type tests share: the TestConnection call, the credentials Glue takes, form parsing. */
final class SaasCalls {
    private SaasCalls() {
    }

    static RestStandIn standIn() {
        try {
            return new RestStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TestConnection by type, through the AWS SDK. */
    static void test(DialtoneExtension dialtone, String type, Map<String, String> properties,
            AuthenticationConfigurationInput auth) {
        dialtone.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth)));
    }

    /** An OAUTH2 AUTHORIZATION_CODE connection that gives its access token as it is. */
    static AuthenticationConfigurationInput accessToken(String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2Credentials(c -> c.accessToken(token))).build();
    }

    /** An OAUTH2 AUTHORIZATION_CODE connection with its own client and a refresh token to exchange. */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)
                                .refreshToken(refreshToken))).build();
    }

    /** The same, with the connection's own token URL (vendors whose token endpoint is per customer). */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken,
            String tokenUrl) {
        return refreshToken(clientId, clientSecret, refreshToken).toBuilder()
                .oAuth2Properties(refreshToken(clientId, clientSecret, refreshToken).oAuth2Properties().toBuilder()
                        .tokenUrl(tokenUrl).build()).build();
    }

    static AuthenticationConfigurationInput basic(String user, String password) {
        return AuthenticationConfigurationInput.builder().authenticationType("BASIC")
                .basicAuthenticationCredentials(b -> b.username(user).password(password)).build();
    }

    /** An application/x-www-form-urlencoded body (or query) as a map. */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The query of a request target, as a map. */
    static Map<String, String> query(String target) {
        int mark = target.indexOf('?');
        return form(mark < 0 ? "" : target.substring(mark + 1));
    }
}
