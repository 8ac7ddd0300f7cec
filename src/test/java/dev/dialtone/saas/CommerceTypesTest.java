package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.accessToken;
import static dev.dialtone.saas.SaasCalls.clientCredentials;
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
 * PAYPAL, QUICKBOOKS and WOOCOMMERCE against stand-ins: PayPal's live API host and QuickBooks' API and token
 * hosts through origin overrides, WooCommerce through a loopback INSTANCE_URL (a store).
 *
 * <ul>
 * <li>PAYPAL — documented: {@code POST /v1/oauth2/token} with the client id and secret as HTTP Basic and
 * {@code grant_type=client_credentials}, its answer ({@code scope}, {@code access_token}, {@code token_type},
 * {@code app_id}, {@code expires_in}), 401 {@code invalid_client} "Client Authentication failed" for a bad
 * secret, {@code GET /v1/reporting/balances} with {@code balances}, the REST error shape
 * ({@code name}/{@code message}/{@code debug_id}) with {@code NOT_AUTHORIZED}. Guessed: that an app without the
 * Transaction Search permission gets exactly that 403 on balances.</li>
 * <li>QUICKBOOKS — documented: the token endpoint, the refresh-token grant with HTTP Basic client
 * authentication, {@code GET /v3/company/{realmId}/companyinfo/{realmId}} answering {@code CompanyInfo}.
 * Guessed: the fault bodies (401 {@code AuthenticationFailed} code 3200, 403 {@code ApplicationAuthorizationFailed}
 * code 3100) and the token error ({@code invalid_grant}, HTTP 400, as RFC 6749 has it).</li>
 * <li>WOOCOMMERCE — documented: the key pair as the {@code consumer_key}/{@code consumer_secret} query
 * parameters, {@code GET /wp-json/wc/v3/orders} answering a list, the 401 {@code woocommerce_rest_authentication_error}
 * "Consumer key is invalid." (WooCommerce's own source). Guessed: the order fields.</li>
 * </ul>
 */
class CommerceTypesTest {
    private static final String PP_CLIENT = "AeA1QIZXiflr1_-r0U2UbWTziOWX1GRQer5";
    private static final String PP_SECRET = "EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs";
    private static final String PP_NO_SEARCH_CLIENT = "AbcNoTransactionSearch";
    private static final String QB_CLIENT = "ABntTqBqQnVyU0c2";
    private static final String QB_SECRET = "qb-client-secret-3f3e";
    private static final String QB_REFRESH = "AB11730000000aGoodRefresh";
    private static final String QB_TOKEN = "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2.qb-access";
    private static final String WC_KEY = "ck_4f0b99580930dc703c5b8e3ce6f169b60249de6c";
    private static final String WC_SECRET = "cs_a9080c505b7d4be9a305a038ff8e656d0bf41cc3";
    private static final RestStandIn PAYPAL = RestStandIn.started();
    private static final RestStandIn INTUIT = RestStandIn.started();
    private static final RestStandIn STORE = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api-m.paypal.com=" + PAYPAL.url(),
                    "https://quickbooks.api.intuit.com=" + INTUIT.url(),
                    "https://oauth.platform.intuit.com=" + INTUIT.url()))));

    @BeforeEach
    void vendors() {
        PAYPAL.forget();
        INTUIT.forget();
        STORE.forget();
        PAYPAL.answer("/v1/oauth2/token", seen -> {
            boolean grant = "client_credentials".equals(form(seen.body()).get("grant_type"));
            if (grant && sentBasic(seen, PP_CLIENT, PP_SECRET)) {
                return Answer.json(200, "{\"scope\":\"https://uri.paypal.com/services/reporting/search/read\","
                        + "\"access_token\":\"A21AAFull\",\"token_type\":\"Bearer\",\"app_id\":"
                        + "\"APP-80W284485P519543T\",\"expires_in\":32400,\"nonce\":\"2026-12-01T10:00:00Z\"}");
            }
            if (grant && sentBasic(seen, PP_NO_SEARCH_CLIENT, PP_SECRET)) {
                return Answer.json(200, "{\"scope\":\"openid\",\"access_token\":\"A21AANoSearch\",\"token_type\":"
                        + "\"Bearer\",\"app_id\":\"APP-2\",\"expires_in\":32400}");
            }
            return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication "
                    + "failed\"}");
        });
        PAYPAL.answer("/v1/reporting/balances", seen -> "Bearer A21AAFull".equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"balances\":[{\"currency\":\"USD\",\"primary\":true,\"total_balance\":"
                        + "{\"currency_code\":\"USD\",\"value\":\"10.00\"}}],\"account_id\":\"5RCHDPTLM4JZ6\"}")
                : Answer.json(403, "{\"name\":\"NOT_AUTHORIZED\",\"message\":\"Authorization failed due to "
                        + "insufficient permissions.\",\"debug_id\":\"b1d1f06c7246c\"}"));
        INTUIT.answer("/oauth2/v1/tokens/bearer", seen -> sentBasic(seen, QB_CLIENT, QB_SECRET)
                && "refresh_token".equals(form(seen.body()).get("grant_type"))
                && QB_REFRESH.equals(form(seen.body()).get("refresh_token"))
                ? Answer.json(200, "{\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"" + QB_REFRESH
                        + "\",\"x_refresh_token_expires_in\":8726400,\"access_token\":\"" + QB_TOKEN + "\"}")
                : Answer.json(400, "{\"error\":\"invalid_grant\"}"));
        INTUIT.answer("/v3/company/9130354/companyinfo/9130354", seen -> sentBearer(seen, QB_TOKEN)
                ? Answer.json(200, "{\"CompanyInfo\":{\"CompanyName\":\"Acme Widgets\",\"Id\":\"1\",\"Country\":"
                        + "\"US\"},\"time\":\"2026-12-01T10:00:00.000-08:00\"}")
                : Answer.json(401, "{\"Fault\":{\"Error\":[{\"Message\":\"message=AuthenticationFailed; "
                        + "errorCode=003200; statusCode=401\",\"Detail\":\"Token revoked\",\"code\":\"3200\"}],"
                        + "\"type\":\"AUTHENTICATION\"},\"time\":\"2026-12-01T10:00:00.000-08:00\"}"));
        INTUIT.answer("/v3/company/4620816/companyinfo/4620816", seen -> Answer.json(403, "{\"Fault\":{\"Error\":"
                + "[{\"Message\":\"message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403\","
                + "\"Detail\":\"\",\"code\":\"3100\"}],\"type\":\"AUTHORIZATION\"}}"));
        STORE.answer("/wp-json/wc/v3/orders", seen -> seen.target().contains("consumer_key=" + WC_KEY)
                ? seen.target().contains("consumer_secret=" + WC_SECRET)
                        ? Answer.json(200, "[{\"id\":727,\"status\":\"processing\",\"currency\":\"USD\"}]")
                        : Answer.json(401, "{\"code\":\"woocommerce_rest_authentication_error\",\"message\":"
                                + "\"Consumer secret is invalid.\",\"data\":{\"status\":401}}")
                : Answer.json(401, "{\"code\":\"woocommerce_rest_authentication_error\",\"message\":\"Consumer key "
                        + "is invalid.\",\"data\":{\"status\":401}}"));
    }

    @AfterAll
    static void stop() {
        PAYPAL.close();
        INTUIT.close();
        STORE.close();
    }

    @Test
    void paypalExchangesTheClientCredentialsThenListsTheBalances() {
        test(DIALTONE, "PAYPAL", Map.of(), clientCredentials(PP_CLIENT, PP_SECRET));
        RestStandIn.Seen token = PAYPAL.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/v1/oauth2/token");
        assertThat(form(token.body())).containsExactlyEntriesOf(Map.of("grant_type", "client_credentials"));
        RestStandIn.Seen call = PAYPAL.seen().get(1);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.target()).isEqualTo("/v1/reporting/balances");
        assertThat(headerNames(call)).containsExactly("accept", "authorization");
        assertThat(call.header("Authorization")).isEqualTo("Bearer A21AAFull");
        String wrong = "EGnHDxD_wrongSecret_0000";
        fails(DIALTONE, "PAYPAL", Map.of(), clientCredentials(PP_CLIENT, wrong), "AUTHENTICATE", wrong)
                .hasMessageContaining("Client Authentication failed").hasMessageContaining("invalid_client");
        fails(DIALTONE, "PAYPAL", Map.of(), clientCredentials(PP_NO_SEARCH_CLIENT, PP_SECRET), "AUTHORIZE",
                PP_SECRET, "A21AANoSearch").hasMessageContaining("insufficient permissions")
                .hasMessageContaining("HTTP 403");
    }

    @Test
    void quickbooksRefreshesTheTokenThenReadsTheCompanyInfoOfTheRealm() {
        Map<String, String> realm = Map.of("REALM_ID", "9130354");
        test(DIALTONE, "QUICKBOOKS", realm, refreshToken(QB_CLIENT, QB_SECRET, QB_REFRESH));
        RestStandIn.Seen token = INTUIT.seen().get(0);
        assertThat(token.target()).isEqualTo("/oauth2/v1/tokens/bearer");
        assertThat(form(token.body())).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token",
                QB_REFRESH);
        RestStandIn.Seen call = INTUIT.seen().get(1);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.target()).isEqualTo("/v3/company/9130354/companyinfo/9130354");
        assertThat(headerNames(call)).containsExactly("accept", "authorization");
        assertThat(call.header("Accept")).isEqualTo("application/json");
        fails(DIALTONE, "QUICKBOOKS", realm, refreshToken(QB_CLIENT, QB_SECRET, "AB117-revoked"), "AUTHENTICATE",
                "AB117-revoked", QB_SECRET).hasMessageContaining("invalid_grant");
        fails(DIALTONE, "QUICKBOOKS", realm, accessToken("eyJ-stale-token"), "AUTHENTICATE", "eyJ-stale-token")
                .hasMessageContaining("AuthenticationFailed");
        fails(DIALTONE, "QUICKBOOKS", Map.of("REALM_ID", "4620816"), accessToken(QB_TOKEN), "AUTHORIZE", QB_TOKEN)
                .hasMessageContaining("ApplicationAuthorizationFailed");
        // REALM_ID is required: refused before any socket.
        INTUIT.forget();
        assertThatThrownBy(() -> test(DIALTONE, "QUICKBOOKS", Map.of(), accessToken(QB_TOKEN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("REALM_ID");
        assertThat(INTUIT.seen()).isEmpty();
    }

    @Test
    void woocommerceListsOneOrderWithTheKeyPairInTheQueryAsWooCommerceDocuments() {
        Map<String, String> store = Map.of("INSTANCE_URL", STORE.url());
        test(DIALTONE, "WOOCOMMERCE", store, custom(Map.of("consumerKey", WC_KEY, "consumerSecret", WC_SECRET)));
        RestStandIn.Seen seen = STORE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/wp-json/wc/v3/orders?per_page=1&consumer_key=" + WC_KEY
                + "&consumer_secret=" + WC_SECRET);
        assertThat(headerNames(seen)).containsExactly("accept");
        String wrong = "ck_wrong000000000000000000000000000000000";
        fails(DIALTONE, "WOOCOMMERCE", store, custom(Map.of("consumerKey", wrong, "consumerSecret", WC_SECRET)),
                "AUTHENTICATE", wrong, WC_SECRET).hasMessageContaining("Consumer key is invalid.");
        String wrongSecret = "cs_wrong000000000000000000000000000000000";
        fails(DIALTONE, "WOOCOMMERCE", store, custom(Map.of("consumerKey", WC_KEY, "consumerSecret", wrongSecret)),
                "AUTHENTICATE", WC_KEY, wrongSecret).hasMessageContaining("Consumer secret is invalid.");
    }
}
