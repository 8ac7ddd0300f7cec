package dev.dialtone.saas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OAuth2PropertiesInput;

/**
 * What the built-in SaaS type tests share: TestConnection through the AWS SDK (and a failing one
 * with its stage and the secrets kept out), the AuthenticationConfiguration a user gives, a vendor's OAuth2 token
 * endpoint, and reading what a stand-in saw (form bodies, queries, headers).
 */
final class SaasCalls {
    private SaasCalls() {
    }

    /** TestConnection by type, through the AWS SDK. */
    static void test(DialtoneExtension dialtone, String type, Map<String, String> properties,
            AuthenticationConfigurationInput auth) {
        dialtone.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth)));
    }

    /** A failing test: InvalidInputException naming the stage; the secrets in neither the message nor the logs. */
    static AbstractThrowableAssert<?, ? extends Throwable> fails(DialtoneExtension dialtone, String type,
            Map<String, String> properties, AuthenticationConfigurationInput auth, String stage, String... secrets) {
        AbstractThrowableAssert<?, ? extends Throwable> failure = assertThatThrownBy(() -> test(dialtone, type,
                properties, auth)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at " + stage);
        for (String secret : secrets) {
            failure.hasMessageNotContaining(secret);
            assertThat(CapturedLogs.all()).as("the logs").doesNotContain(secret);
        }
        return failure;
    }

    /** An OAUTH2 AUTHORIZATION_CODE connection that gives its access token as it is. */
    static AuthenticationConfigurationInput accessToken(String token) {
        return accessToken("AUTHORIZATION_CODE", token);
    }

    /** OAUTH2 with a given access token under another grant (the token is used as it is). */
    static AuthenticationConfigurationInput accessToken(String grant, String token) {
        return oauth2(o -> o.oAuth2GrantType(grant).oAuth2Credentials(c -> c.accessToken(token)));
    }

    /** An OAUTH2 AUTHORIZATION_CODE connection with its own client and a refresh token to exchange. */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken) {
        return oauth2(refreshGrant(clientId, clientSecret, refreshToken));
    }

    /** The same, with the connection's own token URL (vendors whose token endpoint is per customer). */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken,
            String tokenUrl) {
        return oauth2(refreshGrant(clientId, clientSecret, refreshToken).andThen(o -> o.tokenUrl(tokenUrl)));
    }

    /** The same, with extra token request parameters (tokenUrlParametersMap, such as a scope). */
    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refreshToken,
            Map<String, String> tokenParameters) {
        return oauth2(refreshGrant(clientId, clientSecret, refreshToken)
                .andThen(o -> o.tokenUrlParametersMap(tokenParameters)));
    }

    private static Consumer<OAuth2PropertiesInput.Builder> refreshGrant(String clientId, String clientSecret,
            String refreshToken) {
        return o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)
                        .refreshToken(refreshToken));
    }

    /** An authorization code (and its redirect URI) to exchange, with a user-managed client. */
    static AuthenticationConfigurationInput authorizationCode(String clientId, String clientSecret, String code,
            String redirect) {
        return oauth2(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                .authorizationCodeProperties(p -> p.authorizationCode(code).redirectUri(redirect))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)));
    }

    static AuthenticationConfigurationInput clientCredentials(String clientId, String clientSecret) {
        return oauth2(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)));
    }

    private static AuthenticationConfigurationInput oauth2(Consumer<OAuth2PropertiesInput.Builder> properties) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2").oAuth2Properties(properties)
                .build();
    }

    static AuthenticationConfigurationInput custom(Map<String, String> credentials) {
        return AuthenticationConfigurationInput.builder().authenticationType("CUSTOM")
                .customAuthenticationCredentials(credentials).build();
    }

    static AuthenticationConfigurationInput basic(String user, String password) {
        return AuthenticationConfigurationInput.builder().authenticationType("BASIC")
                .basicAuthenticationCredentials(b -> b.username(user).password(password)).build();
    }

    /** The Authorization header of HTTP Basic for a user and password. */
    static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP Basic as an OAuth2 client authenticates (RFC 6749 2.3.1: id and secret each form-encoded first). */
    static String clientBasicHeader(String clientId, String clientSecret) {
        return basicHeader(URLEncoder.encode(clientId, StandardCharsets.UTF_8),
                URLEncoder.encode(clientSecret, StandardCharsets.UTF_8));
    }

    /** Whether a request carried one of these tokens as its Bearer credential (what a stand-in API checks). */
    static boolean sentBearer(RestStandIn.Seen seen, String... tokens) {
        return List.of(tokens).stream().anyMatch(token -> ("Bearer " + token).equals(seen.header("Authorization")));
    }

    /** Whether a request carried this user and password in HTTP Basic. */
    static boolean sentBasic(RestStandIn.Seen seen, String user, String password) {
        return basicHeader(user, password).equals(seen.header("Authorization"));
    }

    /** The vendor's token endpoint: the grant it accepts (refresh_token or authorization_code) and its answers. */
    record TokenEndpoint(String clientId, String clientSecret, String grantType, String grantValue,
            String tokenAnswer, Answer refusal) implements Function<RestStandIn.Seen, Answer> {
        @Override
        public Answer apply(RestStandIn.Seen seen) {
            Map<String, String> form = form(seen.body());
            String grantKey = grantType.equals("refresh_token") ? "refresh_token" : "code";
            boolean client = sentBasic(seen, clientId, clientSecret);
            if (seen.method().equals("POST") && client && grantType.equals(form.get("grant_type"))
                    && grantValue.equals(form.get(grantKey))) {
                return Answer.json(200, tokenAnswer);
            }
            return refusal;
        }
    }

    /** An application/x-www-form-urlencoded body (or query) as a map (the last value of a repeated key wins). */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
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

    /** The query of a request target, as a map. */
    static Map<String, String> query(String target) {
        int mark = target.indexOf('?');
        return form(mark < 0 ? "" : target.substring(mark + 1));
    }

    /** The request headers sent, by name (lower case), with the stand-in's own transport headers left out. */
    static List<String> headerNames(RestStandIn.Seen seen) {
        return seen.headers().keySet().stream().filter(name -> !List.of("host", "connection", "content-length",
                "user-agent", "accept-encoding").contains(name)).sorted().toList();
    }
}
