package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.basicHeader;
import static dev.dialtone.saas.SaasCalls.custom;
import static dev.dialtone.saas.SaasCalls.fails;
import static dev.dialtone.saas.SaasCalls.form;
import static dev.dialtone.saas.SaasCalls.headerNames;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBasic;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static dev.dialtone.saas.SaasCalls.test;
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
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * ASANA, SMARTSHEET, ZOOM and MAILCHIMP (OAuth2 authorization-code types) against stand-ins: Asana's, Smartsheet's
 * and Zoom's fixed API and token hosts through origin overrides, Mailchimp's data-centre host as a loopback
 * INSTANCE_URL.
 *
 * <ul>
 * <li>ASANA — documented: {@code GET /api/1.0/users/me} with a Bearer token answering {@code {"data":{"gid",...}}},
 * the errors shape {@code {"errors":[{"message",...}]}} ("Not Authorized" for a bad token), the token endpoint
 * {@code /-/oauth_token} and its refresh grant. Guessed: that the endpoint takes the client credentials as HTTP
 * Basic (Asana's docs show them as form fields; public client code configures Basic), and the {@code invalid_grant}
 * body.</li>
 * <li>SMARTSHEET — documented: {@code GET /2.0/users/me} with a Bearer token. Guessed: the 401 body
 * {@code {"errorCode":1002,"message":"Your Access Token is invalid.","refId":...}} (from memory). Smartsheet's
 * refresh (a hash instead of the client secret) is not run: the type declares no token URL.</li>
 * <li>ZOOM — documented: {@code GET /v2/users/me}, {@code POST https://zoom.us/oauth/token} with HTTP Basic client
 * authentication and {@code grant_type=refresh_token}, the {@code {"code","message"}} error shape. Guessed: code
 * 124 "Invalid access token." and the refresh error {@code {"reason":"Invalid Token!","error":"invalid_request"}}
 * (from memory).</li>
 * <li>MAILCHIMP — documented: {@code GET /3.0/ping} at {@code https://<dc>.api.mailchimp.com} answering
 * {@code health_status}, the API key as the HTTP Basic password with any user name, an OAuth token as Bearer.
 * Guessed: the problem document's wording for a bad key ("API Key Invalid", from memory). Mailchimp's OAuth tokens
 * do not expire and come without a refresh token, so no exchange is tested.</li>
 * </ul>
 */
class CollaborationAppTypesTest {
    private static final String ASANA_TOKEN = "2/1200000000000001/1208000000000001:asanagood";
    private static final String ASANA_CLIENT = "1208000000000009";
    private static final String ASANA_SECRET = "asana-client-secret-6b1c";
    private static final String ASANA_REFRESH = "2/1200000000000001/1208000000000002:refresh";
    private static final String SMARTSHEET_TOKEN = "ll352u9jujauoqz4gstvsae05";
    private static final String ZOOM_TOKEN = "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.zoom";
    private static final String ZOOM_CLIENT = "zoomClientIdX1";
    private static final String ZOOM_SECRET = "zoom-client-secret-4d4d";
    private static final String ZOOM_REFRESH = "eyJzdiI6IjAwMDAwMSJ9.refresh";
    private static final String MC_KEY = "0123456789abcdef0123456789abcdef-us21";
    private static final String MC_TOKEN = "mc-oauth-token-5e5e";
    private static final RestStandIn ASANA = RestStandIn.started();
    private static final RestStandIn SMARTSHEET = RestStandIn.started();
    private static final RestStandIn ZOOM = RestStandIn.started();
    private static final RestStandIn MAILCHIMP = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://app.asana.com=" + ASANA.url(),
                    "https://api.smartsheet.com=" + SMARTSHEET.url(), "https://api.zoom.us=" + ZOOM.url(),
                    "https://zoom.us=" + ZOOM.url()))));

    @BeforeEach
    void vendors() {
        List.of(ASANA, SMARTSHEET, ZOOM, MAILCHIMP).forEach(RestStandIn::forget);
        ASANA.answer("/api/1.0/users/me", seen -> sentBearer(seen, ASANA_TOKEN)
                ? Answer.json(200, "{\"data\":{\"gid\":\"1200000000000001\",\"email\":\"etl@acme.example\","
                        + "\"name\":\"ETL\",\"resource_type\":\"user\",\"workspaces\":[]}}")
                : Answer.json(401, "{\"errors\":[{\"message\":\"Not Authorized\",\"help\":\"For more information on"
                        + " API status codes and how to handle them, read the docs on errors: "
                        + "https://developers.asana.com/docs/errors\"}]}"));
        ASANA.answer("/-/oauth_token", seen -> sentBasic(seen, ASANA_CLIENT, ASANA_SECRET)
                && ASANA_REFRESH.equals(form(seen.body()).get("refresh_token"))
                ? Answer.json(200, "{\"access_token\":\"" + ASANA_TOKEN + "\",\"expires_in\":3600,\"token_type\":"
                        + "\"bearer\",\"data\":{\"id\":1200000000000001,\"gid\":\"1200000000000001\",\"name\":\"ETL\"}}")
                : Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is "
                        + "invalid or expired.\"}"));
        SMARTSHEET.answer("/2.0/users/me", seen -> sentBearer(seen, SMARTSHEET_TOKEN)
                ? Answer.json(200, "{\"id\":48569348493401200,\"email\":\"etl@acme.example\",\"firstName\":\"E\"}")
                : Answer.json(401, "{\"errorCode\":1002,\"message\":\"Your Access Token is invalid.\",\"refId\":"
                        + "\"123abc\"}"));
        ZOOM.answer("/v2/users/me", seen -> sentBearer(seen, ZOOM_TOKEN)
                ? Answer.json(200, "{\"id\":\"KDcuGIm1QgePTO8WbOqwIQ\",\"email\":\"etl@acme.example\",\"type\":1}")
                : Answer.json(401, "{\"code\":124,\"message\":\"Invalid access token.\"}"));
        ZOOM.answer("/oauth/token", seen -> sentBasic(seen, ZOOM_CLIENT, ZOOM_SECRET)
                && "refresh_token".equals(form(seen.body()).get("grant_type"))
                && ZOOM_REFRESH.equals(form(seen.body()).get("refresh_token"))
                ? Answer.json(200, "{\"access_token\":\"" + ZOOM_TOKEN + "\",\"token_type\":\"bearer\","
                        + "\"refresh_token\":\"eyJ-next-refresh\",\"expires_in\":3599,\"scope\":\"user:read\"}")
                : Answer.json(400, "{\"reason\":\"Invalid Token!\",\"error\":\"invalid_request\"}"));
        MAILCHIMP.answer("/3.0/ping", seen -> sentBasic(seen, "anystring", MC_KEY)
                || sentBearer(seen, MC_TOKEN)
                ? Answer.json(200, "{\"health_status\":\"Everything's Chimpy!\"}")
                : new Answer(401, "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":"
                        + "\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid, or you've "
                        + "attempted to access the wrong datacenter.\",\"instance\":\"0f1e2d3c\"}",
                        Map.of("Content-Type", "application/problem+json")));
    }

    @AfterAll
    static void stop() {
        List.of(ASANA, SMARTSHEET, ZOOM, MAILCHIMP).forEach(RestStandIn::close);
    }

    @Test
    void asanaReadsTheCurrentUserAndRefreshesAtItsTokenEndpoint() {
        test(DIALTONE, "ASANA", Map.of(), accessToken(ASANA_TOKEN));
        RestStandIn.Seen seen = ASANA.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/1.0/users/me");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        fails(DIALTONE, "ASANA", Map.of(), accessToken("2/1/2:revoked"), "AUTHENTICATE", "2/1/2:revoked")
                .hasMessageContaining("Not Authorized");
        ASANA.forget();
        test(DIALTONE, "ASANA", Map.of(), refreshToken(ASANA_CLIENT, ASANA_SECRET, ASANA_REFRESH));
        assertThat(ASANA.seen()).extracting(RestStandIn.Seen::target).containsExactly("/-/oauth_token",
                "/api/1.0/users/me");
        assertThat(form(ASANA.seen().get(0).body())).containsEntry("grant_type", "refresh_token");
        fails(DIALTONE, "ASANA", Map.of(), refreshToken(ASANA_CLIENT, ASANA_SECRET, "2/1/3:expired"), "AUTHENTICATE",
                "2/1/3:expired", ASANA_SECRET).hasMessageContaining("invalid_grant")
                .hasMessageContaining("invalid or expired");
    }

    @Test
    void smartsheetReadsTheCurrentUserWithAGivenTokenAndHasNoRefreshOfItsOwn() {
        test(DIALTONE, "SMARTSHEET", Map.of(), accessToken(SMARTSHEET_TOKEN));
        RestStandIn.Seen seen = SMARTSHEET.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/2.0/users/me");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        fails(DIALTONE, "SMARTSHEET", Map.of(), accessToken("ll352wrongtoken"), "AUTHENTICATE", "ll352wrongtoken")
                .hasMessageContaining("Your Access Token is invalid.");
        SMARTSHEET.forget();
        assertThatThrownBy(() -> test(DIALTONE, "SMARTSHEET", Map.of(), refreshToken("c", "s", "r")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("token URL");
        assertThat(SMARTSHEET.seen()).isEmpty();
    }

    @Test
    void zoomReadsTheTokensUserAndRefreshesWithBasicClientAuthentication() {
        test(DIALTONE, "ZOOM", Map.of(), refreshToken(ZOOM_CLIENT, ZOOM_SECRET, ZOOM_REFRESH));
        RestStandIn.Seen token = ZOOM.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/oauth/token");
        RestStandIn.Seen call = ZOOM.seen().get(1);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.target()).isEqualTo("/v2/users/me");
        assertThat(headerNames(call)).containsExactly("accept", "authorization");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + ZOOM_TOKEN);
        fails(DIALTONE, "ZOOM", Map.of(), accessToken("eyJ-expired"), "AUTHENTICATE", "eyJ-expired")
                .hasMessageContaining("Invalid access token.");
        fails(DIALTONE, "ZOOM", Map.of(), refreshToken(ZOOM_CLIENT, ZOOM_SECRET, "eyJ-used-refresh"), "AUTHENTICATE",
                "eyJ-used-refresh", ZOOM_SECRET).hasMessageContaining("invalid_request");
    }

    @Test
    void mailchimpPingsTheDataCentreWithTheKeyAsBasicPasswordOrTheOAuthToken() {
        Map<String, String> dc = Map.of("INSTANCE_URL", MAILCHIMP.url());
        test(DIALTONE, "MAILCHIMP", dc, custom(Map.of("api_key", MC_KEY)));
        RestStandIn.Seen seen = MAILCHIMP.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/3.0/ping");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        assertThat(seen.header("Authorization")).isEqualTo(basicHeader("anystring", MC_KEY));
        test(DIALTONE, "MAILCHIMP", dc, accessToken(MC_TOKEN));
        assertThat(MAILCHIMP.seen().get(1).header("Authorization")).isEqualTo("Bearer " + MC_TOKEN);
        String wrong = "ffffffffffffffffffffffffffffffff-us21";
        fails(DIALTONE, "MAILCHIMP", dc, custom(Map.of("api_key", wrong)), "AUTHENTICATE", wrong,
                basicHeader("anystring", wrong).substring(6)).hasMessageContaining("wrong datacenter");
    }
}
