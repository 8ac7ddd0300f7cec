package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.form;
import static dev.dialtone.saas.SaasCalls.refreshToken;
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
 * MICROSOFTTEAMS (Microsoft Graph, its fixed host moved by an origin override), MICROSOFTDYNAMICS365CRM
 * (Dataverse at a loopback INSTANCE_URL) and MICROSOFTDYNAMIC365FINANCEANDOPS (a Finance and operations environment
 * at a loopback INSTANCE_URL), with the Microsoft identity platform's token endpoint
 * (login.microsoftonline.com, moved by an origin override) for the refresh-token exchange.
 *
 * <p>What follows Microsoft's documentation: Graph's GET /v1.0/organization answering {"value":[{"id",…}]} and its
 * {"error":{"code":"InvalidAuthenticationToken","message":…}} 401 for a bad token (the error shape is Graph's
 * documented one; the exact message text is from memory); Dataverse's WhoAmI answer (BusinessUnitId, UserId,
 * OrganizationId, as the WhoAmIResponse reference lists them); the v2.0 token endpoint's path
 * /{tenant}/oauth2/v2.0/token, its refresh_token grant with a scope, its token answer (token_type, scope,
 * expires_in, access_token, refresh_token) and its 400 invalid_grant error with an AADSTS description. Guesses:
 * Dataverse's 401 for a bad token is answered with an empty body (as seen in practice, not in the pages followed);
 * Finance and operations' GetUserSessionInfo answered as a POST without body (Microsoft's sample), its answer's
 * members (UserId, Company, …) and its empty-bodied 401 are from memory;
 * the stand-in accepts the client secret as HTTP Basic (the engine's way; Microsoft's pages show it in the body,
 * its discovery document lists client_secret_basic as well — from memory); the AADSTS text is from memory.
 */
