package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.ConnectionTypeBrief;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * SLACK, ZENDESK and STRIPE, shipped as declarations, against stand-ins of the vendors' APIs on loopback: Slack
 * and Stripe reached through origin overrides of their fixed API hosts, Zendesk through a loopback INSTANCE_URL.
 * What each stand-in does: Slack's documented auth.test answers (200 ok:true with user_id; 200 ok:false
 * error:invalid_auth for a bad token); Zendesk's users/me (200 with the user; 401 {"error":"Couldn't authenticate
 * you"} for a bad token; 200 with an anonymous user, id null, without credentials — as its docs say the endpoint
 * allows anonymous callers); Stripe's /v1/account (200 with id; 401 with its invalid_request_error body, whose
 * exact message text is from memory, not its docs).
 */
class BuiltInSaasTypesTest {
    private static final String SLACK_TOKEN = "xoxb-good-5512";
    private static final String ZENDESK_TOKEN = "zd-good-9321";
    private static final String STRIPE_KEY = "sk_test_good_7730";
    private static final RestStandIn SLACK = RestStandIn.started();
    private static final RestStandIn STRIPE = RestStandIn.started();
    private static final RestStandIn ZENDESK = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://slack.com=" + SLACK.url(), "https://api.stripe.com=" + STRIPE.url()))));


