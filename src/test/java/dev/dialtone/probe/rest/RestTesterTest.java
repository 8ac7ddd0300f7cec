package dev.dialtone.probe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.GrantType;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.fixtures.OAuth2Server;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.Cancellation;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registered type's declaration executed by the probe: each rule of the request, the answer and the dialer. */
class RestTesterTest {
    private static final String API_KEY = "sk-test-4f1b9c2e77";
    private static final String CLIENT_SECRET = "rest-client-secret-5d21";
    private static RestStandIn api;
    private static OAuth2Server auth;
    private static com.nimbusds.jose.jwk.RSAKey appKey;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @BeforeAll
    static void peers() throws Exception {
        api = new RestStandIn();
        auth = new OAuth2Server();
        auth.register(new OAuth2Server.Client("rest-app", Optional.of(CLIENT_SECRET),
                Set.of(GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN), Optional.empty(), "svc@example.com"));
        appKey = dev.dialtone.fixtures.JwtAssertions.newKey();
        auth.register(new OAuth2Server.Client("jwt-app", Optional.empty(), Set.of(GrantType.JWT_BEARER),
                Optional.of(appKey.toRSAPublicKey()), "svc@example.com"));
    }

    @AfterAll
    static void stop() {
        api.close();
        auth.close();
    }

    @BeforeEach
    void forget() {
        api.forget();
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    /** A CUSTOM type: the key in a header, a version in the query, an account in the path, a flag in the body. */
    private static String customType(String url, String path, String response) {
        return """
            {"ConnectionType": "REST-WIDGETS", "IntegrationType": "REST",
             "ConnectionProperties": {
               "Url": {"Name": "Url", "Required": true, "DefaultValue": "%s", "PropertyType": "USER_INPUT"},
               "AdditionalRequestParameters": [
                 {"Name": "ApiVersion", "KeyOverride": "api-version", "Required": true, "DefaultValue": "2024-01",
                  "AllowedValues": ["2023-07", "2024-01"], "PropertyLocation": "QUERY_PARAM",
                  "PropertyType": "USER_INPUT"},
                 {"Name": "Account", "KeyOverride": "account", "Required": true, "PropertyLocation": "PATH",
                  "PropertyType": "USER_INPUT"},
                 {"Name": "Verbose", "Required": false, "DefaultValue": "yes", "PropertyLocation": "BODY",
                  "PropertyType": "READ_ONLY"},
                 {"Name": "Legacy", "Required": false, "DefaultValue": "x", "PropertyLocation": "HEADER",
                  "PropertyType": "UNUSED"}]},
             "ConnectorAuthenticationConfiguration": {"AuthenticationTypes": ["CUSTOM"],
               "CustomAuthenticationProperties": {"AuthenticationParameters": [
                 {"Name": "apiKey", "KeyOverride": "X-Api-Key", "Required": true, "PropertyLocation": "HEADER",
                  "PropertyType": "SECRET", "Format": "SSWS {value}"}]}},
             "RestConfiguration": {
               "GlobalSourceConfiguration": {"RequestMethod": "POST",
                 "ResponseConfiguration": %s},
               "ValidationEndpointConfiguration": {"RequestPath": "%s"}}}
            """.formatted(url, response, path);
    }

    private static final String RESPONSE = "{\"ResultPath\": \"$.data.id\", \"ErrorPath\": \"$.error.message\"}";

    private RestTester tester(String declaration, SecretStore secrets, OriginOverrides overrides) throws Exception {
        return new RestTester(RestDeclaration.read(new ObjectMapper().readTree(declaration)), secrets,
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, overrides);
    }

    private RestTester tester(String declaration) throws Exception {
        return tester(declaration, SecretStore.NONE, OriginOverrides.NONE);
    }

    private ProbeReport test(RestTester tester, TestSubject subject, EgressPolicy policy, Duration timeout) {
        return new Probe(new TesterRegistry(List.of()), new Dialer(policy, HostResolver.SYSTEM), timeout, workers,
                new Bulkhead(8, 8, 8)).test(tester, subject, Cancellation.none(), stage -> { });
    }

    private ProbeReport test(RestTester tester, TestSubject subject) {
        return test(tester, subject, EgressPolicy.ALLOW_ALL, Duration.ofSeconds(5));
    }

    private static TestSubject custom(Map<String, String> properties, Map<String, String> credentials) {
        return new TestSubject("REST-WIDGETS", properties, Optional.of(new AuthenticationConfiguration(
                Optional.of("CUSTOM"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                credentials)));
    }

    @Test
    void theRequestIsBuiltAsDeclaredEachPropertyInItsPlaceUnderItsKey() throws Exception {
        api.answer("/v1/accounts/acme corp/ping", Answer.json(200, "{\"data\":{\"id\":\"acct_1\"}}"));
        ProbeReport report = test(tester(customType(api.url() + "/v1", "/accounts/{account}/ping", RESPONSE)),
                custom(Map.of("Account", "acme corp"), Map.of("apiKey", API_KEY)));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        RestStandIn.Seen seen = api.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        // PATH filled (encoded), QUERY_PARAM under its KeyOverride with its default.
        assertThat(seen.target()).isEqualTo("/v1/accounts/acme%20corp/ping?api-version=2024-01");
        // The declared Format wraps the value.
        assertThat(seen.header("X-Api-Key")).isEqualTo("SSWS " + API_KEY);
        // READ_ONLY in the body with the declared value; UNUSED never sent.
        assertThat(seen.body()).isEqualTo("{\"Verbose\":\"yes\"}");
        assertThat(seen.headers()).doesNotContainKey("legacy");
        assertThat(report.details().get("validation request")).doesNotContain(API_KEY);
    }

    @Test
    void aMissingRequiredPropertyAndAViolatedAllowedValueAreRefusedBeforeAnySocket() throws Exception {
        RestTester tester = tester(customType(api.url(), "/accounts/{account}/ping", RESPONSE));
        assertThatThrownBy(() -> test(tester, custom(Map.of(), Map.of("apiKey", API_KEY))))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("need Account");
        assertThatThrownBy(() -> test(tester, custom(Map.of("Account", "a", "ApiVersion", "1999"),
                Map.of("apiKey", API_KEY))))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("ApiVersion must be one of 2023-07, 2024-01");
        assertThatThrownBy(() -> test(tester, custom(Map.of("Account", "a"), Map.of())))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("need apiKey");
        assertThatThrownBy(() -> test(tester, custom(Map.of("Account", "a", "Verbose", "no"),
                Map.of("apiKey", API_KEY))))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("Verbose is READ_ONLY");
        assertThat(api.seen()).isEmpty();
    }

    @Test
    void aTwoHundredWithoutTheResultPathFailsAtAuthorize() throws Exception {
        api.answer("/anon", Answer.json(200, "{\"data\":{\"id\":null}}"));
        ProbeReport report = test(tester(customType(api.url(), "/anon", RESPONSE)),
                custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)));
        assertThat(report.failedStage()).contains(Stage.AUTHORIZE);
        assertThat(report.message()).contains("without a value at $.data.id");
    }

