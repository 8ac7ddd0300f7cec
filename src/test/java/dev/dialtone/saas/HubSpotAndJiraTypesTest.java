package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.form;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

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
 * HUBSPOT and JIRACLOUD against stand-ins of api.hubapi.com and api.atlassian.com, reached through origin overrides.
 *
 * <p>HubSpot, documented: GET /account-info/v3/details with Bearer and its portalId answer; POST /oauth/v1/token
 * form-encoded with client_id, client_secret and refresh_token in the body, its access_token/refresh_token/
 * expires_in answer. Guessed: the 401 body (status/message/correlationId/category INVALID_AUTHENTICATION — the
 * message text "Authentication credentials not found" is what users report) and the bad-refresh answer (400
 * {"status":"BAD_REFRESH_TOKEN","message":...}, from memory).
 * <p>Jira Cloud, documented: GET /oauth/token/accessible-resources with Bearer and its array of sites (id, name, url,
 * scopes, avatarUrl). Guessed: the 401 body {"code":401,"message":"Unauthorized"}.
 */
class HubSpotAndJiraTypesTest {
    private static final String HUBSPOT_TOKEN = "CKDZpunPLhICAQEYs-good-1";
    private static final String CLIENT_ID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    private static final String CLIENT_SECRET = "12345678-hub-secret-9876";
    private static final String REFRESH = "6f18f26a-refresh-good";
    private static final String JIRA_TOKEN = "eyJraWQiOi-atlassian-good";
    private static final RestStandIn HUBSPOT = RestStandIn.started();
    private static final RestStandIn ATLASSIAN = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api.hubapi.com=" + HUBSPOT.url(),
                    "https://api.atlassian.com=" + ATLASSIAN.url(), "https://auth.atlassian.com=" + ATLASSIAN.url()))));

    @BeforeEach
    void vendors() {
        HUBSPOT.forget();
        ATLASSIAN.forget();
        HUBSPOT.answer("/oauth/v1/token", seen -> {
            Map<String, String> form = form(seen.body());
            return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"))
                    && REFRESH.equals(form.get("refresh_token")) && "refresh_token".equals(form.get("grant_type"))
                    ? Answer.json(200, "{\"token_type\":\"bearer\",\"refresh_token\":\"" + REFRESH + "\","
                            + "\"access_token\":\"" + HUBSPOT_TOKEN + "\",\"expires_in\":1800}")
                    : Answer.json(400, "{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or unknown refresh "
                            + "token\",\"correlationId\":\"0f1e2d3c\"}");
        });
        HUBSPOT.answer("/account-info/v3/details", seen -> sentBearer(seen, HUBSPOT_TOKEN)
                ? Answer.json(200, "{\"portalId\":123456,\"accountType\":\"STANDARD\","
                        + "\"timeZone\":\"US/Eastern\",\"companyCurrency\":\"USD\"}")
                : Answer.json(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                        + "\"correlationId\":\"4a5b6c\",\"category\":\"INVALID_AUTHENTICATION\"}"));
        ATLASSIAN.answer("/oauth/token/accessible-resources", seen -> sentBearer(seen, JIRA_TOKEN)
                ? Answer.json(200, "[{\"id\":\"1324a887-45db-1bf4-1e99-ef0ff456d421\","
                        + "\"name\":\"Site name\",\"url\":\"https://your-domain.atlassian.net\",\"scopes\":["
                        + "\"read:jira-work\"],\"avatarUrl\":\"https://example.invalid/a.png\"}]")
                : Answer.json(401, "{\"code\":401,\"message\":\"Unauthorized\"}"));
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
        ATLASSIAN.close();
    }

    @Test
    void hubSpotRefreshesWithTheClientInTheFormThenReadsTheAccount() {
        SaasCalls.test(DIALTONE, "HUBSPOT", Map.of(), refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH));
        RestStandIn.Seen token = HUBSPOT.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/oauth/v1/token");
        assertThat(token.header("Authorization")).isNull();
        assertThat(form(token.body())).containsEntry("grant_type", "refresh_token").containsEntry("client_id",
                CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET).containsEntry("refresh_token", REFRESH);
        RestStandIn.Seen details = HUBSPOT.seen().get(1);
        assertThat(details.method()).isEqualTo("GET");
        assertThat(details.target()).isEqualTo("/account-info/v3/details");
        assertThat(details.header("Authorization")).isEqualTo("Bearer " + HUBSPOT_TOKEN);
    }

    @Test
    void hubSpotsRefusalsFailAtAuthenticateWithItsMessage() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "HUBSPOT", Map.of(), refreshToken(CLIENT_ID, CLIENT_SECRET,
                "revoked-refresh-33"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("HTTP 400")
                .hasMessageNotContaining("revoked-refresh-33").hasMessageNotContaining(CLIENT_SECRET);
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "HUBSPOT", Map.of(), accessToken("CKD-expired-77")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Authentication credentials not found").hasMessageNotContaining("CKD-expired-77");
        assertThat(CapturedLogs.all()).doesNotContain("revoked-refresh-33", "CKD-expired-77", CLIENT_SECRET);
    }

    @Test
    void jiraListsTheAccessibleSitesAndNeedsOne() {
        SaasCalls.test(DIALTONE, "JIRACLOUD", Map.of(), accessToken(JIRA_TOKEN));
        RestStandIn.Seen seen = ATLASSIAN.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/oauth/token/accessible-resources");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + JIRA_TOKEN);
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "JIRACLOUD", Map.of(), accessToken("eyJ-revoked-5")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Unauthorized").hasMessageNotContaining("eyJ-revoked-5");
        // A token that reaches no site: 200 with an empty list.
        ATLASSIAN.answer("/oauth/token/accessible-resources", Answer.json(200, "[]"));
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "JIRACLOUD", Map.of(), accessToken(JIRA_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("without a value at $.[0].id");
    }

    @Test
    void jirasRefreshIsOneJsonTokenRequestWithTheClientInTheBody() {
        // Atlassian's token request: POST https://auth.atlassian.com/oauth/token, Content-Type application/json,
        // grant_type, client_id, client_secret and refresh_token in the JSON; its answer is RFC 6749's JSON.
        ATLASSIAN.answer("/oauth/token", seen -> {
            JsonNode body = json(seen.body());
            boolean good = seen.header("Content-Type").startsWith("application/json")
                    && body.path("grant_type").asText().equals("refresh_token")
                    && body.path("client_id").asText().equals("atl-client")
                    && body.path("client_secret").asText().equals("atl-secret-2290")
                    && body.path("refresh_token").asText().equals("atl-refresh-1");
            return good ? Answer.json(200, "{\"access_token\":\"" + JIRA_TOKEN + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600,\"scope\":\"read:jira-user offline_access\"}")
                    : Answer.json(403, "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid "
                    + "refresh token.\"}");
        });
        SaasCalls.test(DIALTONE, "JIRACLOUD", Map.of(), refreshToken("atl-client", "atl-secret-2290", "atl-refresh-1"));
        assertThat(ATLASSIAN.seen()).extracting(RestStandIn.Seen::target)
                .containsExactly("/oauth/token", "/oauth/token/accessible-resources");
        assertThat(ATLASSIAN.seen().get(0).header("Authorization")).as("the client is in the JSON, not Basic").isNull();
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "JIRACLOUD", Map.of(), refreshToken("atl-client",
                "atl-secret-2290", "atl-refresh-revoked"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("atl-secret-2290").hasMessageNotContaining("atl-refresh-revoked");
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text.isEmpty() ? "{}" : text);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
