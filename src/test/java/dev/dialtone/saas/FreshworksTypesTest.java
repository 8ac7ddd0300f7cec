package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.basicHeader;
import static dev.dialtone.saas.SaasCalls.custom;
import static dev.dialtone.saas.SaasCalls.fails;
import static dev.dialtone.saas.SaasCalls.headerNames;
import static dev.dialtone.saas.SaasCalls.sentBasic;
import static dev.dialtone.saas.SaasCalls.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * FRESHDESK and FRESHSALES against stand-ins of the two Freshworks APIs, each reached through a loopback
 * INSTANCE_URL (both have per-customer hosts).
 *
 * <ul>
 * <li>FRESHDESK — documented: the API key as the HTTP Basic user with password {@code X}, and
 * {@code GET /api/v2/agents/me} answering the agent (with {@code id}). Guessed: the 401 body
 * {@code {"code":"invalid_credentials","message":"You have to be logged in to perform this action."}} (from
 * memory, not found in the corpora) and the agent's other fields.</li>
 * <li>FRESHSALES — documented: {@code Authorization: Token token=<key>} and URLs under the bundle alias
 * ({@code .../crm/sales/api/...}). Guessed: the {@code selector/owners} answer's shape ({@code {"users":[...]}})
 * and the 401 body {@code {"login":"failed","message":"Incorrect or expired API key"}}.</li>
 * </ul>
 */
class FreshworksTypesTest {
    private static final String DESK_KEY = "fdk_good_52a1";
    private static final String SALES_KEY = "fsk_good_77c3";
    private static final RestStandIn DESK = RestStandIn.started();
    private static final RestStandIn SALES = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension();

    @BeforeEach
    void vendors() {
        DESK.forget();
        SALES.forget();
        DESK.answer("/api/v2/agents/me", seen -> sentBasic(seen, DESK_KEY, "X")
                ? Answer.json(200, "{\"available\":true,\"occasional\":false,\"id\":43000012345,\"ticket_scope\":1,"
                        + "\"contact\":{\"email\":\"etl@acme.example\",\"name\":\"ETL\"}}")
                : Answer.json(401, "{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to "
                        + "perform this action.\"}"));
        SALES.answer("/crm/sales/api/selector/owners", seen -> ("Token token=" + SALES_KEY)
                .equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"users\":[{\"id\":16000001,\"display_name\":\"ETL\",\"email\":"
                        + "\"etl@acme.example\"}]}")
                : Answer.json(401, "{\"login\":\"failed\",\"message\":\"Incorrect or expired API key\"}"));
    }

    @AfterAll
    static void stop() {
        DESK.close();
        SALES.close();
    }

    @Test
    void freshdeskReadsTheKeysAgentWithTheKeyAsBasicUser() {
        test(DIALTONE, "FRESHDESK", Map.of("INSTANCE_URL", DESK.url()), custom(Map.of("apiKey", DESK_KEY)));
        RestStandIn.Seen seen = DESK.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/v2/agents/me");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        assertThat(seen.header("Authorization")).isEqualTo(basicHeader(DESK_KEY, "X"));
        String wrong = "fdk_wrong_0912";
        fails(DIALTONE, "FRESHDESK", Map.of("INSTANCE_URL", DESK.url()), custom(Map.of("apiKey", wrong)),
                "AUTHENTICATE", wrong).hasMessageContaining("You have to be logged in");
        // No INSTANCE_URL: refused before any socket.
        DESK.forget();
        assertThatThrownBy(() -> test(DIALTONE, "FRESHDESK", Map.of(), custom(Map.of("apiKey", DESK_KEY))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("INSTANCE_URL");
        assertThat(DESK.seen()).isEmpty();
    }

    @Test
    void freshsalesListsTheOwnersWithTheTokenHeaderUnderTheBundleAlias() {
        String alias = SALES.url() + "/crm/sales";
        // Glue's secret: the key under apiSecretKey, the literal "token" under apiKey (declared UNUSED).
        test(DIALTONE, "FRESHSALES", Map.of("INSTANCE_URL", alias), custom(Map.of("apiSecretKey", SALES_KEY,
                "apiKey", "token")));
        RestStandIn.Seen seen = SALES.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/crm/sales/api/selector/owners");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        assertThat(seen.header("Authorization")).isEqualTo("Token token=" + SALES_KEY);
        String wrong = "fsk_wrong_4410";
        fails(DIALTONE, "FRESHSALES", Map.of("INSTANCE_URL", alias), custom(Map.of("apiSecretKey", wrong)),
                "AUTHENTICATE", wrong).hasMessageContaining("Incorrect or expired API key");
        assertThat(SALES.seen()).extracting(RestStandIn.Seen::target).noneMatch(t -> t.contains(SALES_KEY)
                || t.contains(wrong));
    }
}
