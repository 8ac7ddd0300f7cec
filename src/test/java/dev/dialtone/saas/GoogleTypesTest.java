package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.form;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * GOOGLEADS, GOOGLESHEETS, GOOGLEANALYTICS4 and GOOGLESEARCHCONSOLE against one stand-in of Google's token endpoint
 * and the four APIs, reached through origin overrides of Google's fixed hosts.
 *
 * <p>What follows Google's documentation: the token endpoint's path and its refresh_token form with client_id and
 * client_secret in the body (web-server guide); each validation call's method, host, path and query
 * (customers:listAccessibleCustomers with the developer-token and login-customer-id headers, drive/v3/about with
 * the required fields parameter, v1beta/accountSummaries, webmasters/v3/sites) and its success body (resourceNames,
 * user, accountSummaries, siteEntry); Google's error envelope {"error":{"code","message","status"}};
 * invalid_grant for a revoked refresh token; the Ads AuthorizationError DEVELOPER_TOKEN_NOT_APPROVED text.
 * What is a guess: the exact wording of the 401 message and of "Token has been expired or revoked." (widely
 * reported, not on Google's reference pages), invalid_client's description, and the HTTP status (403
 * PERMISSION_DENIED) of the developer-token refusal.
 */
class GoogleTypesTest {
    private static final String TOKEN = "ya29.good-google-3391";
    private static final String DEVELOPER_TOKEN = "devtok-approved-55170";
    private static final String CLIENT_ID = "1234-app.apps.googleusercontent.com";
    private static final String CLIENT_SECRET = "GOCSPX-client-secret-8812";
    private static final String REFRESH = "1//refresh-good-7718";
    private static final String ISSUED = "ya29.issued-by-refresh-4402";
    private static final RestStandIn GOOGLE = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://oauth2.googleapis.com=" + GOOGLE.url(),
                    "https://googleads.googleapis.com=" + GOOGLE.url(), "https://www.googleapis.com=" + GOOGLE.url(),
                    "https://analyticsadmin.googleapis.com=" + GOOGLE.url()))));

    private static final String UNAUTHENTICATED = "{\"error\":{\"code\":401,\"message\":\"Request had invalid "
            + "authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication "
            + "credential.\",\"status\":\"UNAUTHENTICATED\"}}";

    /** An API call that takes the good token or the one the refresh issued, else Google's 401. */
    private static Function<RestStandIn.Seen, Answer> bearer(Function<RestStandIn.Seen, Answer> then) {
        return seen -> sentBearer(seen, TOKEN)
                || sentBearer(seen, ISSUED) ? then.apply(seen)
                : Answer.json(401, UNAUTHENTICATED);
    }

    @BeforeEach
    void google() {
        GOOGLE.forget();
        GOOGLE.answer("/token", seen -> {
            Map<String, String> form = form(seen.body());
            if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"The OAuth client was "
                        + "not found.\"}");
            }
            if (!"refresh_token".equals(form.get("grant_type")) || !REFRESH.equals(form.get("refresh_token"))) {
                return Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been "
                        + "expired or revoked.\"}");
            }
            return Answer.json(200, "{\"access_token\":\"" + ISSUED + "\",\"expires_in\":3599,\"scope\":"
                    + "\"https://www.googleapis.com/auth/adwords\",\"token_type\":\"Bearer\"}");
        });
        GOOGLE.answer("/v26/customers:listAccessibleCustomers", bearer(seen -> DEVELOPER_TOKEN.equals(
                seen.header("developer-token")) ? Answer.json(200, "{\"resourceNames\":[\"customers/1234567890\"]}")
                : Answer.json(403, "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\","
                        + "\"status\":\"PERMISSION_DENIED\",\"details\":[{\"@type\":\"type.googleapis.com/google.ads."
                        + "googleads.v26.errors.GoogleAdsFailure\",\"errors\":[{\"errorCode\":{\"authorizationError\":"
                        + "\"DEVELOPER_TOKEN_NOT_APPROVED\"},\"message\":\"The developer token is only approved for "
                        + "use with test accounts.\"}]}]}}")));
        GOOGLE.answer("/drive/v3/about", bearer(seen -> Answer.json(200, "{\"user\":{\"kind\":\"drive#user\","
                + "\"displayName\":\"ETL\",\"me\":true,\"permissionId\":\"0123\",\"emailAddress\":\"etl@example.com\"}}")));
        GOOGLE.answer("/v1beta/accountSummaries", bearer(seen -> Answer.json(200, "{\"accountSummaries\":[{\"name\":"
                + "\"accountSummaries/100\",\"account\":\"accounts/100\",\"displayName\":\"Acme\"}],"
                + "\"nextPageToken\":\"abc\"}")));
        // A user with no Search Console property: proto3 JSON leaves the empty list out.
        GOOGLE.answer("/webmasters/v3/sites", bearer(seen -> Answer.json(200, "{\"siteEntry\":[{\"siteUrl\":"
                + "\"https://www.example.com/\",\"permissionLevel\":\"siteOwner\"}]}")));
    }

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }


    @Test
    void googleAdsListsTheAccessibleCustomersWithTheDeveloperTokenInItsHeader() {
        test(DIALTONE, "GOOGLEADS", Map.of("DEVELOPER_TOKEN", DEVELOPER_TOKEN, "MANAGER_ID", "9876543210"),
                accessToken(TOKEN));
        RestStandIn.Seen seen = GOOGLE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v26/customers:listAccessibleCustomers");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.header("developer-token")).isEqualTo(DEVELOPER_TOKEN);
        assertThat(seen.header("login-customer-id")).isEqualTo("9876543210");
        assertThatThrownBy(() -> test(DIALTONE, "GOOGLEADS", Map.of("DEVELOPER_TOKEN", "devtok-test-only-1"),
                accessToken(TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE").hasMessageContaining("The caller does not have permission")
                .hasMessageContaining("HTTP 403").hasMessageNotContaining("devtok-test-only-1");
        // The developer token is required: refused before any socket.
        GOOGLE.forget();
        assertThatThrownBy(() -> test(DIALTONE, "GOOGLEADS", Map.of(), accessToken(TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DEVELOPER_TOKEN");
        assertThat(GOOGLE.seen()).isEmpty();
    }

    @Test
    void aRefreshTokenIsExchangedAtGooglesTokenEndpointWithTheClientInTheForm() {
        test(DIALTONE, "GOOGLESHEETS", Map.of(), refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH));
        RestStandIn.Seen token = GOOGLE.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/token");
        assertThat(token.header("Authorization")).isNull();
        assertThat(form(token.body())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH).containsEntry("client_id", CLIENT_ID)
                .containsEntry("client_secret", CLIENT_SECRET);
        RestStandIn.Seen about = GOOGLE.seen().get(1);
        assertThat(about.target()).isEqualTo("/drive/v3/about?fields=user");
        assertThat(about.header("Authorization")).isEqualTo("Bearer " + ISSUED);
    }

    @Test
    void aRevokedRefreshTokenFailsAtAuthenticateWithGooglesInvalidGrant() {
        assertThatThrownBy(() -> test(DIALTONE, "GOOGLEANALYTICS4", Map.of(), refreshToken(CLIENT_ID, CLIENT_SECRET,
                "1//revoked-0042"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_grant")
                .hasMessageContaining("Token has been expired or revoked").hasMessageNotContaining("1//revoked-0042")
                .hasMessageNotContaining(CLIENT_SECRET);
        assertThatThrownBy(() -> test(DIALTONE, "GOOGLEANALYTICS4", Map.of(), refreshToken(CLIENT_ID, "GOCSPX-wrong-1",
                REFRESH))).isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid_client")
                .hasMessageNotContaining("GOCSPX-wrong-1");
        // Only the token endpoint was called: no API call without a token.
        assertThat(GOOGLE.seen()).extracting(RestStandIn.Seen::target).containsOnly("/token");
        assertThat(CapturedLogs.all()).doesNotContain("1//revoked-0042", "GOCSPX-wrong-1", CLIENT_SECRET, REFRESH,
                ISSUED);
    }

    @Test
    void analyticsAndSearchConsoleReadOneAccountAndTheSitesAndABadTokenFailsAtAuthenticate() {
        test(DIALTONE, "GOOGLEANALYTICS4", Map.of("INSTANCE_URL", "https://analytics.google.com"), accessToken(TOKEN));
        assertThat(GOOGLE.seen().get(0).target()).isEqualTo("/v1beta/accountSummaries?pageSize=1");
        test(DIALTONE, "GOOGLESEARCHCONSOLE", Map.of(), accessToken(TOKEN));
        assertThat(GOOGLE.seen().get(1).target()).isEqualTo("/webmasters/v3/sites");
        assertThat(GOOGLE.seen()).allSatisfy(seen -> assertThat(seen.target()).doesNotContain(TOKEN));
        for (String type : List.of("GOOGLEANALYTICS4", "GOOGLESEARCHCONSOLE", "GOOGLESHEETS")) {
            assertThatThrownBy(() -> test(DIALTONE, type, Map.of(), accessToken("ya29.expired-771")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                    .hasMessageContaining("Request had invalid authentication credentials")
                    .hasMessageNotContaining("ya29.expired-771");
        }
        assertThat(CapturedLogs.all()).doesNotContain("ya29.expired-771", TOKEN);
    }

    @Test
    void aUserWithNoSearchConsoleSiteFailsAtAuthorize() {
        GOOGLE.answer("/webmasters/v3/sites", bearer(seen -> Answer.json(200, "{}")));
        assertThatThrownBy(() -> test(DIALTONE, "GOOGLESEARCHCONSOLE", Map.of(), accessToken(TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("without a value at $.siteEntry");
    }
}
