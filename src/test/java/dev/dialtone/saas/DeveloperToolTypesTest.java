package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.custom;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static dev.dialtone.saas.SaasCalls.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * GITLAB, CIRCLECI and OKTA, shipped as declarations, against stand-ins of the vendors' APIs on loopback (GitLab
 * and CircleCI through origin overrides of gitlab.com and circleci.com, Okta through a loopback INSTANCE_URL).
 *
 * <p>What follows the vendors' documentation (as Dialtone's declarations cite it) and what is a guess:
 * <ul>
 * <li>GitLab: GET /api/v4/user with PRIVATE-TOKEN (personal access token) or Authorization: Bearer (OAuth2), 200
 * with the user's id, and 401 {"message":"401 Unauthorized"} for a bad token are GitLab's documented behaviour;
 * the refresh at POST /oauth/token follows GitLab's OAuth2 page, except that the stand-in takes the client by
 * HTTP Basic (RFC 6749; GitLab's Doorkeeper accepts it, GitLab's page shows body parameters) and its
 * invalid_grant description is Doorkeeper's wording from memory.</li>
 * <li>CircleCI: GET /api/v2/me with Circle-Token and 200 {"id","login","name"} are documented; the 401 body
 * {"message":"You must log in first."} is from memory.</li>
 * <li>Okta: GET /api/v1/users/me with Authorization: SSWS (API token) or Bearer (OAuth2), and the 401 error object
 * (errorCode E0000011, errorSummary "Invalid token provided") are Okta's documented ones; the org token endpoint
 * /oauth2/v1/token with HTTP Basic client authentication is documented, its invalid_grant description is from
 * memory.</li>
 * </ul>
 */
