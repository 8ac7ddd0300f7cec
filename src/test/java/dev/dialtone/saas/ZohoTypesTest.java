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
 * ZOHOCRM against a stand-in of the EU data centre's API domain (www.zohoapis.eu, moved by an origin override): the
 * connection picks its data centre with INSTANCE_URL, and only Zoho's API domains are taken.
 *
 * <p>Documented: GET /crm/v2/users?type=CurrentUser answering {"users":[{"id",…}]}; the access token in the
 * Authorization header (Zoho's accounts page lists "Zoho-oauthtoken" and "Bearer" as accepted; the engine sends
 * Bearer); a token from another data centre is not valid there. The 401 body {"code":"INVALID_TOKEN","details":{},
 * "message":"invalid oauth token","status":"error"} is the one Zoho's APIs answer (seen in a published API log, not
 * on a Zoho page followed) — its status code 401 is from memory.
 */
class ZohoTypesTest {
    private static final String TOKEN = "1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf";
    private static final RestStandIn ZOHO_EU = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://www.zohoapis.eu=" + ZOHO_EU.url()))));

    @BeforeEach
    void vendor() {
        ZOHO_EU.forget();
        ZOHO_EU.answer("/crm/v2/users", seen -> sentBearer(seen, TOKEN)
                ? Answer.json(200, "{\"users\":[{\"id\":\"4150868000000225013\",\"full_name\":\"Patricia Boyle\","
                        + "\"email\":\"p.boyle@zylker.com\",\"status\":\"active\"}],\"info\":{\"per_page\":200,"
                        + "\"count\":1,\"page\":1,\"more_records\":false}}")
                : Answer.json(401, "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
                        + "\"status\":\"error\"}"));
    }

    @AfterAll
    static void stop() {
        ZOHO_EU.close();
    }

    @Test
    void readsTheCurrentUserAtTheDataCentreTheConnectionNames() {
        SaasCalls.test(DIALTONE, "ZOHOCRM", Map.of("INSTANCE_URL", "https://www.zohoapis.eu"),
                accessToken(TOKEN));
        assertThat(ZOHO_EU.seen()).hasSize(1);
        RestStandIn.Seen seen = ZOHO_EU.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/crm/v2/users?type=CurrentUser");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aTokenZohoRefusesFailsAtAuthenticateWithZohosMessage() {
        String other = "1000.us-data-centre-token.77";
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ZOHOCRM", Map.of("INSTANCE_URL",
                "https://www.zohoapis.eu"), accessToken(other)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid oauth token").hasMessageContaining("origin override")
                .hasMessageNotContaining(other);
        assertThat(CapturedLogs.all()).doesNotContain(other, TOKEN);
    }

    @Test
    void onlyZohosApiDomainsAreTaken() {
        assertThatThrownBy(() -> SaasCalls.test(DIALTONE, "ZOHOCRM", Map.of("INSTANCE_URL", ZOHO_EU.url()),
                accessToken(TOKEN))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INSTANCE_URL must be one of").hasMessageContaining("https://www.zohoapis.eu");
        assertThat(ZOHO_EU.seen()).isEmpty();
    }
}
