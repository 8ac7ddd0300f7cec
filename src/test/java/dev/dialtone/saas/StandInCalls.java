package dev.dialtone.saas;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;

/** What the built-in SaaS types' stand-in tests share: credentials as a user gives them, and one TestConnection. */
final class StandInCalls {
    private StandInCalls() {
    }

    static RestStandIn standIn() {
        try {
            return new RestStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OAUTH2 with a given access token (any grant: the token is used as it is). */
    static AuthenticationConfigurationInput accessToken(String grant, String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType(grant).oAuth2Credentials(c -> c.accessToken(token))).build();
    }

    /** OAUTH2 AUTHORIZATION_CODE with a refresh token to exchange ({@code tokenUrl} empty: the type's default). */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken,
            String tokenUrl, Map<String, String> tokenParameters) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> {
                    o.oAuth2GrantType("AUTHORIZATION_CODE")
                            .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                            .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)
                                    .refreshToken(refreshToken));
                    if (!tokenUrl.isEmpty()) {
                        o.tokenUrl(tokenUrl);
                    }
                    if (!tokenParameters.isEmpty()) {
                        o.tokenUrlParametersMap(tokenParameters);
                    }
                }).build();
    }

    static void test(DialtoneExtension dialtone, String type, Map<String, String> properties,
            AuthenticationConfigurationInput auth) {
        dialtone.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth)));
    }

    /** A token request's form parameters, as a token endpoint reads them. */
    static Map<String, List<String>> form(RestStandIn.Seen seen) {
        return URLUtils.parseParameters(seen.body());
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** HTTP Basic for a client id and secret (RFC 6749 2.3.1: each form-encoded first). */
    static String basic(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
