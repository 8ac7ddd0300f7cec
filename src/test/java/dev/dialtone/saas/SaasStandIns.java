package dev.dialtone.saas;

import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;

/**
 * What the built-in SaaS stand-in tests share: a started stand-in, a vendor's OAuth2 token endpoint (RFC 6749
 * form request, client authenticated with HTTP Basic) that issues an access token for one refresh token or one
 * authorization code and answers anything else with the vendor's error body, and the AuthenticationConfiguration
 * shapes a Glue client sends.
 */
final class SaasStandIns {
    private SaasStandIns() {
    }

    static RestStandIn start() {
        try {
            return new RestStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form-encoded body as a map (the last value of a repeated key wins). */
    static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                values.put(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The vendor's token endpoint: the grant it accepts (refresh_token or authorization_code) and its answers. */
    record TokenEndpoint(String clientId, String clientSecret, String grantType, String grantValue,
            String tokenAnswer, Answer refusal) implements Function<RestStandIn.Seen, Answer> {
        @Override
        public Answer apply(RestStandIn.Seen seen) {
            Map<String, String> form = form(seen.body());
            String grantKey = grantType.equals("refresh_token") ? "refresh_token" : "code";
            boolean client = basic(clientId, clientSecret).equals(seen.header("Authorization"));
            if (seen.method().equals("POST") && client && grantType.equals(form.get("grant_type"))
                    && grantValue.equals(form.get(grantKey))) {
                return Answer.json(200, tokenAnswer);
            }
            return refusal;
        }
    }

    static AuthenticationConfigurationInput custom(Map<String, String> credentials) {
        return AuthenticationConfigurationInput.builder().authenticationType("CUSTOM")
                .customAuthenticationCredentials(credentials).build();
    }

    static AuthenticationConfigurationInput accessToken(String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2Credentials(c -> c.accessToken(token))).build();
    }

    /** A refresh-token grant with a user-managed client; tokenUrl null to take the type's. */
    static AuthenticationConfigurationInput refresh(String clientId, String clientSecret, String refreshToken,
            String tokenUrl) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE").tokenUrl(tokenUrl)
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                        .oAuth2Credentials(c -> c.refreshToken(refreshToken)
                                .userManagedClientApplicationClientSecret(clientSecret))).build();
    }

    /** An authorization code (and its redirect URI) to exchange, with a user-managed client. */
    static AuthenticationConfigurationInput code(String clientId, String clientSecret, String code, String redirect) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                        .authorizationCodeProperties(p -> p.authorizationCode(code).redirectUri(redirect))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret))).build();
    }
}
