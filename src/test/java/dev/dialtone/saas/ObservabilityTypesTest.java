package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.custom;
import static dev.dialtone.saas.SaasCalls.fails;
import static dev.dialtone.saas.SaasCalls.headerNames;
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
 * DATADOG and DYNATRACE against stand-ins: Datadog's EU site reached through an origin override of its fixed API
 * host (INSTANCE_URL must be one of Datadog's sites), Dynatrace through a loopback INSTANCE_URL (an environment).
 *
 * <ul>
 * <li>DATADOG — documented: the {@code DD-API-KEY} and {@code DD-APPLICATION-KEY} headers, {@code GET
 * /api/v2/validate_keys} answering {@code {"status":"ok"}} when both keys are valid and 401/403 with
 * {@code {"errors":[...]}} otherwise. Guessed: which status (401 or 403) and which error string a bad
 * application key gets (the stand-in answers 403 {@code {"errors":["Forbidden"]}}).</li>
 * <li>DYNATRACE — documented: {@code Authorization: Api-Token <token>}, 401 for a failed token
 * authentication, {@code GET /api/v2/problems} with {@code pageSize} and {@code totalCount} in the answer.
 * Guessed: the error body's wording ({@code {"error":{"code":401,"message":"Token Authentication failed"}}})
 * and a 403 for a token without the {@code problems.read} scope.</li>
 * </ul>
 */
class ObservabilityTypesTest {
    private static final String API_KEY = "dd_api_good_1f2e";
    private static final String APP_KEY = "dd_app_good_8a9b";
    private static final String DT_TOKEN = "dt0c01.GOOD.secretpart77";
    private static final RestStandIn DATADOG_EU = RestStandIn.started();
    private static final RestStandIn DYNATRACE = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api.datadoghq.eu=" + DATADOG_EU.url()))));

    @BeforeEach
    void vendors() {
        DATADOG_EU.forget();
        DYNATRACE.forget();
        DATADOG_EU.answer("/api/v2/validate_keys", seen -> !API_KEY.equals(seen.header("DD-API-KEY"))
                ? Answer.json(403, "{\"errors\":[\"Forbidden\"]}")
                : APP_KEY.equals(seen.header("DD-APPLICATION-KEY")) ? Answer.json(200, "{\"status\":\"ok\"}")
                        : Answer.json(403, "{\"errors\":[\"Forbidden\"]}"));
        DYNATRACE.answer("/api/v2/problems", seen -> ("Api-Token " + DT_TOKEN).equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"totalCount\":3,\"pageSize\":1,\"nextPageKey\":\"AQAAABQBAAAABQ==\","
                        + "\"problems\":[{\"problemId\":\"-1234_5678V2\",\"title\":\"High CPU\"}]}")
                : ("Api-Token dt0c01.NOSCOPE.x").equals(seen.header("Authorization"))
                        ? Answer.json(403, "{\"error\":{\"code\":403,\"message\":\"Token is missing required scope."
                                + " Use one of: problems.read\"}}")
                        : Answer.json(401, "{\"error\":{\"code\":401,\"message\":\"Token Authentication failed\"}}"));
    }

    @AfterAll
    static void stop() {
        DATADOG_EU.close();
        DYNATRACE.close();
    }

    @Test
    void datadogValidatesBothKeysAtTheSitesApiHost() {
        Map<String, String> eu = Map.of("INSTANCE_URL", "https://api.datadoghq.eu");
        test(DIALTONE, "DATADOG", eu, custom(Map.of("API_KEY", API_KEY, "APPLICATION_KEY", APP_KEY)));
        RestStandIn.Seen seen = DATADOG_EU.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v2/validate_keys");
        assertThat(headerNames(seen)).containsExactly("accept", "dd-api-key", "dd-application-key");
        assertThat(seen.header("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        String wrongApp = "dd_app_wrong_0000";
        fails(DIALTONE, "DATADOG", eu, custom(Map.of("API_KEY", API_KEY, "APPLICATION_KEY", wrongApp)),
                "AUTHORIZE", wrongApp, API_KEY).hasMessageContaining("Forbidden").hasMessageContaining("HTTP 403");
        // INSTANCE_URL is one of Datadog's sites: any other host is refused before any socket.
        DATADOG_EU.forget();
        assertThatThrownBy(() -> test(DIALTONE, "DATADOG", Map.of("INSTANCE_URL", DATADOG_EU.url()),
                custom(Map.of("API_KEY", API_KEY, "APPLICATION_KEY", APP_KEY))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("INSTANCE_URL must be one of");
        assertThat(DATADOG_EU.seen()).isEmpty();
    }

    @Test
    void dynatraceListsOneProblemWithTheApiTokenRealm() {
        Map<String, String> environment = Map.of("INSTANCE_URL", DYNATRACE.url());
        test(DIALTONE, "DYNATRACE", environment, custom(Map.of("apiToken", DT_TOKEN)));
        RestStandIn.Seen seen = DYNATRACE.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v2/problems?pageSize=1");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        assertThat(seen.header("Authorization")).isEqualTo("Api-Token " + DT_TOKEN);
        String wrong = "dt0c01.WRONG.secretpart00";
        fails(DIALTONE, "DYNATRACE", environment, custom(Map.of("apiToken", wrong)), "AUTHENTICATE", wrong)
                .hasMessageContaining("Token Authentication failed");
        fails(DIALTONE, "DYNATRACE", environment, custom(Map.of("apiToken", "dt0c01.NOSCOPE.x")), "AUTHORIZE",
                "dt0c01.NOSCOPE.x").hasMessageContaining("problems.read");
    }
}