    @Test
    void aValueAtTheErrorPathFailsEvenOnATwoHundredAndItsTextIsTheMessage() throws Exception {
        api.answer("/slacky", Answer.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}"));
        ProbeReport report = test(tester(customType(api.url(), "/slacky",
                "{\"ResultPath\": \"$.user_id\", \"ErrorPath\": \"$.error\"}")),
                custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)));
        assertThat(report.failedStage()).contains(Stage.AUTHORIZE);
        assertThat(report.message()).contains("invalid_auth").doesNotContain(API_KEY);
    }

    @Test
    void emptyErrorValuesAreNotErrors() throws Exception {
        api.answer("/fine", Answer.json(200, "{\"data\":{\"id\":7},\"error\":{\"message\":\"\"}}"));
        ProbeReport report = test(tester(customType(api.url(), "/fine", RESPONSE)),
                custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)));
        assertThat(report.succeeded()).as(report.message()).isTrue();
    }

    @Test
    void aNonJsonTwoHundredAUnauthorizedAndARedirectFail() throws Exception {
        api.answer("/html", new Answer(200, "<html>login</html>", Map.of("Content-Type", "text/html")));
        api.answer("/denied", Answer.json(401, "{\"error\":{\"message\":\"Invalid API Key provided\"}}"));
        api.answer("/moved", new Answer(302, "", Map.of("Location", "http://127.0.0.1:1/elsewhere")));
        TestSubject subject = custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY));
        ProbeReport html = test(tester(customType(api.url(), "/html", RESPONSE)), subject);
        assertThat(html.failedStage()).contains(Stage.AUTHORIZE);
        assertThat(html.message()).contains("something other than JSON");
        ProbeReport denied = test(tester(customType(api.url(), "/denied", RESPONSE)), subject);
        assertThat(denied.failedStage()).contains(Stage.AUTHENTICATE);
        assertThat(denied.message()).contains("Invalid API Key provided", "HTTP 401").doesNotContain(API_KEY);
        ProbeReport moved = test(tester(customType(api.url(), "/moved", RESPONSE)), subject);
        assertThat(moved.failedStage()).contains(Stage.AUTHORIZE);
        assertThat(moved.message()).contains("redirect", "does not follow");
        assertThat(api.seen()).extracting(RestStandIn.Seen::target).noneMatch(t -> t.contains("elsewhere"));
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheDeadline() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            ProbeReport report = test(tester(customType("http://127.0.0.1:" + tarpit.port(), "/x", RESPONSE)),
                    custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)), EgressPolicy.ALLOW_ALL,
                    Duration.ofMillis(700));
            assertThat(report.outcome()).isEqualTo(ProbeReport.Outcome.TIMED_OUT);
            assertThat(report.message()).contains("700 ms");
        }
    }

    @Test
    void anEgressRefusalIsNeverDialledAndPlainHttpElsewhereIsRefusedUnread() throws Exception {
        List<String> dialled = new CopyOnWriteArrayList<>();
        EgressPolicy deny = (host, address, port) -> {
            dialled.add(host);
            return Optional.of(address.getHostAddress() + ":" + port + " is denied by rule 'test'");
        };
        ProbeReport refused = test(tester(customType(api.url(), "/x", RESPONSE)),
                custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)), deny, Duration.ofSeconds(5));
        assertThat(refused.outcome()).isEqualTo(ProbeReport.Outcome.REFUSED);
        assertThat(refused.message()).contains("denied by rule 'test'");
        assertThat(api.seen()).isEmpty();
        dialled.clear();
        assertThatThrownBy(() -> test(tester(customType("http://api.example.com", "/x", RESPONSE)),
                custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)), deny, Duration.ofSeconds(5)))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("is not https");
        assertThat(dialled).isEmpty();
    }

    @Test
    void anOriginOverrideSendsTheCallElsewhereKeepingThePathAndIsReported() throws Exception {
        api.answer("/v1/accounts/a/ping", Answer.json(200, "{\"data\":{\"id\":\"acct_1\"}}"));
        OriginOverrides overrides = OriginOverrides.parse(List.of("https://api.widgets.example=" + api.url()));
        ProbeReport report = test(tester(customType("https://api.widgets.example/v1", "/accounts/{account}/ping",
                RESPONSE), SecretStore.NONE, overrides), custom(Map.of("Account", "a"), Map.of("apiKey", API_KEY)));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(report.details().get("origin override")).isEqualTo("https://api.widgets.example:443 -> "
                + api.url());
        assertThat(api.seen().get(0).target()).startsWith("/v1/accounts/a/ping");
    }

    private static String oauthType(String url) {
        return """
            {"ConnectionType": "REST-FOO-CONNECTOR", "IntegrationType": "REST",
             "ConnectionProperties": {"Url": {"Name": "Url", "Required": true, "DefaultValue": "%s",
                 "PropertyType": "USER_INPUT"}},
             "ConnectorAuthenticationConfiguration": {"AuthenticationTypes": ["OAUTH2"],
                 "OAuth2Properties": {"OAuth2GrantType": "CLIENT_CREDENTIALS"}},
             "RestConfiguration": {"GlobalSourceConfiguration": {"RequestMethod": "GET",
                 "ResponseConfiguration": {"ResultPath": "$.result", "ErrorPath": "$.error.message"}},
               "ValidationEndpointConfiguration": {"RequestMethod": "GET", "RequestPath": "/bar.json?offset=1&limit=10"}}}
            """.formatted(url);
    }

    private static TestSubject oauth(String grant, Optional<String> secret, Optional<String> secretArn,
            Optional<String> refreshToken) {
        OAuth2Properties properties = new OAuth2Properties(Optional.of(grant), Optional.of("rest-app"),
                Optional.empty(), Optional.of(auth.tokenUrl()), Map.of(), Optional.empty(), Optional.empty(), secret,
                Optional.empty(), refreshToken, Optional.empty());
        return new TestSubject("REST-FOO-CONNECTOR", Map.of(), Optional.of(new AuthenticationConfiguration(
                Optional.of("OAUTH2"), secretArn, Optional.empty(), Optional.of(properties), Optional.empty(),
                Map.of())));
    }

    @Test
    void clientCredentialsAreExchangedAndTheTokenCallsTheApi() throws Exception {
        api.answer("/rest/v1/bar.json", Answer.json(200, "{\"result\":[{\"id\":\"1\"}]}"));
        SecretStore store = (id, permissions) -> Map.of("USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET",
                CLIENT_SECRET);
        ProbeReport report = test(tester(oauthType(api.url() + "/rest/v1"), store, OriginOverrides.NONE),
                oauth("CLIENT_CREDENTIALS", Optional.empty(), Optional.of("arn:aws:secretsmanager:us-east-1:"
                        + "000000000000:secret:foo"), Optional.empty()));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        RestStandIn.Seen seen = api.seen().get(0);
        // Pagination parameters are not added; the declared path's own query is kept.
        assertThat(seen.target()).isEqualTo("/rest/v1/bar.json?offset=1&limit=10");
        String issued = auth.issuedTokens().get(auth.issuedTokens().size() - 1);
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + issued);
        assertThat(report.stages()).extracting(s -> s.stage()).contains(Stage.AUTHENTICATE, Stage.AUTHORIZE);
    }

    @Test
    void aWrongClientSecretFailsAtAuthenticateInPlainWords() throws Exception {
        ProbeReport report = test(tester(oauthType(api.url())), oauth("CLIENT_CREDENTIALS",
                Optional.of("not-the-secret-77"), Optional.empty(), Optional.empty()));
        assertThat(report.failedStage()).contains(Stage.AUTHENTICATE);
        assertThat(report.message()).contains("invalid_client").doesNotContain("not-the-secret-77");
        assertThat(api.seen()).isEmpty();
    }

    @Test
    void aRefreshTokenIsExchangedForAnAuthorizationCodeType() throws Exception {
        api.answer("/bar.json", Answer.json(200, "{\"result\":[]}"));
        String refresh = auth.refreshTokenFor("rest-app", "svc@example.com");
        String declaration = oauthType(api.url()).replace("\"AuthenticationTypes\": [\"OAUTH2\"]",
                "\"AuthenticationTypes\": [\"OAUTH2\"]");
        ProbeReport report = test(tester(declaration), oauth("AUTHORIZATION_CODE", Optional.of(CLIENT_SECRET),
                Optional.empty(), Optional.of(refresh)));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(report.message()).doesNotContain(refresh);
    }

    @Test
    void aJwtBearerAssertionIsExchangedAndAForgedOneFailsAtAuthenticate() throws Exception {
        api.answer("/bar.json", Answer.json(200, "{\"result\":[]}"));
        String jwt = dev.dialtone.fixtures.JwtAssertions.sign(appKey, "jwt-app", "svc@example.com", auth.issuer(),
                Duration.ofMinutes(3));
        ProbeReport report = test(tester(oauthType(api.url())), jwtBearer(jwt));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        String forged = dev.dialtone.fixtures.JwtAssertions.sign(dev.dialtone.fixtures.JwtAssertions.newKey(),
                "jwt-app", "svc@example.com", auth.issuer(), Duration.ofMinutes(3));
        ProbeReport refused = test(tester(oauthType(api.url())), jwtBearer(forged));
        assertThat(refused.failedStage()).contains(Stage.AUTHENTICATE);
        assertThat(refused.message()).contains("invalid_grant").doesNotContain(forged);
    }

    private static TestSubject jwtBearer(String jwt) {
        OAuth2Properties properties = new OAuth2Properties(Optional.of("JWT_BEARER"), Optional.empty(),
                Optional.empty(), Optional.of(auth.tokenUrl()), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(jwt));
        return new TestSubject("REST-FOO-CONNECTOR", Map.of(), Optional.of(new AuthenticationConfiguration(
                Optional.of("OAUTH2"), Optional.empty(), Optional.empty(), Optional.of(properties), Optional.empty(),
                Map.of())));
    }
}
