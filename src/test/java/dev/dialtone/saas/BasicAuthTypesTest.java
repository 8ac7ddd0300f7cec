package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.basic;
import static dev.dialtone.saas.SaasCalls.basicHeader;
import static dev.dialtone.saas.SaasCalls.fails;
import static dev.dialtone.saas.SaasCalls.headerNames;
import static dev.dialtone.saas.SaasCalls.sentBasic;
import static dev.dialtone.saas.SaasCalls.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MIXPANEL and TWILIO, the two BASIC types, against stand-ins reached through origin overrides of their default
 * API hosts (a connection that gives no INSTANCE_URL talks to https://mixpanel.com / https://api.twilio.com).
 *
 * <ul>
 * <li>MIXPANEL — documented: HTTP Basic with the service account's user name and secret, {@code GET
 * /api/app/me} as the way to check it. Guessed: the answer's shape ({@code {"status":"ok","results":{...}}}) and
 * the 401 body {@code {"status":"error","error":"Invalid credentials"}}.</li>
 * <li>TWILIO — documented: HTTP Basic with the Account SID and Auth Token, {@code GET
 * /2010-04-01/Accounts.json} listing the account's {@code accounts}, the 401 body with {@code code} 20003 and
 * {@code message} "Authenticate" (its fields as a captured answer shows them). Guessed: the page fields besides
 * {@code accounts}.</li>
 * </ul>
 */
class BasicAuthTypesTest {
    private static final String MP_USER = "etl.1a2b3c.mp-service-account";
    private static final String MP_SECRET = "mp-secret-good-55e1";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "tw-auth-token-good-9d8c";
    private static final RestStandIn MIXPANEL = RestStandIn.started();
    private static final RestStandIn TWILIO = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://mixpanel.com=" + MIXPANEL.url(),
                    "https://api.twilio.com=" + TWILIO.url()))));

    @BeforeEach
    void vendors() {
        MIXPANEL.forget();
        TWILIO.forget();
        MIXPANEL.answer("/api/app/me", seen -> sentBasic(seen, MP_USER, MP_SECRET)
                ? Answer.json(200, "{\"status\":\"ok\",\"results\":{\"id\":5511,\"user_name\":\"etl\",\"user_email\":"
                        + "\"etl@acme.example\",\"organizations\":{}}}")
                : Answer.json(401, "{\"status\":\"error\",\"error\":\"Invalid credentials\"}"));
        TWILIO.answer("/2010-04-01/Accounts.json", seen -> sentBasic(seen, SID, AUTH_TOKEN)
                ? Answer.json(200, "{\"accounts\":[{\"sid\":\"" + SID + "\",\"friendly_name\":\"Acme\",\"status\":"
                        + "\"active\"}],\"end\":0,\"page\":0,\"page_size\":1,\"start\":0}")
                : Answer.json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/20003\",\"status\":401}"));
    }

    @AfterAll
    static void stop() {
        MIXPANEL.close();
        TWILIO.close();
    }

    @Test
    void mixpanelReadsTheServiceAccountWithBasic() {
        test(DIALTONE, "MIXPANEL", Map.of(), basic(MP_USER, MP_SECRET));
        RestStandIn.Seen seen = MIXPANEL.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/api/app/me");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        assertThat(seen.header("Authorization")).isEqualTo(basicHeader(MP_USER, MP_SECRET));
        String wrong = "mp-secret-wrong-0101";
        fails(DIALTONE, "MIXPANEL", Map.of(), basic(MP_USER, wrong), "AUTHENTICATE", wrong,
                basicHeader(MP_USER, wrong).substring(6)).hasMessageContaining("Invalid credentials");
    }

    @Test
    void twilioListsTheAccountWithTheSidAndAuthToken() {
        test(DIALTONE, "TWILIO", Map.of("EDGE_LOCATION", "sydney"), basic(SID, AUTH_TOKEN));
        RestStandIn.Seen seen = TWILIO.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.target()).isEqualTo("/2010-04-01/Accounts.json?PageSize=1");
        assertThat(headerNames(seen)).containsExactly("accept", "authorization");
        String wrong = "tw-auth-token-wrong-7777";
        fails(DIALTONE, "TWILIO", Map.of(), basic(SID, wrong), "AUTHENTICATE", wrong)
                .hasMessageContaining("Authenticate").hasMessageContaining("HTTP 401");
    }
}
