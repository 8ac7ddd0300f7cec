package dev.dialtone.saas;

import static dev.dialtone.saas.SaasCalls.clientCredentials;
import static dev.dialtone.saas.SaasCalls.fails;
import static dev.dialtone.saas.SaasCalls.headerNames;
import static dev.dialtone.saas.SaasCalls.query;
import static dev.dialtone.saas.SaasCalls.sentBasic;
import static dev.dialtone.saas.SaasCalls.sentBearer;
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
 * DOMO against a stand-in of api.domo.com, reached through an origin override. Documented by Domo's API
 * authentication page: the token request is a GET to /oauth/token with grant_type=client_credentials and the scope
 * in the query and the client in HTTP Basic; the token goes as Authorization: Bearer; GET /v1/users lists users as a
 * JSON array. Guessed: the token answer's members beyond access_token/token_type/expires_in, and the 401 bodies
 * (Spring-style {status, statusReason, message}).
 */
class DomoTypeTest {
    private static final String CLIENT = "8f1c4e0b-domo-client";
    private static final String SECRET = "0e5c3b8a9d7f-domo-secret";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.domo-access";
    private static final RestStandIn DOMO = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension(config -> config.withSources(config.sources()
            .withOriginOverrides(List.of("https://api.domo.com=" + DOMO.url()))));

    @BeforeEach
    void vendor() {
        DOMO.forget();
        DOMO.answer("/oauth/token", seen -> seen.method().equals("GET") && sentBasic(seen, CLIENT, SECRET)
                && "client_credentials".equals(query(seen.target()).get("grant_type"))
                ? Answer.json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                        + "\"scope\":\"user\",\"customer\":\"acme\",\"env\":\"prod1\",\"userId\":1187445931,"
                        + "\"role\":\"Admin\",\"jti\":\"6e2b1f0e\"}")
                : Answer.json(401, "{\"status\":401,\"statusReason\":\"Unauthorized\",\"message\":\"Bad credentials\"}"));
        DOMO.answer("/v1/users", seen -> sentBearer(seen, TOKEN)
                ? Answer.json(200, "[{\"id\":1187445931,\"name\":\"ETL Service\",\"email\":\"etl@acme.example\","
                        + "\"role\":\"Admin\"}]")
                : Answer.json(401, "{\"status\":401,\"statusReason\":\"Unauthorized\",\"message\":\"Full "
                        + "authentication is required to access this resource\"}"));
    }

    @AfterAll
    static void stop() {
        DOMO.close();
    }

    @Test
    void theClientCredentialsGoByAGetWithTheGrantInTheQueryThenOneUserIsListed() {
        test(DIALTONE, "DOMO", Map.of(), clientCredentials(CLIENT, SECRET));
        RestStandIn.Seen token = DOMO.seen().get(0);
        assertThat(token.method()).isEqualTo("GET");
        assertThat(token.target()).startsWith("/oauth/token?");
        assertThat(query(token.target())).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type",
                "client_credentials", "scope", "user"));
        assertThat(token.target()).as("the client secret never rides in the URL").doesNotContain(SECRET);
        assertThat(token.body()).isEmpty();
        RestStandIn.Seen call = DOMO.seen().get(1);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.target()).isEqualTo("/v1/users?limit=1");
        assertThat(headerNames(call)).containsExactly("accept", "authorization");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aWrongClientSecretIsRefusedAtTheTokenEndpointInDomosWords() {
        String wrong = "0e5c3b8a9d7f-wrong-secret";
        fails(DIALTONE, "DOMO", Map.of(), clientCredentials(CLIENT, wrong), "AUTHENTICATE", wrong)
                .hasMessageContaining("HTTP 401");
        assertThat(DOMO.seen()).hasSize(1);
    }
}