class DeveloperToolTypesTest {
    private static final String GITLAB_PAT = "glpat-good-4431";
    private static final String GITLAB_OAUTH = "gitlab-oauth-good-7781";
    private static final String GITLAB_REFRESH = "gitlab-refresh-good-2212";
    private static final String CIRCLE_TOKEN = "CCIPAT_good_9912";
    private static final String OKTA_TOKEN = "00okta-good-5521";
    private static final String OKTA_OAUTH = "okta-oauth-good-8890";
    private static final String OKTA_REFRESH = "okta-refresh-good-3318";
    private static final RestStandIn GITLAB = RestStandIn.started();
    private static final RestStandIn CIRCLECI = RestStandIn.started();
    private static final RestStandIn OKTA = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://gitlab.com=" + GITLAB.url(),
                    "https://circleci.com=" + CIRCLECI.url()))));

    @BeforeEach
    void vendors() {
        GITLAB.forget();
        CIRCLECI.forget();
        OKTA.forget();
        String gitlabUser = "{\"id\":1729,\"username\":\"etl\",\"name\":\"ETL\",\"state\":\"active\"}";
        GITLAB.answer("/api/v4/user", seen -> GITLAB_PAT.equals(seen.header("PRIVATE-TOKEN"))
                || sentBearer(seen, GITLAB_OAUTH) ? Answer.json(200, gitlabUser)
                : Answer.json(401, "{\"message\":\"401 Unauthorized\"}"));
        GITLAB.answer("/oauth/token", new SaasCalls.TokenEndpoint("gl-app", "gl-app-secret", "refresh_token",
                GITLAB_REFRESH, "{\"access_token\":\"" + GITLAB_OAUTH + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":7200,\"refresh_token\":\"gitlab-refresh-next\",\"scope\":\"read_user\","
                        + "\"created_at\":1607635748}",
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization "
                        + "grant is invalid, expired, revoked, does not match the redirection URI used in the "
                        + "authorization request, or was issued to another client.\"}")));
        CIRCLECI.answer("/api/v2/me", seen -> CIRCLE_TOKEN.equals(seen.header("Circle-Token"))
                ? Answer.json(200, "{\"id\":\"5e1c0d3a-5a2b-4b2e-9f0e-1d2c3b4a5f6e\",\"login\":\"etl\",\"name\":"
                        + "\"ETL\"}")
                : Answer.json(401, "{\"message\":\"You must log in first.\"}"));
        String oktaUser = "{\"id\":\"00ub0oNGTSWTBKOLGLNR\",\"status\":\"ACTIVE\",\"profile\":{\"login\":"
                + "\"etl@acme.example\"}}";
        OKTA.answer("/api/v1/users/me", seen -> ("SSWS " + OKTA_TOKEN).equals(seen.header("Authorization"))
                || sentBearer(seen, OKTA_OAUTH) ? Answer.json(200, oktaUser)
                : Answer.json(401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\","
                        + "\"errorLink\":\"E0000011\",\"errorId\":\"oaeW1b2c3d4\",\"errorCauses\":[]}"));
        OKTA.answer("/oauth2/v1/token", new SaasCalls.TokenEndpoint("0oa-etl-app", "okta-client-secret",
                "refresh_token", OKTA_REFRESH, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\""
                        + OKTA_OAUTH + "\",\"scope\":\"okta.users.read.self offline_access\"}",
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is "
                        + "invalid or expired.\"}")));
    }

    @AfterAll
    static void stop() {
        GITLAB.close();
        CIRCLECI.close();
        OKTA.close();
    }


    @Test
    void gitlabCurrentUserWithAPersonalAccessTokenInPrivateToken() {
        test(DIALTONE, "GITLAB", Map.of(), custom(Map.of("personalAccessToken", GITLAB_PAT)));
        RestStandIn.Seen seen = GITLAB.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v4/user");
        assertThat(seen.header("PRIVATE-TOKEN")).isEqualTo(GITLAB_PAT);
        assertThat(seen.header("Authorization")).isNull();
        assertThatThrownBy(() -> test(DIALTONE, "GITLAB", Map.of(), custom(Map.of("personalAccessToken",
                "glpat-revoked-1"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("401 Unauthorized").hasMessageContaining("origin override")
                .hasMessageNotContaining("glpat-revoked-1");
        assertThat(CapturedLogs.all()).doesNotContain("glpat-revoked-1").doesNotContain(GITLAB_PAT);
    }

    @Test
    void gitlabRefreshesAtItsTokenEndpointThenCallsWithTheBearer() {
        test(DIALTONE, "GITLAB", Map.of(), refreshToken("gl-app", "gl-app-secret", GITLAB_REFRESH));
        List<RestStandIn.Seen> seen = GITLAB.seen();
        assertThat(seen).extracting(RestStandIn.Seen::target).containsExactly("/oauth/token", "/api/v4/user");
        assertThat(SaasCalls.form(seen.get(0).body())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", GITLAB_REFRESH);
        assertThat(seen.get(1).header("Authorization")).isEqualTo("Bearer " + GITLAB_OAUTH);
        assertThatThrownBy(() -> test(DIALTONE, "GITLAB", Map.of(), refreshToken("gl-app", "gl-app-secret",
                "gitlab-refresh-old"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid_grant").hasMessageContaining("The provided authorization grant")
                .hasMessageNotContaining("gitlab-refresh-old").hasMessageNotContaining("gl-app-secret");
        assertThat(CapturedLogs.all()).doesNotContain("gitlab-refresh-old").doesNotContain("gl-app-secret");
    }

    @Test
    void gitlabOnASelfManagedInstanceUrl() {
        // A self-managed GitLab is INSTANCE_URL; no override is needed for a loopback address.
        RestStandIn own = RestStandIn.started();
        try {
            own.answer("/api/v4/user", seen -> Answer.json(200, "{\"id\":7}"));
            test(DIALTONE, "GITLAB", Map.of("INSTANCE_URL", own.url()), accessToken(GITLAB_OAUTH));
            assertThat(own.seen()).singleElement().satisfies(seen -> assertThat(seen.header("Authorization"))
                    .isEqualTo("Bearer " + GITLAB_OAUTH));
            assertThat(GITLAB.seen()).isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void circleciMeWithTheCircleTokenHeader() {
        test(DIALTONE, "CIRCLECI", Map.of(), custom(Map.of("apiKey", CIRCLE_TOKEN)));
        RestStandIn.Seen seen = CIRCLECI.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v2/me");
        assertThat(seen.header("Circle-Token")).isEqualTo(CIRCLE_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, "CIRCLECI", Map.of(), custom(Map.of("apiKey", "CCIPAT_wrong_1"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("You must log in first.").hasMessageNotContaining("CCIPAT_wrong_1");
        assertThat(CapturedLogs.all()).doesNotContain("CCIPAT_wrong_1").doesNotContain(CIRCLE_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, "CIRCLECI", Map.of("API_URL", "https://elsewhere.example"),
                custom(Map.of("apiKey", CIRCLE_TOKEN)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("READ_ONLY");
    }

    @Test
    void oktaUsersMeWithAnSswsApiToken() {
        test(DIALTONE, "OKTA", Map.of("INSTANCE_URL", OKTA.url()), custom(Map.of("OktaApiToken", OKTA_TOKEN)));
        RestStandIn.Seen seen = OKTA.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v1/users/me");
        assertThat(seen.header("Authorization")).isEqualTo("SSWS " + OKTA_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, "OKTA", Map.of("INSTANCE_URL", OKTA.url()),
                custom(Map.of("OktaApiToken", "00okta-revoked")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("Invalid token provided")
                .hasMessageNotContaining("00okta-revoked");
        assertThat(CapturedLogs.all()).doesNotContain("00okta-revoked").doesNotContain(OKTA_TOKEN);
        OKTA.forget();
        assertThatThrownBy(() -> test(DIALTONE, "OKTA", Map.of(), custom(Map.of("OktaApiToken", OKTA_TOKEN))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("INSTANCE_URL");
        assertThat(OKTA.seen()).isEmpty();
    }

    @Test
    void oktaRefreshesAtTheOrgTokenEndpointTheConnectionNames() {
        String tokenUrl = OKTA.url() + "/oauth2/v1/token";
        test(DIALTONE, "OKTA", Map.of("INSTANCE_URL", OKTA.url()), refreshToken("0oa-etl-app", "okta-client-secret",
                OKTA_REFRESH, tokenUrl));
        List<RestStandIn.Seen> seen = OKTA.seen();
        assertThat(seen).extracting(RestStandIn.Seen::target).containsExactly("/oauth2/v1/token", "/api/v1/users/me");
        assertThat(seen.get(0).header("Authorization")).isEqualTo(SaasCalls.basicHeader("0oa-etl-app",
                "okta-client-secret"));
        assertThat(seen.get(1).header("Authorization")).isEqualTo("Bearer " + OKTA_OAUTH);
        assertThatThrownBy(() -> test(DIALTONE, "OKTA", Map.of("INSTANCE_URL", OKTA.url()), refreshToken("0oa-etl-app",
                "okta-client-secret", "okta-refresh-expired", tokenUrl))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid or expired")
                .hasMessageNotContaining("okta-refresh-expired").hasMessageNotContaining("okta-client-secret");
        assertThat(CapturedLogs.all()).doesNotContain("okta-refresh-expired").doesNotContain("okta-client-secret");
    }
}
