package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.sentBearer;
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
 * SNAPCHATADS, ADOBEANALYTICS and LINKEDIN against stand-ins of their fixed API hosts (adsapi.snapchat.com,
 * analytics.adobe.io, api.linkedin.com), moved by origin overrides.
 *
 * <p>LinkedIn, documented: GET /rest/adAccountUsers?q=authenticatedUser with the Linkedin-Version and
 * X-Restli-Protocol-Version headers, the elements/paging answer. Guesses: the 401 body {"status":401,
 * "serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"} and the answer to a
 * retired version (426 NONEXISTENT_VERSION), both from memory.
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
    private static final RestStandIn SNAP = RestStandIn.started();
    private static final RestStandIn ADOBE = RestStandIn.started();
    private static final RestStandIn LINKEDIN = RestStandIn.started();
    private static final String LINKEDIN_TOKEN = "AQV-linkedin-good-8d2";

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://adsapi.snapchat.com=" + SNAP.url(),
                    "https://analytics.adobe.io=" + ADOBE.url(), "https://api.linkedin.com=" + LINKEDIN.url()))));

    @BeforeEach
    void vendors() {
        SNAP.forget();
        ADOBE.forget();
        LINKEDIN.forget();
        LINKEDIN.answer("/rest/adAccountUsers", seen -> {
            if (!sentBearer(seen, LINKEDIN_TOKEN)) {
                return Answer.json(401, "{\"status\":401,\"serviceErrorCode\":65600,\"code\":\"INVALID_ACCESS_TOKEN\","
                        + "\"message\":\"Invalid access token\"}");
            }
            if (!"202601".equals(seen.header("Linkedin-Version"))) {
                return Answer.json(426, "{\"status\":426,\"code\":\"NONEXISTENT_VERSION\",\"message\":\"Requested "
                        + "version " + seen.header("Linkedin-Version") + " is not active\"}");
            }
            return Answer.json(200, "{\"elements\":[{\"account\":\"urn:li:sponsoredAccount:516413367\",\"role\":"
                    + "\"ACCOUNT_BILLING_ADMIN\",\"user\":\"urn:li:person:K1RwyVNukt\"}],\"paging\":{\"count\":1,"
                    + "\"links\":[],\"start\":0,\"total\":1}}");
        });
        SNAP.answer("/v1/me/organizations", seen -> sentBearer(seen, SNAP_TOKEN)
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
            return sentBearer(seen, ADOBE_TOKEN)
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
        LINKEDIN.close();
    }

    @Test
    void snapListsTheUsersOrganizations() {
        SaasCalls.test(DIALTONE, "SNAPCHATADS", Map.of(), accessToken(SNAP_TOKEN));
        RestStandIn.Seen seen = SNAP.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v1/me/organizations");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SNAP_TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SNAPCHATADS", Map.of(),
                accessToken("snap-expired-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Unauthorized access, invalid token").hasMessageNotContaining("snap-expired-1");
        assertThat(CapturedLogs.all()).doesNotContain("snap-expired-1", SNAP_TOKEN);
    }

    @Test
    void adobeDiscoversTheUserWithTheTokenAndTheClientIdAsApiKey() {
        SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", ADOBE_CLIENT_ID),
                accessToken(ADOBE_TOKEN));
        RestStandIn.Seen seen = ADOBE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/discovery/me");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + ADOBE_TOKEN);
        assertThat(seen.header("x-api-key")).isEqualTo(ADOBE_CLIENT_ID);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", ADOBE_CLIENT_ID),
                accessToken("eyJ-ims-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Oauth token is not valid").hasMessageNotContaining("eyJ-ims-expired");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of("CLIENT_ID", "another-client"),
                accessToken(ADOBE_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("Api Key is invalid");
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-ims-expired", ADOBE_TOKEN);
    }

    @Test
    void adobeNeedsTheClientIdBeforeAnySocket() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ADOBEANALYTICS", Map.of(),
                accessToken(ADOBE_TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CLIENT_ID");
        assertThat(ADOBE.seen()).isEmpty();
    }

    @Test
    void linkedinListsTheMembersAdAccountsWithTheVersionHeaders() {
        SaasCalls.test(DIALTONE, "LINKEDIN", Map.of(), accessToken(LINKEDIN_TOKEN));
        RestStandIn.Seen seen = LINKEDIN.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/rest/adAccountUsers?q=authenticatedUser");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + LINKEDIN_TOKEN);
        assertThat(seen.header("Linkedin-Version")).isEqualTo("202601");
        assertThat(seen.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "LINKEDIN", Map.of(),
                accessToken("AQV-expired-61-days")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Invalid access token").hasMessageNotContaining("AQV-expired-61-days");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "LINKEDIN", Map.of("LINKEDIN_VERSION", "202301"),
                accessToken(LINKEDIN_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("Requested version 202301 is not active");
        assertThat(CapturedLogs.all()).doesNotContain("AQV-expired-61-days", LINKEDIN_TOKEN);
    }
}