class MicrosoftTypesTest {
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJub25jZSI6Im-good";
    private static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    private static final String CLIENT_SECRET = "sampleCredentia1s-secret";
    private static final String REFRESH = "0.AX0A-refresh-9911";
    private static final String ISSUED = "eyJ0eXAiOiJKV1QiLCJub25jZSI6Im-issued";
    private static final RestStandIn GRAPH = RestStandIn.started();
    private static final RestStandIn DATAVERSE = RestStandIn.started();
    private static final RestStandIn LOGIN = RestStandIn.started();
    private static final RestStandIn OPERATIONS = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://graph.microsoft.com=" + GRAPH.url(),
                    "https://login.microsoftonline.com=" + LOGIN.url()))));

    @BeforeEach
    void vendors() {
        GRAPH.forget();
        DATAVERSE.forget();
        LOGIN.forget();
        OPERATIONS.forget();
        OPERATIONS.answer("/api/services/UserSessionService/AifUserSessionService/GetUserSessionInfo",
                seen -> sentBearer(seen, TOKEN, ISSUED)
                ? Answer.json(200, "{\"$id\":\"1\",\"AOSLocaleName\":\"en-US\",\"AXLanguage\":\"EN-US\",\"Company\":"
                        + "\"USMF\",\"CompanyTimeZone\":58,\"IsSysAdmin\":false,\"UserId\":\"etl-svc\","
                        + "\"UserPreferredCalendar\":0,\"UserPreferredTimeZone\":18}")
                : new Answer(401, "", Map.of("WWW-Authenticate", "Bearer")));
        GRAPH.answer("/v1.0/organization", seen -> sentBearer(seen, TOKEN, ISSUED)
                ? Answer.json(200, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#organization\","
                        + "\"value\":[{\"id\":\"84841066-274d-4ec0-a5c1-276be684bdd3\",\"displayName\":\"Contoso\"}]}")
                : Answer.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token "
                        + "validation failure. Invalid audience.\",\"innerError\":{\"request-id\":\"9f1c\"}}}"));
        DATAVERSE.answer("/api/data/v9.2/WhoAmI", seen -> sentBearer(seen, TOKEN, ISSUED)
                ? Answer.json(200, "{\"@odata.context\":\"" + DATAVERSE.url() + "/api/data/v9.2/$metadata#Microsoft."
                        + "Dynamics.CRM.WhoAmIResponse\",\"BusinessUnitId\":\"6f202e6c-e471-ec11-8943-000d3a1d8a21\","
                        + "\"UserId\":\"88057198-a9b1-ec11-9840-00224829f6a9\",\"OrganizationId\":"
                        + "\"e34c95a5-f34c-430c-a05e-a23437e5b9fa\"}")
                : new Answer(401, "", Map.of("WWW-Authenticate", "Bearer error=invalid_token, "
                        + "error_description=Error during token validation!")));
        LOGIN.answer("/organizations/oauth2/v2.0/token", seen -> {
            Map<String, String> form = form(seen.body());
            if (!SaasCalls.clientBasicHeader(CLIENT_ID, CLIENT_SECRET).equals(seen.header("Authorization"))) {
                return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
                        + "Invalid client secret provided.\",\"error_codes\":[7000215]}");
            }
            if (!"refresh_token".equals(form.get("grant_type")) || !REFRESH.equals(form.get("refresh_token"))) {
                return Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: The "
                        + "provided value for the 'refresh_token' is not valid.\",\"error_codes\":[70000]}");
            }
            return Answer.json(200, "{\"token_type\":\"Bearer\",\"scope\":\"" + form.get("scope") + "\","
                    + "\"expires_in\":3599,\"access_token\":\"" + ISSUED + "\",\"refresh_token\":\"0.AX0A-next\"}");
        });
    }

    @AfterAll
    static void stop() {
        GRAPH.close();
        DATAVERSE.close();
        LOGIN.close();
        OPERATIONS.close();
    }

    @Test
    void teamsReadsTheOrganizationThroughGraph() {
        SaasCalls.test(DIALTONE, "MICROSOFTTEAMS", Map.of(), accessToken(TOKEN));
        assertThat(GRAPH.seen()).hasSize(1);
        RestStandIn.Seen seen = GRAPH.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v1.0/organization");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MICROSOFTTEAMS", Map.of(),
                accessToken("eyJ-other-audience")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Access token validation failure").hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("eyJ-other-audience");
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-other-audience", TOKEN);
    }

    @Test
    void teamsRefreshesAtTheTenantsTokenEndpointThenCallsGraphWithTheNewToken() {
        SaasCalls.test(DIALTONE, "MICROSOFTTEAMS", Map.of(), refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH));
        RestStandIn.Seen token = LOGIN.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/organizations/oauth2/v2.0/token");
        assertThat(form(token.body()).get("scope")).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(GRAPH.seen().get(0).header("Authorization")).isEqualTo("Bearer " + ISSUED);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MICROSOFTTEAMS", Map.of(),
                refreshToken(CLIENT_ID, CLIENT_SECRET, "0.AX0A-revoked")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid_grant").hasMessageContaining("AADSTS70000")
                .hasMessageNotContaining("0.AX0A-revoked").hasMessageNotContaining(CLIENT_SECRET);
        assertThat(CapturedLogs.all()).doesNotContain("0.AX0A-revoked", CLIENT_SECRET, REFRESH, ISSUED);
    }

    @Test
    void dynamicsCallsWhoAmIAtTheInstance() {
        SaasCalls.test(DIALTONE, "MICROSOFTDYNAMICS365CRM", Map.of("INSTANCE_URL", DATAVERSE.url()),
                accessToken(TOKEN));
        RestStandIn.Seen seen = DATAVERSE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/data/v9.2/WhoAmI");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MICROSOFTDYNAMICS365CRM", Map.of("INSTANCE_URL",
                DATAVERSE.url()), accessToken("eyJ-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("HTTP 401").hasMessageNotContaining("eyJ-expired");
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-expired");
    }

    @Test
    void dynamicsRefreshesWithTheScopeTheConnectionGives() {
        String scope = "https://contoso.crm.dynamics.com/.default";
        SaasCalls.test(DIALTONE, "MICROSOFTDYNAMICS365CRM", Map.of("INSTANCE_URL", DATAVERSE.url()),
                refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH, Map.of("scope", scope)));
        assertThat(form(LOGIN.seen().get(0).body()).get("scope")).isEqualTo(scope);
        assertThat(DATAVERSE.seen().get(0).header("Authorization")).isEqualTo("Bearer " + ISSUED);
        // Without INSTANCE_URL there is nothing to call: refused before any socket.
        LOGIN.forget();
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MICROSOFTDYNAMICS365CRM", Map.of(),
                accessToken(TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INSTANCE_URL");
        assertThat(LOGIN.seen()).isEmpty();
    }

    @Test
    void financeAndOperationsAsksTheUserSessionServiceWhoTheTokenIs() {
        Map<String, String> environment = Map.of("INSTANCE_URL", OPERATIONS.url());
        SaasCalls.test(DIALTONE, "MICROSOFTDYNAMIC365FINANCEANDOPS", environment,
                accessToken(TOKEN));
        RestStandIn.Seen seen = OPERATIONS.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.target()).isEqualTo("/api/services/UserSessionService/AifUserSessionService/GetUserSessionInfo");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.body()).isEmpty();

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MICROSOFTDYNAMIC365FINANCEANDOPS", environment,
                accessToken("eyJ-fno-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("HTTP 401").hasMessageNotContaining("eyJ-fno-expired");
        // The environment's scope comes from the connection, as for Dataverse.
        SaasCalls.test(DIALTONE, "MICROSOFTDYNAMIC365FINANCEANDOPS", environment, refreshToken(CLIENT_ID,
                CLIENT_SECRET, REFRESH, Map.of("scope", OPERATIONS.url() + "/.default")));
        assertThat(form(LOGIN.seen().get(0).body()).get("scope")).isEqualTo(OPERATIONS.url() + "/.default");
        assertThat(CapturedLogs.all()).doesNotContain("eyJ-fno-expired", ISSUED, CLIENT_SECRET);
    }
}
