package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
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
 * SNAPCHATADS and ADOBEANALYTICS against stand-ins of their fixed API hosts (adsapi.snapchat.com,
 * analytics.adobe.io), moved by origin overrides.
 *
 * <p>Snap, documented: GET /v1/me/organizations with a Bearer token and its answer (request_status, request_id,
 * organizations). Guess: the refusal of a bad token, 401 {"request_status":"ERROR","request_id":…,"debug_message":…,
 * "display_message":…,"error_code":…} (envelope per Snap's pages, the member names and texts from memory).
 *
 * <p>Adobe, documented: GET /discovery/me with x-api-key (the client id) and a Bearer IMS token, and its answer
 * (imsUserId, imsOrgs with companies). Guesses: Adobe's gateway answer for a bad token, 401
 * {"error_code":"401013","message":"Oauth token is not valid"}, and for a missing or wrong x-api-key, 403
 * {"error_code":"403000","message":"Api Key is invalid"} (both from memory).
 */
class AdsAndAnalyticsTypesTest {
    private static final String SNAP_TOKEN = "snap-good-access-0042";
    private static final String ADOBE_TOKEN = "eyJhbGciOiJSUzI1NiIsIng1dSI6ImltcyIsImtpZCI6-good";
    private static final String ADOBE_CLIENT_ID = "5d2e8f1c0b6a4e4b9a7d1c2e3f405162";
    private static final RestStandIn SNAP = SaasCalls.standIn();
    private static final RestStandIn ADOBE = SaasCalls.standIn();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://adsapi.snapchat.com=" + SNAP.url(),
                    "https://analytics.adobe.io=" + ADOBE.url()))));

    @BeforeEach
    void vendors() {
        SNAP.forget();
        ADOBE.forget();
        SNAP.answer("/v1/me/organizations", seen -> ("Bearer " + SNAP_TOKEN).equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"request_status\":\"success\",\"request_id\":\"57affee300ff0d91229fabb97100017"
                        + "37e\",\"organizations\":[{\"sub_request_status\":\"success\",\"organization\":{\"id\":"
                        + "\"40d6719b-da09-410b-9185-0cc9c0dfed1d\",\"name\":\"My Organization\"}}]}")
                : Answer.json(401, "{\"request_status\":\"ERROR\",\"request_id\":\"5a1f00ff00ff0c6c2d4d3e6f\","
                        + "\"debug_message\":\"Unauthorized access, invalid token\",\"display_message\":\"We're "
                        + "sorry, but the request is not authorized\",\"error_code\":\"E3003\"}"));
        ADOBE.answer("/discovery/me", seen -> {
            if (!ADOBE_CLIENT_ID.equals(seen.header("x-api-key"))) {
                return Answer.json(403, "{\"error_code\":\"403000\",\"message\":\"Api Key is invalid\"}");
            }
            return ("Bearer " + ADOBE_TOKEN).equals(seen.header("Authorization"))
                    ? Answer.json(200, "{\"imsUserId\":\"1B2C3D4E5F60718293A4B5C6@AdobeID\",\"imsOrgs\":[{\"imsOrgId\":"
                            + "\"EA76AE7C5B8F2A4F0A495EC2@AdobeOrg\",\"companies\":[{\"globalCompanyId\":\"testco0\","
                            + "\"companyName\":\"Test Company\",\"apiRateLimitPolicy\":\"aa_api_tier10_tp\"}]}]}")
                    : Answer.json(401, "{\"error_code\":\"401013\",\"message\":\"Oauth token is not valid\"}");
        });
    }

    @AfterAll
    static void stop() {
        SNAP.close();
        ADOBE.close();
    }

    @Test
    void snapListsTheUsersOrganizations() {
        SaasCalls.test(DIALTONE, "SNAPCHATADS", Map.of(), accessToken("AUTHORIZATION_CODE", SNAP_TOKEN));
        RestStandIn.Seen seen = SNAP.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v1/me/organizations");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SNAP_TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SNAPCHATADS", Map.of(),
                accessToken("AUTHORIZATION_CODE", "snap-expired-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Unauthorized access, invalid token").hasMessageNotContaining("snap-expired-1");
        assertThat(CapturedLogs.all()).doesNotContain("snap-expired-1", SNAP_TOKEN);
    }

    @Test
    void adobeDiscoversTheUserWithTheTokenAndTheClientIdAsApiKey() {
        SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", ADOBE_CLIENT_ID),
                accessToken("AUTHORIZATION_CODE", ADOBE_TOKEN));
        RestStandIn.Seen seen = ADOBE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/discovery/me");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + ADOBE_TOKEN);
        assertThat(seen.header("x-api-key")).isEqualTo(ADOBE_CLIENT_ID);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", ADOBE_CLIENT_ID),
                accessToken("AUTHORIZATION_CODE", "eyJ-ims-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Oauth token is not valid").hasMessageNotContaining("eyJ-ims-expired");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", "another-client"),
                accessToken("AUTHORIZATION_CODE", ADOBE_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("Api Key is invalid");
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-ims-expired", ADOBE_TOKEN);
    }

    @Test
    void adobeNeedsTheClientIdBeforeAnySocket() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of(),
                accessToken("AUTHORIZATION_CODE", ADOBE_TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CLIENT_ID");
        assertThat(ADOBE.seen()).isEmpty();
    }
}
