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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * PIPEDRIVE (and PIPEDIVE, the typo Glue's enum carries, served by the same declaration), BLACKBAUD and
 * BLACKBAUDRAISEREDGENXT (SKY API), and KUSTOMER, against stand-ins on loopback: Pipedrive at a loopback
 * INSTANCE_URL with its token host oauth.pipedrive.com overridden; SKY API's api.sky.blackbaud.com and
 * oauth2.sky.blackbaud.com, and api.kustomerapp.com, through origin overrides.
 *
 * <p>What follows the vendors' documentation and what is a guess:
 * <ul>
 * <li>Pipedrive: GET /api/v1/users/me with a Bearer, 200 {"success":true,"data":{"id"…}}, 401
 * {"success":false,"error":"unauthorized access",…}, and the refresh at POST https://oauth.pipedrive.com/oauth/token
 * with HTTP Basic client authentication and a form body follow Pipedrive's docs; the token error body (400
 * invalid_grant) is RFC 6749's shape, a guess at Pipedrive's wording.</li>
 * <li>SKY API: the two headers (Authorization: Bearer, Bb-Api-Subscription-Key), the constituent list
 * ({"count","value"}) and the token endpoint with HTTP Basic follow Blackbaud's docs and public SKY API client
 * code; the gateway's 401 bodies ({"statusCode":401,"message":…}) are from memory, the token error is RFC 6749's
 * shape.</li>
 * <li>Kustomer: GET /v1/users/current with a Bearer answering {"data":{"id"…}} follows public client code; the
 * 401 body ({"errors":[{"status":401,"title":"Unauthorized"…}]}) is a guess.</li>
 * </ul>
 */