    @BeforeEach
    void vendors() {
        SLACK.forget();
        STRIPE.forget();
        ZENDESK.forget();
        SLACK.answer("/api/auth.test", seen -> ("Bearer " + SLACK_TOKEN).equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":"
                        + "\"etl\",\"team_id\":\"T1\",\"user_id\":\"U1\"}")
                : Answer.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}"));
        STRIPE.answer("/v1/account", seen -> ("Bearer " + STRIPE_KEY).equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"id\":\"acct_1Nv0FGQ9RKHgCVdK\",\"object\":\"account\"}")
                : Answer.json(401, "{\"error\":{\"message\":\"Invalid API Key provided: sk_test_****\","
                        + "\"type\":\"invalid_request_error\"}}"));
        // A token Zendesk ignores (another subdomain's, say) gets the anonymous user, as no token does.
        ZENDESK.answer("/api/v2/users/me.json", seen -> seen.header("Authorization") == null
                || seen.header("Authorization").equals("Bearer zd-ignored")
                ? Answer.json(200, "{\"user\":{\"id\":null,\"name\":\"Anonymous user\"}}")
                : ("Bearer " + ZENDESK_TOKEN).equals(seen.header("Authorization"))
                        ? Answer.json(200, "{\"user\":{\"id\":35436,\"name\":\"ETL\"}}")
                        : Answer.json(401, "{\"error\":\"Couldn't authenticate you\"}"));
    }

    @AfterAll
    static void stop() {
        SLACK.close();
        STRIPE.close();
        ZENDESK.close();
    }

    private static AuthenticationConfigurationInput accessToken(String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2Credentials(c -> c.accessToken(token))).build();
    }

    private static AuthenticationConfigurationInput apiKey(String key) {
        return AuthenticationConfigurationInput.builder().authenticationType("CUSTOM")
                .customAuthenticationCredentials(Map.of("apiKey", key)).build();
    }

    private void test(String type, Map<String, String> properties, AuthenticationConfigurationInput auth) {
        DIALTONE.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth)));
    }

    @Test
    void theBuiltInSaasTypesAreListed() {
        assertThat(DIALTONE.glue().listConnectionTypes(r -> r.maxResults(100)).connectionTypes())
                .extracting(ConnectionTypeBrief::connectionTypeAsString).contains("SLACK", "STRIPE", "ZENDESK");
    }

    @Test
    void slackAuthTestWithTheTokenAndItsOkFalseAnswer() {
        test("SLACK", Map.of(), accessToken(SLACK_TOKEN));
        RestStandIn.Seen seen = SLACK.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.target()).isEqualTo("/api/auth.test");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
        assertThatThrownBy(() -> test("SLACK", Map.of(), accessToken("xoxb-revoked-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("invalid_auth").hasMessageContaining("origin override")
                .hasMessageNotContaining("xoxb-revoked-1");
    }

    private static AuthenticationConfigurationInput refreshToken(String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId("slack-app-17"))
                        .oAuth2Credentials(c -> c.refreshToken(token)
                                .userManagedClientApplicationClientSecret("slack-client-secret-17"))).build();
    }

    /**
     * Slack's oauth.v2.access answers a refresh as its docs show: 200 ok:true with a token whose token_type is
     * "bot" (not RFC 6749's "Bearer"), or 200 ok:false with its error code. Both are read: the token is used, the
     * error is quoted.
     */
    @Test
    void slackRefreshAtItsTokenUrlUsesItsBotTokenAndQuotesItsOwnError() {
        SLACK.answer("/api/oauth.v2.access", seen -> seen.body().contains("refresh_token=xoxe-1-good")
                ? Answer.json(200, "{\"ok\":true,\"app_id\":\"A1\",\"access_token\":\"" + SLACK_TOKEN
                        + "\",\"token_type\":\"bot\",\"expires_in\":43200,\"refresh_token\":\"xoxe-1-next\"}")
                : Answer.json(200, "{\"ok\":false,\"error\":\"invalid_refresh_token\"}"));
        test("SLACK", Map.of(), refreshToken("xoxe-1-good"));
        assertThat(SLACK.seen()).extracting(RestStandIn.Seen::target)
                .containsExactly("/api/oauth.v2.access", "/api/auth.test");
        assertThat(SLACK.seen().get(0).body()).contains("grant_type=refresh_token");
        assertThat(SLACK.seen().get(1).header("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
        assertThatThrownBy(() -> test("SLACK", Map.of(), refreshToken("xoxe-1-revoked")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid_refresh_token").hasMessageNotContaining("not an OAuth2 token response")
                .hasMessageNotContaining("xoxe-1-revoked").hasMessageNotContaining("slack-client-secret-17");
    }

    @Test
    void stripeAccountWithTheKeyAndItsUnauthorizedAnswer() {
        test("STRIPE", Map.of(), apiKey(STRIPE_KEY));
        assertThat(STRIPE.seen().get(0).target()).isEqualTo("/v1/account");
        assertThatThrownBy(() -> test("STRIPE", Map.of(), apiKey("sk_test_wrong_99")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Invalid API Key provided").hasMessageNotContaining("sk_test_wrong_99");
        assertThatThrownBy(() -> test("STRIPE", Map.of("API_URL", "https://evil.example"), apiKey(STRIPE_KEY)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("READ_ONLY");
    }

    @Test
    void zendeskUsersMeNeedsARealUserNotTheAnonymousOne() {
        test("ZENDESK", Map.of("INSTANCE_URL", ZENDESK.url()), accessToken(ZENDESK_TOKEN));
        assertThat(ZENDESK.seen().get(0).target()).isEqualTo("/api/v2/users/me.json");
        assertThatThrownBy(() -> test("ZENDESK", Map.of("INSTANCE_URL", ZENDESK.url()), accessToken("zd-bad")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Couldn't authenticate you");
        assertThatThrownBy(() -> test("ZENDESK", Map.of("INSTANCE_URL", ZENDESK.url()), accessToken("zd-ignored")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("without a value at $.user.id");
        // No credentials reach the API (AuthenticationType CUSTOM is not Zendesk's): refused before any socket.
        ZENDESK.forget();
        assertThatThrownBy(() -> test("ZENDESK", Map.of("INSTANCE_URL", ZENDESK.url()), apiKey("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("OAUTH2");
        assertThat(ZENDESK.seen()).isEmpty();
        assertThatThrownBy(() -> test("ZENDESK", Map.of(), accessToken(ZENDESK_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("INSTANCE_URL");
    }
}
