package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.basic;
import static dev.dialtone.saas.SaasCalls.basicHeader;
import static dev.dialtone.saas.SaasCalls.clientCredentials;
import static dev.dialtone.saas.SaasCalls.form;
import static dev.dialtone.saas.SaasCalls.query;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBasic;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * SERVICENOW, MARKETO, SAPODATA and NETSUITEERP, whose hosts are per customer, against stand-ins reached through a
 * loopback INSTANCE_URL (and token URLs declared relative to it).
 *
 * <p>ServiceNow, documented: the Table API path, sysparm_limit/sysparm_fields and the {"result":[...]} answer; the 401
 * body {"error":{"message":"User Not Authenticated","detail":...},"status":"failure"} (a ServiceNow answer quoted by
 * Okta's support); {instance}/oauth_token.do taking the client in the form (as ServiceNow clients send it). Guessed:
 * that Basic works on the Table API for every integration user (it is ServiceNow's default).
 * <p>Marketo, documented: {instance}/identity/oauth/token with grant, client id and secret in the query, its answer
 * (token_type "bearer", expires_in 3599, scope); stats/usage.json and its {"success":true,"result":[...]}; a bad token
 * answered 200 {"success":false,"errors":[{"code":"601","message":"Access token invalid"}]}. Guessed: the identity
 * endpoint's bad-client answer (401 {"error":"invalid_client","error_description":"Bad client credentials"}).
 * <p>SAP OData, documented: the OData V2 JSON service document {"d":{"EntitySets":[...]}} for $format=json and the
 * sap-client/sap-language query parameters. Guessed: the 401's HTML body and WWW-Authenticate realm (from memory).
 * <p>NetSuite, documented: the token endpoint's path, the client in HTTP Basic and the form grant; the 401 body with
 * o:errorDetails/INVALID_LOGIN (Oracle's error-handling page). Guessed: the metadata catalog's answer shape
 * ({"items":[{"name":...,"links":[...]}]}) and the token answer's expires_in as a string.
 */
class InstanceUrlTypesTest {
    private static final String SN_USER = "etl.integration";
    private static final String SN_PASSWORD = "sn-password-5521";
    private static final String SN_TOKEN = "sn-access-token-8810";
    private static final String CLIENT_ID = "client-7f3a";
    private static final String CLIENT_SECRET = "client-secret-40d9";
    private static final String REFRESH = "refresh-good-1187";
    private static final String MARKETO_TOKEN = "cdf01657-110d-4155-99a7-f986b2ff13a0:int";
    private static final String NS_TOKEN = "eyJraWQiOi-netsuite-access";
    private static final RestStandIn SERVICENOW = RestStandIn.started();
    private static final RestStandIn MARKETO = RestStandIn.started();
    private static final RestStandIn SAP = RestStandIn.started();
    private static final RestStandIn NETSUITE = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension();

    @BeforeEach
    void vendors() {
        for (RestStandIn standIn : new RestStandIn[] {SERVICENOW, MARKETO, SAP, NETSUITE}) {
            standIn.forget();
        }
        SERVICENOW.answer("/api/now/table/sys_user", seen -> sentBasic(seen, SN_USER, SN_PASSWORD)
                || sentBearer(seen, SN_TOKEN)
                ? Answer.json(200, "{\"result\":[{\"sys_id\":\"6816f79cc0a8016401c5a33be04be441\"}]}")
                : Answer.json(401, "{\"error\":{\"message\":\"User Not Authenticated\",\"detail\":\"Required to "
                        + "provide Auth information\"},\"status\":\"failure\"}"));
        SERVICENOW.answer("/oauth_token.do", seen -> {
            Map<String, String> form = form(seen.body());
            return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"))
                    && REFRESH.equals(form.get("refresh_token"))
                    ? Answer.json(200, "{\"access_token\":\"" + SN_TOKEN + "\",\"refresh_token\":\"" + REFRESH
                            + "\",\"scope\":\"useraccount\",\"token_type\":\"Bearer\",\"expires_in\":1799}")
                    : Answer.json(401, "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}");
        });
        MARKETO.answer("/identity/oauth/token", seen -> {
            Map<String, String> query = query(seen.target());
            return CLIENT_ID.equals(query.get("client_id")) && CLIENT_SECRET.equals(query.get("client_secret"))
                    && "client_credentials".equals(query.get("grant_type"))
                    ? Answer.json(200, "{\"access_token\":\"" + MARKETO_TOKEN + "\",\"token_type\":\"bearer\","
                            + "\"expires_in\":3599,\"scope\":\"apis@acmeinc.com\"}")
                    : Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad client "
                            + "credentials\"}");
        });
        MARKETO.answer("/rest/v1/stats/usage.json", seen -> sentBearer(seen, MARKETO_TOKEN)
                ? Answer.json(200, "{\"requestId\":\"5f7f#17d7d8f2b6f\",\"success\":"
                        + "true,\"result\":[{\"date\":\"2026-12-01\",\"total\":12,\"users\":[]}]}")
                : Answer.json(200, "{\"requestId\":\"e42b#14272d07d78\",\"success\":false,\"errors\":[{\"code\":"
                        + "\"601\",\"message\":\"Access token invalid\"}]}"));
        SAP.answer("/sap/opu/odata/sap/API_BUSINESS_PARTNER/", seen -> sentBasic(seen, SN_USER, SN_PASSWORD)
                ? Answer.json(200, "{\"d\":{\"EntitySets\":[\"A_BusinessPartner\","
                        + "\"A_BusinessPartnerAddress\"]}}")
                : new Answer(401, "<html><head><title>Logon Error Message</title></head><body>Anmeldung fehlgeschlagen"
                        + "</body></html>", Map.of("Content-Type", "text/html", "WWW-Authenticate",
                        "Basic realm=\"SAP NetWeaver Application Server [ER1/100]\"")));
        NETSUITE.answer("/services/rest/auth/oauth2/v1/token", seen -> sentBasic(seen, CLIENT_ID, CLIENT_SECRET)
                && REFRESH.equals(form(seen.body()).get("refresh_token"))
                ? Answer.json(200, "{\"access_token\":\"" + NS_TOKEN + "\",\"expires_in\":\"3600\",\"token_type\":"
                        + "\"Bearer\"}")
                : Answer.json(400, "{\"error\":\"invalid_grant\"}"));
        NETSUITE.answer("/services/rest/record/v1/metadata-catalog", seen -> sentBearer(seen, NS_TOKEN)
                ? Answer.json(200, "{\"items\":[{\"name\":\"account\",\"links\":[{"
                        + "\"rel\":\"canonical\",\"href\":\"https://1234567.suitetalk.api.netsuite.com/services/rest/"
                        + "record/v1/metadata-catalog/account\"}]}]}")
                : Answer.json(401, "{\"type\":\"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html\",\"title\":"
                        + "\"Unauthorized\",\"status\":401,\"o:errorDetails\":[{\"detail\":\"Invalid login attempt. "
                        + "For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > "
                        + "User Management > View Login Audit Trail.\",\"o:errorCode\":\"INVALID_LOGIN\"}]}"));
    }

    @AfterAll
    static void stop() {
        for (RestStandIn standIn : new RestStandIn[] {SERVICENOW, MARKETO, SAP, NETSUITE}) {
            standIn.close();
        }
    }

    @Test
    void serviceNowReadsOneUserRowWithBasicAndRefusesAWrongPassword() {
        SaasCalls.test(DIALTONE, "SERVICENOW", Map.of("INSTANCE_URL", SERVICENOW.url()), basic(SN_USER, SN_PASSWORD));
        RestStandIn.Seen seen = SERVICENOW.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/now/table/sys_user?sysparm_limit=1&sysparm_fields=sys_id");
        assertThat(seen.header("Authorization")).isEqualTo(basicHeader(SN_USER, SN_PASSWORD));
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SERVICENOW", Map.of("INSTANCE_URL", SERVICENOW.url()),
                basic(SN_USER, "sn-wrong-3"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("User Not Authenticated")
                .hasMessageNotContaining("sn-wrong-3");
    }

    @Test
    void serviceNowRefreshesAtTheInstancesOwnTokenEndpoint() {
        SaasCalls.test(DIALTONE, "SERVICENOW", Map.of("INSTANCE_URL", SERVICENOW.url()),
                refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH));
        RestStandIn.Seen token = SERVICENOW.seen().get(0);
        assertThat(token.target()).isEqualTo("/oauth_token.do");
        assertThat(form(token.body())).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_secret", CLIENT_SECRET);
        assertThat(SERVICENOW.seen().get(1).header("Authorization")).isEqualTo("Bearer " + SN_TOKEN);
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SERVICENOW", Map.of("INSTANCE_URL", SERVICENOW.url()),
                refreshToken(CLIENT_ID, CLIENT_SECRET, "refresh-revoked-4"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageNotContaining("refresh-revoked-4");
    }

    @Test
    void marketoExchangesTheClientInTheIdentityQueryThenReadsUsage() {
        SaasCalls.test(DIALTONE, "MARKETO", Map.of("INSTANCE_URL", MARKETO.url()), clientCredentials(CLIENT_ID,
                CLIENT_SECRET));
        RestStandIn.Seen token = MARKETO.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(query(token.target())).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
        assertThat(token.body()).isEmpty();
        RestStandIn.Seen usage = MARKETO.seen().get(1);
        assertThat(usage.target()).isEqualTo("/rest/v1/stats/usage.json");
        assertThat(usage.header("Authorization")).isEqualTo("Bearer " + MARKETO_TOKEN);
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MARKETO", Map.of("INSTANCE_URL", MARKETO.url()),
                clientCredentials(CLIENT_ID, "mkto-wrong-secret"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_client")
                .hasMessageContaining("Bad client credentials").hasMessageNotContaining("mkto-wrong-secret");
        assertThat(CapturedLogs.all()).doesNotContain("mkto-wrong-secret", CLIENT_SECRET, MARKETO_TOKEN);
    }

    @Test
    void marketosTwoHundredWithSuccessFalseFailsAtAuthorizeWithItsErrors() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "MARKETO", Map.of("INSTANCE_URL", MARKETO.url()),
                accessToken("mkto-expired-token"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE").hasMessageContaining("601")
                .hasMessageContaining("Access token invalid").hasMessageNotContaining("mkto-expired-token");
    }

    @Test
    void sapReadsTheServiceDocumentInJsonWithTheClientAndLanguage() {
        String root = SAP.url() + "/sap/opu/odata/sap/API_BUSINESS_PARTNER";
        SaasCalls.test(DIALTONE, "SAPODATA", Map.of("INSTANCE_URL", root, "CLIENT_NUMBER", "100",
                "LOGON_LANGUAGE", "EN"), basic(SN_USER, SN_PASSWORD));
        RestStandIn.Seen seen = SAP.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/sap/opu/odata/sap/API_BUSINESS_PARTNER/?$format=json&sap-client=100"
                + "&sap-language=EN");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SAPODATA", Map.of("INSTANCE_URL", root),
                basic(SN_USER, "sap-wrong-9"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageNotContaining("sap-wrong-9");
    }

    @Test
    void anXmlAnswerFromSapCannotBeJudgedAndFailsAtAuthorize() {
        // What $metadata (or a service ignoring $format) answers: EDMX, not JSON.
        SAP.answer("/sap/opu/odata/sap/API_BUSINESS_PARTNER/", new Answer(200, "<?xml version=\"1.0\"?><edmx:Edmx "
                + "Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"/>",
                Map.of("Content-Type", "application/xml")));
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SAPODATA", Map.of("INSTANCE_URL", SAP.url()
                + "/sap/opu/odata/sap/API_BUSINESS_PARTNER"), basic(SN_USER, SN_PASSWORD)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("something other than JSON");
    }

    @Test
    void netSuiteRefreshesWithTheClientInBasicThenReadsTheMetadataCatalog() {
        SaasCalls.test(DIALTONE, "NETSUITEERP", Map.of("INSTANCE_URL", NETSUITE.url()),
                refreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH));
        RestStandIn.Seen token = NETSUITE.seen().get(0);
        assertThat(token.target()).isEqualTo("/services/rest/auth/oauth2/v1/token");
        assertThat(token.header("Authorization")).isEqualTo(basicHeader(CLIENT_ID, CLIENT_SECRET));
        assertThat(form(token.body())).containsEntry("grant_type", "refresh_token").doesNotContainKey("client_secret");
        RestStandIn.Seen catalog = NETSUITE.seen().get(1);
        assertThat(catalog.target()).isEqualTo("/services/rest/record/v1/metadata-catalog?select=account");
        assertThat(catalog.header("Authorization")).isEqualTo("Bearer " + NS_TOKEN);
    }

    @Test
    void netSuitesInvalidLoginFailsAtAuthenticateWithItsDetail() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "NETSUITEERP", Map.of("INSTANCE_URL", NETSUITE.url()),
                accessToken("ns-stale-token-5"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("Invalid login attempt")
                .hasMessageNotContaining("ns-stale-token-5");
        assertThat(CapturedLogs.all()).doesNotContain("ns-stale-token-5", NS_TOKEN);
    }
}
