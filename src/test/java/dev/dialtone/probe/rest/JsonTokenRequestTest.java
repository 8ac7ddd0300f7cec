package dev.dialtone.probe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.ConnectorProperty;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * A registered type whose token request is declared ContentType APPLICATION_JSON: the grant's parameters (grant
 * type, client id and secret, scope, the type's and the connection's extra parameters) go as one JSON object, the
 * client in the body rather than in HTTP Basic; the token it answers calls the API; its OAuth2 error is read as
 * any token endpoint's. A GET token request stays refused before any socket.
 */
class JsonTokenRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "json-client-secret-3301";
    private static final RestStandIn SERVICE = standIn();

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension();

    private static RestStandIn standIn() {
        try {
            return new RestStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void service() {
        SERVICE.forget();
        SERVICE.answer("/v2/token", seen -> {
            JsonNode body;
            try {
                body = JSON.readTree(seen.body());
            } catch (IOException e) {
                return Answer.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"not JSON\"}");
            }
            if (!SECRET.equals(body.path("client_secret").asText())) {
                return Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client "
                        + "authentication failed.\"}");
            }
            return Answer.json(200, "{\"access_token\":\"issued-json-token-77\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":1079,\"scope\":\"" + body.path("scope").asText() + "\"}");
        });
        SERVICE.answer("/v2/me", seen -> "Bearer issued-json-token-77".equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"id\":\"u-1\"}") : Answer.json(401, "{\"message\":\"Not Authorized\"}"));
    }

    @AfterAll
    static void stop() {
        SERVICE.close();
    }

    private static void register(String name, String method) {
        DIALTONE.glue().registerConnectionType(r -> r.connectionType(name).integrationType("REST")
                .connectionProperties(p -> p.url(u -> u.name("Url").required(true).defaultValue(SERVICE.url())
                        .propertyType("USER_INPUT")))
                .connectorAuthenticationConfiguration(a -> a.authenticationTypesWithStrings("OAUTH2")
                        .oAuth2Properties(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                                .clientCredentialsProperties(c -> c.requestMethod(method).contentType("APPLICATION_JSON")
                                        .tokenUrl(t -> t.name("TokenUrl").required(false).propertyType("USER_INPUT")
                                                .defaultValue(SERVICE.url() + "/v2/token"))
                                        .scope(s -> s.name("Scope").required(false).propertyType("USER_INPUT")
                                                .defaultValue("users_read"))
                                        .tokenUrlParameters(ConnectorProperty.builder().name("account_id")
                                                .required(false).propertyType("USER_INPUT").defaultValue("5120")
                                                .build()))))
                .restConfiguration(c -> c.validationEndpointConfiguration(v -> v.requestMethod("GET")
                        .requestPath("/v2/me").responseConfiguration(x -> x.resultPath("$.id")))));
    }

    private static void test(String type, String secret) {
        AuthenticationConfigurationInput auth = AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                        .tokenUrlParametersMap(Map.of("region", "eu"))
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId("json-client"))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(secret))).build();
        DIALTONE.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(Map.of()).authenticationConfiguration(auth)));
    }

    @Test
    void theGrantGoesAsOneJsonObjectWithTheClientInTheBody() throws IOException {
        register("REST-JSON-TOKEN", "POST");
        test("REST-JSON-TOKEN", SECRET);
        RestStandIn.Seen token = SERVICE.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.header("Content-Type")).startsWith("application/json");
        assertThat(token.header("Authorization")).isNull();
        assertThat(JSON.readTree(token.body())).isEqualTo(JSON.readTree("{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"json-client\",\"client_secret\":\"" + SECRET + "\",\"scope\":\"users_read\","
                + "\"account_id\":\"5120\",\"region\":\"eu\"}"));
        assertThat(SERVICE.seen().get(1).header("Authorization")).isEqualTo("Bearer issued-json-token-77");
    }

    @Test
    void theJsonEndpointsRefusalIsAnAuthenticateFailureWithoutTheSecret() {
        register("REST-JSON-REFUSED", "POST");
        assertThatThrownBy(() -> test("REST-JSON-REFUSED", "wrong-json-secret-9"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("invalid_client").hasMessageContaining("Client authentication failed")
                .hasMessageNotContaining("wrong-json-secret-9");
        assertThat(CapturedLogs.all()).doesNotContain("wrong-json-secret-9", SECRET, "issued-json-token-77");
    }

    @Test
    void aGetTokenRequestIsStillRefusedBeforeAnySocket() {
        register("REST-JSON-GET", "GET");
        assertThatThrownBy(() -> test("REST-JSON-GET", SECRET)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GET APPLICATION_JSON");
        assertThat(SERVICE.seen()).isEmpty();
    }
}
