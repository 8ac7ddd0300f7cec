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
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * FACEBOOKADS, INSTAGRAMADS and FACEBOOKPAGEINSIGHTS against a stand-in of graph.facebook.com, reached through an
 * origin override.
 *
 * <p>What follows Meta's documentation: the versioned paths (/v26.0/me/adaccounts, /v26.0/me/accounts) and their
 * {"data":[...],"paging":...} answers; the error envelope {"error":{"message","type":"OAuthException","code":190,
 * "fbtrace_id"}} for an invalid token. What is a guess: that Graph takes the token as Authorization: Bearer (its
 * pages show the access_token parameter; the header is what SDKs send), the HTTP status 400 of the invalid-token
 * answer and its exact message text.
 */
class MetaTypesTest {
    private static final String TOKEN = "EAAB-long-lived-good-6620";
    private static final RestStandIn GRAPH = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://graph.facebook.com=" + GRAPH.url()))));

    private static Function<RestStandIn.Seen, Answer> bearer(String data) {
        return seen -> sentBearer(seen, TOKEN)
                ? Answer.json(200, "{\"data\":" + data + ",\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}")
                : Answer.json(400, "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access "
                        + "token\",\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"AbCdEf123\"}}");
    }

    @BeforeEach
    void graph() {
        GRAPH.forget();
        GRAPH.answer("/v26.0/me/adaccounts", bearer("[{\"id\":\"act_1234\"}]"));
        GRAPH.answer("/v26.0/me/accounts", bearer("[{\"id\":\"10150\",\"name\":\"Acme Page\"}]"));
    }

    @AfterAll
    static void stop() {
        GRAPH.close();
    }

    @Test
    void adsAndInstagramAdsReadOneAdAccountWithTheTokenInTheHeaderNeverInTheQuery() {
        for (String type : List.of("FACEBOOKADS", "INSTAGRAMADS")) {
            GRAPH.forget();
            SaasCalls.test(DIALTONE, type, Map.of(), accessToken(TOKEN));
            RestStandIn.Seen seen = GRAPH.seen().get(0);
            assertThat(seen.method()).isEqualTo("GET");
            assertThat(seen.target()).isEqualTo("/v26.0/me/adaccounts?limit=1&fields=id");
            assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
        // A connection may pin an older Graph version.
        GRAPH.answer("/v25.0/me/adaccounts", bearer("[]"));
        SaasCalls.test(DIALTONE, "FACEBOOKADS", Map.of("API_VERSION", "v25.0"), accessToken(TOKEN));
        assertThat(GRAPH.seen().get(1).target()).startsWith("/v25.0/me/adaccounts");
    }

    @Test
    void pageInsightsListsOnePageAndAnInvalidTokenCarriesMetasMessage() {
        SaasCalls.test(DIALTONE, "FACEBOOKPAGEINSIGHTS", Map.of(), accessToken(TOKEN));
        assertThat(GRAPH.seen().get(0).target()).isEqualTo("/v26.0/me/accounts?limit=1&fields=id,name");
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "FACEBOOKPAGEINSIGHTS", Map.of(),
                accessToken("EAAB-expired-0190"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE").hasMessageContaining("Invalid OAuth access token")
                .hasMessageContaining("HTTP 400").hasMessageNotContaining("EAAB-expired-0190");
        assertThat(CapturedLogs.all()).doesNotContain("EAAB-expired-0190", TOKEN);
    }

    @Test
    void metasCodeExchangeIsAGetWithTheClientAndCodeInTheQueryAsMetaDocumentsIt() {
        // Meta's "manually build a login flow": GET /{version}/oauth/access_token?client_id&redirect_uri&client_secret
        // &code, answered {"access_token","token_type","expires_in"}; a used or wrong code is an OAuthException.
        GRAPH.answer("/v26.0/oauth/access_token", seen -> seen.method().equals("GET")
                && "fb-app-secret-4471".equals(SaasCalls.query(seen.target()).get("client_secret"))
                && "AQD-good-code".equals(SaasCalls.query(seen.target()).get("code"))
                ? Answer.json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":5183944}")
                : Answer.json(400, "{\"error\":{\"message\":\"This authorization code has been used.\","
                        + "\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"AbC\"}}"));
        SaasCalls.test(DIALTONE, "FACEBOOKADS", Map.of(), SaasCalls.authorizationCode("app-1", "fb-app-secret-4471",
                "AQD-good-code", "https://us-east-1.console.aws.amazon.com/gluestudio/oauth"));
        RestStandIn.Seen exchange = GRAPH.seen().get(0);
        assertThat(exchange.method()).isEqualTo("GET");
        assertThat(SaasCalls.query(exchange.target())).containsEntry("client_id", "app-1")
                .containsEntry("code", "AQD-good-code")
                .containsEntry("redirect_uri", "https://us-east-1.console.aws.amazon.com/gluestudio/oauth");
        assertThat(exchange.body()).isEmpty();
        assertThat(GRAPH.seen().get(1).target()).isEqualTo("/v26.0/me/adaccounts?limit=1&fields=id");
        SaasCalls.fails(DIALTONE, "FACEBOOKADS", Map.of(), SaasCalls.authorizationCode("app-1", "fb-app-secret-4471",
                "AQD-used-code", "https://us-east-1.console.aws.amazon.com/gluestudio/oauth"), "AUTHENTICATE",
                "fb-app-secret-4471", "AQD-used-code").hasMessageContaining("HTTP 400");
    }
}
