package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.refreshToken;
import static dev.dialtone.saas.SaasCalls.sentBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.OAuth2Server;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * SALESFORCEPARDOT (Account Engagement's fixed hosts moved by origin overrides; Salesforce's token endpoint played by
 * {@link OAuth2Server} behind an override of login.salesforce.com) and SALESFORCEMARKETINGCLOUD (the tenant's
 * authentication host at a loopback INSTANCE_URL).
 *
 * <p>Account Engagement, documented: GET /api/v5/objects/users with fields and limit, the Authorization header and
 * the Pardot-Business-Unit-Id header on every request, the answer's values list, the "Business Unit specified in
 * Pardot-Business-Unit-Id header not found or inactive." message (Trailblazer answer). Guesses: the HTTP status of
 * that answer (400 here) and the 401 body {"code":184,"message":"access_token is invalid, unsupported, or expired"}
 * (code and text from memory). The token endpoint is Salesforce's refresh_token grant with its invalid_grant
 * "expired access/refresh token" refusal, as the Salesforce fixture implements it.
 *
 * <p>Marketing Cloud, documented: GET /v2/userinfo with a Bearer token and its answer (user, organization with
 * member_id); the token request POST /v2/token as a JSON body (grant_type client_credentials, client_id,
 * client_secret, account_id) and its answer (access_token, token_type Bearer, expires_in 1079, scope,
 * soap_instance_url, rest_instance_url). Guesses: the 401 body {"documentation":…,"errorcode":0,"message":"Not
 * Authorized"} (Marketing Cloud's REST error shape, from memory, not documented for this host) and the token
 * endpoint's 401 {"error":"invalid_client","error_description":"Client authentication failed.",…} (from memory).
 */
class SalesforceMarketingTypesTest {
    private static final String TOKEN = "00Dxx0000001gER!AQ4good";
    private static final String BUSINESS_UNIT = "0Uv5A000000XZwRSAW";
    private static final RestStandIn PARDOT = RestStandIn.started();
    private static final RestStandIn PARDOT_DEMO = RestStandIn.started();
    private static final RestStandIn MARKETING_CLOUD = RestStandIn.started();
    private static final OAuth2Server SALESFORCE = salesforce();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://pi.pardot.com=" + PARDOT.url(),
                    "https://pi.demo.pardot.com=" + PARDOT_DEMO.url(),
                    "https://login.salesforce.com=http://127.0.0.1:" + SALESFORCE.port()))));

    private static OAuth2Server salesforce() {
        try {
            OAuth2Server server = new OAuth2Server();
            server.register(new OAuth2Server.Client("3MVG9-pardot-app", Optional.of("consumer-secret-77"),
                    Set.of(GrantType.REFRESH_TOKEN, GrantType.AUTHORIZATION_CODE), Optional.empty(), "etl@acme.com"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void vendors() {
        PARDOT.forget();
        PARDOT_DEMO.forget();
        MARKETING_CLOUD.forget();
        java.util.function.Function<RestStandIn.Seen, Answer> users = seen -> {
            String authorization = seen.header("Authorization");
            boolean known = ("Bearer " + TOKEN).equals(authorization) || (authorization != null
                    && SALESFORCE.issuedTokens().stream().anyMatch(t -> authorization.equals("Bearer " + t)));
            if (!known) {
                return Answer.json(401, "{\"code\":184,\"message\":\"access_token is invalid, unsupported, or "
                        + "expired\"}");
            }
            if (!BUSINESS_UNIT.equals(seen.header("Pardot-Business-Unit-Id"))) {
                return Answer.json(400, "{\"code\":181,\"message\":\"Business Unit specified in "
                        + "Pardot-Business-Unit-Id header not found or inactive.\"}");
            }
            return Answer.json(200, "{\"values\":[{\"id\":39187}],\"nextPageToken\":null,\"nextPageUrl\":null}");
        };
        PARDOT.answer("/api/v5/objects/users", users);
        PARDOT_DEMO.answer("/api/v5/objects/users", users);
        MARKETING_CLOUD.answer("/v2/token", seen -> {
            com.fasterxml.jackson.databind.JsonNode body;
            try {
                body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(seen.body());
            } catch (IOException e) {
                return Answer.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Unsupported "
                        + "content type.\"}");
            }
            if (!"client_credentials".equals(body.path("grant_type").asText())
                    || !"mc-client-1".equals(body.path("client_id").asText())
                    || !"mc-secret-1".equals(body.path("client_secret").asText())) {
                return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client "
                        + "authentication failed.\",\"error_uri\":\"https://developer.salesforce.com/docs\"}");
            }
            return Answer.json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1079,"
                    + "\"scope\":\"offline email_read\",\"soap_instance_url\":\"" + MARKETING_CLOUD.url() + "/\","
                    + "\"rest_instance_url\":\"" + MARKETING_CLOUD.url() + "/\"}");
        });
        MARKETING_CLOUD.answer("/v2/userinfo", seen -> sentBearer(seen, TOKEN)
                ? Answer.json(200, "{\"exp\":1527771992,\"iss\":\"https://mc.exacttarget.com\",\"user\":{\"sub\":"
                        + "\"10654321\",\"name\":\"Auth_user_name\"},\"organization\":{\"member_id\":10123456,"
                        + "\"enterprise_id\":10123456,\"stack_key\":\"S1\"}}")
                : Answer.json(401, "{\"documentation\":\"https://developer.salesforce.com/docs/atlas.en-us.mc-apis"
                        + ".meta/mc-apis/error-handling.htm\",\"errorcode\":0,\"message\":\"Not Authorized\"}"));
    }

    @AfterAll
    static void stop() {
        PARDOT.close();
        PARDOT_DEMO.close();
        MARKETING_CLOUD.close();
        SALESFORCE.close();
    }

    private static Map<String, String> pardot(String host, String businessUnit) {
        Map<String, String> properties = new HashMap<>();
        if (!host.isEmpty()) {
            properties.put("INSTANCE_URL", host);
        }
        if (!businessUnit.isEmpty()) {
            properties.put("PARDOT_BUSINESS_UNIT_ID", businessUnit);
        }
        return properties;
    }

    @Test
    void pardotQueriesOneUserWithTheTokenAndTheBusinessUnitHeader() {
        SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", BUSINESS_UNIT), accessToken(TOKEN));
        RestStandIn.Seen seen = PARDOT.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v5/objects/users?fields=id&limit=1");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.header("Pardot-Business-Unit-Id")).isEqualTo(BUSINESS_UNIT);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", BUSINESS_UNIT),
                accessToken("00Dxx!stale")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("access_token is invalid").hasMessageNotContaining("00Dxx!stale");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", "0Uv5A000000Other"),
                accessToken(TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("Business Unit specified in Pardot-Business-Unit-Id header not found");
        assertThat(CapturedLogs.all()).doesNotContain("00Dxx!stale", TOKEN);
    }

    @Test
    void pardotTakesTheDemoHostAndNothingElseAndNeedsTheBusinessUnit() {
        SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("https://pi.demo.pardot.com", BUSINESS_UNIT),
                accessToken(TOKEN));
        assertThat(PARDOT_DEMO.seen()).hasSize(1);
        assertThat(PARDOT.seen()).isEmpty();
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot(PARDOT.url(), BUSINESS_UNIT),
                accessToken(TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", ""),
                accessToken(TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PARDOT_BUSINESS_UNIT_ID");
        assertThat(PARDOT.seen()).isEmpty();
    }

    @Test
    void pardotRefreshesAtSalesforcesTokenEndpoint() {
        String refresh = SALESFORCE.refreshTokenFor("3MVG9-pardot-app", "etl@acme.com");
        SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", BUSINESS_UNIT),
                refreshToken("3MVG9-pardot-app", "consumer-secret-77", refresh));
        assertThat(SALESFORCE.tokenRequests()).last().satisfies(form -> {
            assertThat(form.get("grant_type")).containsExactly("refresh_token");
            assertThat(form.get("refresh_token")).containsExactly(refresh);
        });
        assertThat(PARDOT.seen().get(0).header("Authorization")).startsWith("Bearer ey");

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEPARDOT", pardot("", BUSINESS_UNIT),
                refreshToken("3MVG9-pardot-app", "consumer-secret-77", "rt-revoked-5150")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid_grant").hasMessageContaining("expired access/refresh token")
                .hasMessageNotContaining("rt-revoked-5150").hasMessageNotContaining("consumer-secret-77");
        assertThat(CapturedLogs.all()).doesNotContain("rt-revoked-5150", "consumer-secret-77", refresh);
        SALESFORCE.issuedTokens().forEach(token -> assertThat(CapturedLogs.all()).doesNotContain(token));
    }

    @Test
    void marketingCloudReadsUserinfoAtTheTenantsAuthHost() {
        Map<String, String> tenant = Map.of("INSTANCE_URL", MARKETING_CLOUD.url());
        SaasCalls.test(DIALTONE, "SALESFORCEMARKETINGCLOUD", tenant, accessToken("CLIENT_CREDENTIALS", TOKEN));
        RestStandIn.Seen seen = MARKETING_CLOUD.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/v2/userinfo");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEMARKETINGCLOUD", tenant,
                accessToken("CLIENT_CREDENTIALS", "eyJhbGciOi-expired")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("Not Authorized").hasMessageNotContaining("eyJhbGciOi-expired");
        assertThat(CapturedLogs.all()).doesNotContain("eyJhbGciOi-expired", TOKEN);
    }

    @Test
    void marketingCloudExchangesClientCredentialsAsAJsonBodyAtTheTenantsTokenEndpoint() throws IOException {
        AuthenticationConfigurationInput clientCredentials = clientCredentials("mc-secret-1");
        SaasCalls.test(DIALTONE, "SALESFORCEMARKETINGCLOUD", Map.of("INSTANCE_URL", MARKETING_CLOUD.url()),
                clientCredentials);
        RestStandIn.Seen token = MARKETING_CLOUD.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/v2/token");
        assertThat(token.header("Content-Type")).startsWith("application/json");
        assertThat(token.header("Authorization")).isNull();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body())).isEqualTo(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"grant_type\":\"client_credentials\","
                        + "\"client_id\":\"mc-client-1\",\"client_secret\":\"mc-secret-1\",\"account_id\":\"514009581\"}"));
        assertThat(MARKETING_CLOUD.seen().get(1).header("Authorization")).isEqualTo("Bearer " + TOKEN);

        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "SALESFORCEMARKETINGCLOUD", Map.of("INSTANCE_URL",
                MARKETING_CLOUD.url()), clientCredentials("mc-wrong-secret-2"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE").hasMessageContaining("invalid_client")
                .hasMessageContaining("Client authentication failed.").hasMessageNotContaining("mc-wrong-secret-2");
        assertThat(CapturedLogs.all()).doesNotContain("mc-wrong-secret-2", "mc-secret-1");
    }

    private AuthenticationConfigurationInput clientCredentials(String secret) {
        return AuthenticationConfigurationInput.builder()
                .authenticationType("OAUTH2").oAuth2Properties(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                        .tokenUrl(MARKETING_CLOUD.url() + "/v2/token")
                        .tokenUrlParametersMap(Map.of("account_id", "514009581"))
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId("mc-client-1"))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(secret))).build();
    }
}
