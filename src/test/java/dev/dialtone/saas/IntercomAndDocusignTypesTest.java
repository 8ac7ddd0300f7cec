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
 * INTERCOM (its US and EU API hosts) and DOCUSIGNMONITOR (its production and demo API hosts) against stand-ins
 * reached through origin overrides.
 *
 * <p>Intercom, documented: GET /me with a Bearer token on the regional servers, the admin answer (type admin, id,
 * name, email) and the error.list body {"type":"error.list","request_id",…,"errors":[{"code","message"}]}; the 401
 * code unauthorized with "Access Token Invalid" is from memory (the shape is documented).
 *
 * <p>Docusign, documented: GET /v1/organizations/{organizationId}/stream with cursor and limit, the answer's
 * endCursor and data, 403 for an admin of several organizations. Guesses: the 401 body for a bad token
 * {"error":"invalid_token","message":"The access token provided is expired, revoked or malformed."} and the
 * 403 body's wording.
 */
class IntercomAndDocusignTypesTest {
    private static final String INTERCOM_TOKEN = "dG9rOmQ3ZjE4-good";
    private static final String DOCUSIGN_TOKEN = "eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2-good";
    private static final String ORGANIZATION = "d9c6c0e5-8b4c-4e1e-9a58-5c3c8c0f7e21";
    private static final RestStandIn INTERCOM_US = RestStandIn.started();
    private static final RestStandIn INTERCOM_EU = RestStandIn.started();
    private static final RestStandIn DOCUSIGN = RestStandIn.started();
    private static final RestStandIn DOCUSIGN_DEMO = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api.intercom.io=" + INTERCOM_US.url(),
                    "https://api.eu.intercom.io=" + INTERCOM_EU.url(), "https://api.docusign.com=" + DOCUSIGN.url(),
                    "https://api-d.docusign.com=" + DOCUSIGN_DEMO.url()))));

    @BeforeEach
    void vendors() {
        for (RestStandIn intercom : List.of(INTERCOM_US, INTERCOM_EU)) {
            intercom.forget();
            intercom.answer("/me", seen -> sentBearer(seen, INTERCOM_TOKEN)
                    ? Answer.json(200, "{\"type\":\"admin\",\"id\":\"1295\",\"name\":\"Joe Example\",\"email\":"
                            + "\"jdoe@example.com\",\"app\":{\"type\":\"app\",\"id_code\":\"this_is_an_id116_that_"
                            + "should_be_at_least_\"}}")
                    : Answer.json(401, "{\"type\":\"error.list\",\"request_id\":\"000on04o73qsdm2tfng0\","
                            + "\"errors\":[{\"code\":\"unauthorized\",\"message\":\"Access Token Invalid\"}]}"));
        }
        for (RestStandIn docusign : List.of(DOCUSIGN, DOCUSIGN_DEMO)) {
            docusign.forget();
            docusign.answer("/v1/organizations/" + ORGANIZATION + "/stream", seen -> sentBearer(seen, DOCUSIGN_TOKEN)
                    ? Answer.json(200, "{\"endCursor\":\"aW5kZXg6MTY0MjA5MjQwMDAwMA\",\"data\":[{\"timestamp\":"
                            + "\"2026-12-01T10:22:05Z\",\"eventId\":\"7c1e\",\"object\":\"Envelope\",\"action\":"
                            + "\"Sent\"}]}")
                    : Answer.json(401, "{\"error\":\"invalid_token\",\"message\":\"The access token provided is "
                            + "expired, revoked or malformed.\"}"));
            docusign.answer("/v1/organizations/11111111-2222-3333-4444-555555555555/stream", Answer.json(403,
                    "{\"error\":\"forbidden\",\"message\":\"The user is not an administrator of this organization.\"}"));
        }
    }

    @AfterAll
    static void stop() {
        INTERCOM_US.close();
        INTERCOM_EU.close();
        DOCUSIGN.close();
        DOCUSIGN_DEMO.close();
    }

    @Test
    void intercomIdentifiesTheAdminInTheWorkspacesRegion() {
        SaasCalls.test(DIALTONE, "INTERCOM", Map.of(), accessToken(INTERCOM_TOKEN));
        RestStandIn.Seen seen = INTERCOM_US.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/me");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + INTERCOM_TOKEN);
        SaasCalls.test(DIALTONE, "INTERCOM", Map.of("API_URL", "https://api.eu.intercom.io"),
                accessToken(INTERCOM_TOKEN));
        assertThat(INTERCOM_EU.seen()).hasSize(1);
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "INTERCOM", Map.of("API_URL", "https://evil.example"),
                accessToken(INTERCOM_TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be one of");
    }

    @Test
    void intercomsErrorListReachesTheMessage() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "INTERCOM", Map.of(),
                accessToken("dG9rOm-revoked")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Access Token Invalid").hasMessageNotContaining("dG9rOm-revoked");
        assertThat(CapturedLogs.all()).doesNotContain("dG9rOm-revoked", INTERCOM_TOKEN);
    }

    @Test
    void docusignReadsOneRecordOfTheOrganizationsStream() {
        SaasCalls.test(DIALTONE, "DOCUSIGNMONITOR", Map.of("ORGANIZATION_ID", ORGANIZATION),
                accessToken(DOCUSIGN_TOKEN));
        RestStandIn.Seen seen = DOCUSIGN.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v1/organizations/" + ORGANIZATION + "/stream?limit=1");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + DOCUSIGN_TOKEN);
        SaasCalls.test(DIALTONE, "DOCUSIGNMONITOR", Map.of("ORGANIZATION_ID", ORGANIZATION, "API_URL",
                "https://api-d.docusign.com"), accessToken(DOCUSIGN_TOKEN));
        assertThat(DOCUSIGN_DEMO.seen()).hasSize(1);
    }

    @Test
    void docusignRefusalsGoToTheirStages() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "DOCUSIGNMONITOR", Map.of("ORGANIZATION_ID", ORGANIZATION),
                accessToken("eyJ-docusign-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("expired, revoked or malformed").hasMessageNotContaining("eyJ-docusign-expired");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "DOCUSIGNMONITOR", Map.of("ORGANIZATION_ID",
                "11111111-2222-3333-4444-555555555555"), accessToken(DOCUSIGN_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("HTTP 403");
        DOCUSIGN.forget();
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "DOCUSIGNMONITOR", Map.of(),
                accessToken(DOCUSIGN_TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ORGANIZATION_ID");
        assertThat(DOCUSIGN.seen()).isEmpty();
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-docusign-expired", DOCUSIGN_TOKEN);
    }
}
