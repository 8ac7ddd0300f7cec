package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.authorizationCode;
import static dev.dialtone.saas.SaasCalls.custom;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static dev.dialtone.saas.SaasCalls.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * PENDO, PRODUCTBOARD, SENDGRID and MONDAY against stand-ins on loopback: Pendo at a loopback INSTANCE_URL;
 * api.productboard.com and app.productboard.com, api.sendgrid.com, api.monday.com and auth.monday.com through
 * origin overrides.
 *
 * <p>What follows the vendors' documentation and what is a guess:
 * <ul>
 * <li>Pendo: GET /api/v1/metadata/schema/account with x-pendo-integration-key follows Pendo's authentication page
 * (as keyhacks quotes it); the answer's auto group is Pendo's metadata layout from memory, and the 401 with a
 * plain-text body for a bad key is a guess.</li>
 * <li>Productboard: GET /feature-statuses with Authorization: Bearer and X-Version: 1, answering {"data":[…]},
 * follows public client code; the 401 body and the token endpoint's error are guesses (RFC 6749's shape).</li>
 * <li>SendGrid: GET /v3/scopes with a Bearer, {"scopes":[…]}, and 401
 * {"errors":[{"field":null,"message":"authorization required"}]} follow SendGrid's docs.</li>
 * <li>monday.com: POST /v2 with the JSON GraphQL body, Authorization: &lt;token&gt; without a prefix, and
 * {"data":{"me":{"id"}}} follow monday's docs; the 401 body's exact shape ({"errors":[{"message":"Not
 * Authenticated"}]}) is from memory, and the code exchange at auth.monday.com taking the client by HTTP Basic is
 * RFC 6749's default, not checked against monday's page.</li>
 * </ul>
 */
class WorkAppTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PENDO_KEY = "pendo-key-good-0912.us";
    private static final String PRODUCTBOARD_TOKEN = "pb-jwt-good-3341";
    private static final String PRODUCTBOARD_REFRESH = "pb-refresh-good-7719";
    private static final String SENDGRID_KEY = "SG.good-key.4471";
    private static final String MONDAY_TOKEN = "monday-api-token-good-5521";
    private static final String MONDAY_OAUTH = "monday-oauth-good-6613";
    private static final RestStandIn PENDO = RestStandIn.started();
    private static final RestStandIn PRODUCTBOARD = RestStandIn.started();
    private static final RestStandIn PRODUCTBOARD_OAUTH = RestStandIn.started();
    private static final RestStandIn SENDGRID = RestStandIn.started();
    private static final RestStandIn MONDAY = RestStandIn.started();
    private static final RestStandIn MONDAY_AUTH = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api.productboard.com=" + PRODUCTBOARD.url(),
                    "https://app.productboard.com=" + PRODUCTBOARD_OAUTH.url(),
                    "https://api.sendgrid.com=" + SENDGRID.url(),
                    "https://api.monday.com=" + MONDAY.url(),
                    "https://auth.monday.com=" + MONDAY_AUTH.url()))));

    @BeforeEach
    void vendors() {
        List.of(PENDO, PRODUCTBOARD, PRODUCTBOARD_OAUTH, SENDGRID, MONDAY, MONDAY_AUTH).forEach(RestStandIn::forget);
        PENDO.answer("/api/v1/metadata/schema/account", seen -> PENDO_KEY.equals(
                seen.header("x-pendo-integration-key"))
                ? Answer.json(200, "{\"auto\":{\"id\":{\"Type\":\"string\"},\"lastvisit\":{\"Type\":\"time\"}},"
                        + "\"agent\":{}}")
                : new Answer(401, "Unauthorized", Map.of("Content-Type", "text/plain")));
        PRODUCTBOARD.answer("/feature-statuses", seen -> sentBearer(seen, PRODUCTBOARD_TOKEN)
                && "1".equals(seen.header("X-Version"))
                ? Answer.json(200, "{\"data\":[{\"id\":\"f1a2\",\"name\":\"New idea\",\"completed\":false}],"
                        + "\"links\":{\"next\":null}}")
                : Answer.json(401, "{\"ok\":false,\"errors\":[{\"code\":\"unauthorized\",\"title\":\"Unauthorized\","
                        + "\"detail\":\"The access token is invalid or expired\"}]}"));
        PRODUCTBOARD_OAUTH.answer("/oauth2/token", new SaasCalls.TokenEndpoint("pb-client", "pb-client-secret",
                "refresh_token", PRODUCTBOARD_REFRESH, "{\"access_token\":\"" + PRODUCTBOARD_TOKEN + "\","
                        + "\"token_type\":\"Bearer\",\"expires_in\":86400,\"refresh_token\":\"pb-refresh-next\"}",
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is "
                        + "invalid.\"}")));
        SENDGRID.answer("/v3/scopes", seen -> sentBearer(seen, SENDGRID_KEY)
                ? Answer.json(200, "{\"scopes\":[\"mail.send\",\"alerts.read\"]}")
                : Answer.json(401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}"));
        MONDAY.answer("/v2", seen -> {
            boolean known = MONDAY_TOKEN.equals(seen.header("Authorization"))
                    || sentBearer(seen, MONDAY_OAUTH);
            if (!known) {
                return Answer.json(401, "{\"errors\":[{\"message\":\"Not Authenticated\",\"extensions\":"
                        + "{\"code\":\"UNAUTHENTICATED\"}}]}");
            }
            return seen.body().contains("me")
                    ? Answer.json(200, "{\"data\":{\"me\":{\"id\":\"31415926\"}},\"account_id\":2718}")
                    : Answer.json(200, "{\"errors\":[{\"message\":\"No query string was present\"}]}");
        });
        MONDAY_AUTH.answer("/oauth2/token", new SaasCalls.TokenEndpoint("monday-client", "monday-client-secret",
                "authorization_code", "monday-code-1", "{\"access_token\":\"" + MONDAY_OAUTH + "\",\"token_type\":"
                        + "\"Bearer\",\"scope\":\"me:read boards:read\"}",
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization "
                        + "code\"}")));
    }

    @AfterAll
    static void stop() {
        List.of(PENDO, PRODUCTBOARD, PRODUCTBOARD_OAUTH, SENDGRID, MONDAY, MONDAY_AUTH).forEach(RestStandIn::close);
    }


    @Test
    void pendoAccountSchemaWithTheIntegrationKey() {
        test(DIALTONE, "PENDO", Map.of("INSTANCE_URL", PENDO.url()), custom(Map.of("apiKey", PENDO_KEY)));
        RestStandIn.Seen seen = PENDO.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v1/metadata/schema/account");
        assertThat(seen.header("x-pendo-integration-key")).isEqualTo(PENDO_KEY);
        assertThat(seen.header("Authorization")).isNull();
        assertThatThrownBy(() -> test(DIALTONE, "PENDO", Map.of("INSTANCE_URL", PENDO.url()), custom(Map.of("apiKey",
                "pendo-key-wrong")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageNotContaining("pendo-key-wrong");
        assertThat(CapturedLogs.all()).doesNotContain("pendo-key-wrong").doesNotContain(PENDO_KEY);
    }

    @Test
    void productboardFeatureStatusesWithTheTokenAndXVersion() {
        test(DIALTONE, "PRODUCTBOARD", Map.of(), custom(Map.of("access_token", PRODUCTBOARD_TOKEN)));
        RestStandIn.Seen seen = PRODUCTBOARD.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/feature-statuses");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + PRODUCTBOARD_TOKEN);
        assertThat(seen.header("X-Version")).isEqualTo("1");
        assertThatThrownBy(() -> test(DIALTONE, "PRODUCTBOARD", Map.of(), custom(Map.of("access_token", "pb-jwt-old"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid or expired").hasMessageNotContaining("pb-jwt-old");
        assertThat(CapturedLogs.all()).doesNotContain("pb-jwt-old").doesNotContain(PRODUCTBOARD_TOKEN);
    }

    @Test
    void productboardRefreshesAtAppProductboardCom() {
        test(DIALTONE, "PRODUCTBOARD", Map.of(), refreshToken("pb-client", "pb-client-secret", PRODUCTBOARD_REFRESH));
        assertThat(PRODUCTBOARD_OAUTH.seen()).singleElement().satisfies(token -> assertThat(SaasCalls.form(
                token.body())).containsEntry("grant_type", "refresh_token"));
        assertThat(PRODUCTBOARD.seen().get(0).header("Authorization")).isEqualTo("Bearer " + PRODUCTBOARD_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, "PRODUCTBOARD", Map.of(), refreshToken("pb-client", "pb-client-secret",
                "pb-refresh-gone"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("pb-refresh-gone");
    }

    @Test
    void sendgridScopesWithTheApiKey() {
        test(DIALTONE, "SENDGRID", Map.of(), custom(Map.of("apiKey", SENDGRID_KEY)));
        RestStandIn.Seen seen = SENDGRID.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v3/scopes");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SENDGRID_KEY);
        assertThatThrownBy(() -> test(DIALTONE, "SENDGRID", Map.of(), custom(Map.of("apiKey", "SG.revoked.1"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("authorization required").hasMessageNotContaining("SG.revoked.1");
        assertThat(CapturedLogs.all()).doesNotContain("SG.revoked.1").doesNotContain(SENDGRID_KEY);
    }

    @Test
    void mondayAsksWhoTheTokenIsWithAGraphqlBody() throws Exception {
        test(DIALTONE, "MONDAY", Map.of(), custom(Map.of("apiToken", MONDAY_TOKEN)));
        RestStandIn.Seen seen = MONDAY.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.target()).isEqualTo("/v2");
        assertThat(seen.header("Authorization")).isEqualTo(MONDAY_TOKEN);
        assertThat(seen.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(seen.body())).isEqualTo(JSON.readTree("{\"query\":\"{ me { id } }\"}"));
        assertThatThrownBy(() -> test(DIALTONE, "MONDAY", Map.of(), custom(Map.of("apiToken", "monday-token-revoked"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Not Authenticated").hasMessageNotContaining("monday-token-revoked");
        assertThat(CapturedLogs.all()).doesNotContain("monday-token-revoked").doesNotContain(MONDAY_TOKEN);
    }

    @Test
    void mondayExchangesAnAuthorizationCodeThenCallsWithTheBearer() {
        test(DIALTONE, "MONDAY", Map.of(), authorizationCode("monday-client", "monday-client-secret", "monday-code-1",
                "https://us-east-1.console.aws.amazon.com/gluestudio/oauth"));
        RestStandIn.Seen token = MONDAY_AUTH.seen().get(0);
        assertThat(token.target()).isEqualTo("/oauth2/token");
        assertThat(SaasCalls.form(token.body())).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", "monday-code-1")
                .containsEntry("redirect_uri", "https://us-east-1.console.aws.amazon.com/gluestudio/oauth");
        assertThat(MONDAY.seen().get(0).header("Authorization")).isEqualTo("Bearer " + MONDAY_OAUTH);
        assertThatThrownBy(() -> test(DIALTONE, "MONDAY", Map.of(), authorizationCode("monday-client",
                "monday-client-secret", "monday-code-used",
                "https://us-east-1.console.aws.amazon.com/gluestudio/oauth")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Invalid authorization code").hasMessageNotContaining("monday-client-secret");
        assertThat(CapturedLogs.all()).doesNotContain("monday-client-secret");
    }
}