class CustomerDataTypesTest {
    private static final String PIPEDRIVE_TOKEN = "pd-access-good-1120";
    private static final String PIPEDRIVE_REFRESH = "pd-refresh-good-5571";
    private static final String SKY_TOKEN = "sky-access-good-8841";
    private static final String SKY_REFRESH = "sky-refresh-good-2290";
    private static final String SKY_KEY = "sky-subscription-key-7713";
    private static final String KUSTOMER_KEY = "kustomer-key-good-6620";
    private static final RestStandIn PIPEDRIVE = RestStandIn.started();
    private static final RestStandIn PIPEDRIVE_OAUTH = RestStandIn.started();
    private static final RestStandIn SKY_API = RestStandIn.started();
    private static final RestStandIn SKY_OAUTH = RestStandIn.started();
    private static final RestStandIn KUSTOMER = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://oauth.pipedrive.com=" + PIPEDRIVE_OAUTH.url(),
                    "https://api.sky.blackbaud.com=" + SKY_API.url(),
                    "https://oauth2.sky.blackbaud.com=" + SKY_OAUTH.url(),
                    "https://api.kustomerapp.com=" + KUSTOMER.url()))));

    @BeforeEach
    void vendors() {
        List.of(PIPEDRIVE, PIPEDRIVE_OAUTH, SKY_API, SKY_OAUTH, KUSTOMER).forEach(RestStandIn::forget);
        PIPEDRIVE.answer("/api/v1/users/me", seen -> sentBearer(seen, PIPEDRIVE_TOKEN)
                ? Answer.json(200, "{\"success\":true,\"data\":{\"id\":9912,\"name\":\"ETL\",\"company_domain\":"
                        + "\"acme\"}}")
                : Answer.json(401, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401,"
                        + "\"error_info\":\"Please check developers.pipedrive.com for more information about "
                        + "Pipedrive API.\"}"));
        PIPEDRIVE_OAUTH.answer("/oauth/token", new SaasCalls.TokenEndpoint("pd-client", "pd-client-secret",
                "refresh_token", PIPEDRIVE_REFRESH, "{\"access_token\":\"" + PIPEDRIVE_TOKEN + "\",\"token_type\":"
                        + "\"Bearer\",\"refresh_token\":\"pd-refresh-next\",\"scope\":\"base,deals:read\","
                        + "\"expires_in\":3599,\"api_domain\":\"https://acme.pipedrive.com\"}",
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}")));
        SKY_API.answer("/constituent/v1/constituents", seen -> !SKY_KEY.equals(seen.header("Bb-Api-Subscription-Key"))
                ? Answer.json(401, "{\"statusCode\":401,\"message\":\"Access denied due to invalid subscription key. "
                        + "Make sure to provide a valid key for an active subscription.\"}")
                : sentBearer(seen, SKY_TOKEN)
                        ? Answer.json(200, "{\"count\":1842,\"value\":[{\"id\":\"280\",\"type\":\"Individual\"}]}")
                        : Answer.json(401, "{\"statusCode\":401,\"message\":\"Unauthorized. Access token is missing "
                                + "or invalid.\"}"));
        SKY_OAUTH.answer("/token", new SaasCalls.TokenEndpoint("sky-app-id", "sky-app-secret", "refresh_token",
                SKY_REFRESH, "{\"access_token\":\"" + SKY_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"refresh_token\":\"sky-refresh-next\",\"environment_id\":\"p-abc\"}",
                Answer.json(400, "{\"error\":\"invalid_grant\"}")));
        KUSTOMER.answer("/v1/users/current", seen -> sentBearer(seen, KUSTOMER_KEY)
                ? Answer.json(200, "{\"data\":{\"type\":\"user\",\"id\":\"5f1e2d3c4b5a69788796a5b4\","
                        + "\"attributes\":{\"name\":\"ETL\"}}}")
                : Answer.json(401, "{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\"}]}"));
    }

    @AfterAll
    static void stop() {
        List.of(PIPEDRIVE, PIPEDRIVE_OAUTH, SKY_API, SKY_OAUTH, KUSTOMER).forEach(RestStandIn::close);
    }


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PIPEDRIVE", "PIPEDIVE"})
    void pipedriveUsersMeAtTheCompanyDomain(String type) {
        test(DIALTONE, type, Map.of("INSTANCE_URL", PIPEDRIVE.url()), accessToken(PIPEDRIVE_TOKEN));
        RestStandIn.Seen seen = PIPEDRIVE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v1/users/me");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + PIPEDRIVE_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, type, Map.of("INSTANCE_URL", PIPEDRIVE.url()),
                accessToken("pd-expired-3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("unauthorized access").hasMessageNotContaining("pd-expired-3");
        assertThat(CapturedLogs.all()).doesNotContain("pd-expired-3").doesNotContain(PIPEDRIVE_TOKEN);
    }

    @Test
    void pipedriveRefreshesAtOauthPipedriveCom() {
        test(DIALTONE, "PIPEDRIVE", Map.of("INSTANCE_URL", PIPEDRIVE.url()), refreshToken("pd-client",
                "pd-client-secret", PIPEDRIVE_REFRESH));
        RestStandIn.Seen token = PIPEDRIVE_OAUTH.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/oauth/token");
        assertThat(token.header("Authorization")).isEqualTo(SaasCalls.basicHeader("pd-client", "pd-client-secret"));
        assertThat(SaasCalls.form(token.body())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", PIPEDRIVE_REFRESH).doesNotContainKey("client_secret");
        assertThat(PIPEDRIVE.seen().get(0).header("Authorization")).isEqualTo("Bearer " + PIPEDRIVE_TOKEN);
        assertThatThrownBy(() -> test(DIALTONE, "PIPEDRIVE", Map.of("INSTANCE_URL", PIPEDRIVE.url()),
                refreshToken("pd-client", "pd-client-secret",
                "pd-refresh-revoked"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("Invalid refresh token")
                .hasMessageNotContaining("pd-refresh-revoked").hasMessageNotContaining("pd-client-secret");
        assertThat(CapturedLogs.all()).doesNotContain("pd-refresh-revoked").doesNotContain("pd-client-secret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BLACKBAUD", "BLACKBAUDRAISEREDGENXT"})
    void skyApiNeedsTheTokenAndTheSubscriptionKey(String type) {
        test(DIALTONE, type, Map.of("SUBSCRIPTION_KEY", SKY_KEY), refreshToken("sky-app-id", "sky-app-secret",
                SKY_REFRESH));
        assertThat(SKY_OAUTH.seen()).singleElement().satisfies(token -> assertThat(token.header("Authorization"))
                .isEqualTo(SaasCalls.basicHeader("sky-app-id", "sky-app-secret")));
        RestStandIn.Seen seen = SKY_API.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/constituent/v1/constituents?limit=1");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SKY_TOKEN);
        assertThat(seen.header("Bb-Api-Subscription-Key")).isEqualTo(SKY_KEY);
        assertThatThrownBy(() -> test(DIALTONE, type, Map.of("SUBSCRIPTION_KEY", "sky-key-wrong-5"),
                accessToken(SKY_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid subscription key").hasMessageNotContaining("sky-key-wrong-5");
        assertThatThrownBy(() -> test(DIALTONE, type, Map.of("SUBSCRIPTION_KEY", SKY_KEY), accessToken("sky-stale-4")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Access token is missing or invalid").hasMessageNotContaining("sky-stale-4");
        assertThatThrownBy(() -> test(DIALTONE, type, Map.of("SUBSCRIPTION_KEY", SKY_KEY), refreshToken("sky-app-id",
                "sky-app-secret", "sky-refresh-used"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("sky-refresh-used");
        assertThat(CapturedLogs.all()).doesNotContain("sky-key-wrong-5").doesNotContain(SKY_KEY)
                .doesNotContain("sky-refresh-used").doesNotContain("sky-app-secret");
        SKY_API.forget();
        SKY_OAUTH.forget();
        assertThatThrownBy(() -> test(DIALTONE, type, Map.of(), accessToken(SKY_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SUBSCRIPTION_KEY");
        assertThat(SKY_API.seen()).isEmpty();
    }

    @Test
    void kustomerCurrentUserWithTheApiKey() {
        test(DIALTONE, "KUSTOMER", Map.of(), custom(Map.of("apiKey", KUSTOMER_KEY)));
        RestStandIn.Seen seen = KUSTOMER.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v1/users/current");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + KUSTOMER_KEY);
        assertThatThrownBy(() -> test(DIALTONE, "KUSTOMER", Map.of(), custom(Map.of("apiKey", "kustomer-key-expired"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Unauthorized").hasMessageNotContaining("kustomer-key-expired");
        assertThat(CapturedLogs.all()).doesNotContain("kustomer-key-expired").doesNotContain(KUSTOMER_KEY);
    }
}
