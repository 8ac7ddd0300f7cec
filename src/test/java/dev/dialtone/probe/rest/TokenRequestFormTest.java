package dev.dialtone.probe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.Cancellation;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a type's token request is formed: where the client's credentials go (the declared ClientSecret's
 * PropertyLocation: none or HEADER → HTTP Basic, BODY → the form, QUERY_PARAM → the whole form in the token URL's
 * query) and a token URL declared relative to a connection property ({INSTANCE_URL}/oauth/token).
 */
class TokenRequestFormTest {
    private static final String CLIENT_SECRET = "cs-form-test-8841";
    private static RestStandIn vendor;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        vendor = new RestStandIn();
        vendor.answer("/oauth/token", Answer.json(200, "{\"access_token\":\"at-form-1\",\"token_type\":\"bearer\","
                + "\"expires_in\":3599}"));
        vendor.answer("/api/me", seen -> "Bearer at-form-1".equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"id\":\"u1\"}") : Answer.json(401, "{\"error\":\"unauthorized\"}"));
    }

    @AfterAll
    static void stop() {
        vendor.close();
    }

    @BeforeEach
    void forget() {
        vendor.forget();
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    /** A CLIENT_CREDENTIALS type whose token URL is {INSTANCE_URL}/oauth/token; {@code clientSecret}: its block. */
    private static String type(String clientSecret) {
        return """
            {"ConnectionType": "REST-FORMS", "IntegrationType": "REST",
             "ConnectionProperties": {"Url": {"Name": "INSTANCE_URL", "Required": true, "PropertyType": "USER_INPUT"}},
             "ConnectorAuthenticationConfiguration": {"AuthenticationTypes": ["OAUTH2"],
               "OAuth2Properties": {"OAuth2GrantType": "CLIENT_CREDENTIALS", "ClientCredentialsProperties": {
                 "TokenUrl": {"Name": "TokenUrl", "Required": false, "DefaultValue": "{INSTANCE_URL}/oauth/token",
                              "PropertyType": "USER_INPUT"}%s}}},
             "RestConfiguration": {"ValidationEndpointConfiguration": {"RequestMethod": "GET", "RequestPath": "/api/me",
               "ResponseConfiguration": {"ResultPath": "$.id"}}}}
            """.formatted(clientSecret.isEmpty() ? "" : ", \"ClientSecret\": " + clientSecret);
    }

    private static String secretAt(String location) {
        return "{\"Name\": \"ClientSecret\", \"Required\": true, \"PropertyType\": \"SECRET\", \"PropertyLocation\": \""
                + location + "\"}";
    }

    private ProbeReport test(String declaration, Map<String, String> properties) throws Exception {
        RestTester tester = new RestTester(RestDeclaration.read(new ObjectMapper().readTree(declaration)),
                SecretStore.NONE, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, OriginOverrides.NONE);
        OAuth2Properties oauth = new OAuth2Properties(Optional.of("CLIENT_CREDENTIALS"), Optional.of("app-1"),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.of(CLIENT_SECRET), Optional.empty(), Optional.empty(), Optional.empty());
        TestSubject subject = new TestSubject("REST-FORMS", properties, Optional.of(new AuthenticationConfiguration(
                Optional.of("OAUTH2"), Optional.empty(), Optional.empty(), Optional.of(oauth), Optional.empty(),
                Map.of())));
        return new Probe(new TesterRegistry(List.of()), new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM),
                Duration.ofSeconds(5), workers, new Bulkhead(8, 8, 8)).test(tester, subject, Cancellation.none(),
                stage -> { });
    }

    private static String decoded(String form) {
        return URLDecoder.decode(form, StandardCharsets.UTF_8);
    }

    @Test
    void withoutADeclaredLocationTheClientAuthenticatesWithHttpBasic() throws Exception {
        ProbeReport report = test(type(""), Map.of("INSTANCE_URL", vendor.url()));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        RestStandIn.Seen token = vendor.seen().get(0);
        assertThat(token.header("Authorization")).startsWith("Basic ");
        assertThat(token.body()).doesNotContain("client_secret");
    }

    @Test
    void aClientSecretDeclaredInTheBodyIsSentInTheForm() throws Exception {
        ProbeReport report = test(type(secretAt("BODY")), Map.of("INSTANCE_URL", vendor.url()));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        RestStandIn.Seen token = vendor.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.target()).isEqualTo("/oauth/token");
        assertThat(token.header("Authorization")).isNull();
        assertThat(decoded(token.body())).contains("grant_type=client_credentials", "client_id=app-1",
                "client_secret=" + CLIENT_SECRET);
    }

    @Test
    void aClientSecretDeclaredInTheQueryMovesTheWholeFormIntoTheTokenUrlAndNeverIntoTheReport() throws Exception {
        ProbeReport report = test(type(secretAt("QUERY_PARAM")), Map.of("INSTANCE_URL", vendor.url() + "/"));
        assertThat(report.succeeded()).as(report.message()).isTrue();
        RestStandIn.Seen token = vendor.seen().get(0);
        assertThat(token.method()).isEqualTo("POST");
        // The trailing / of INSTANCE_URL is dropped when it fills the token URL.
        assertThat(token.target()).startsWith("/oauth/token?");
        assertThat(decoded(token.target())).contains("grant_type=client_credentials", "client_id=app-1",
                "client_secret=" + CLIENT_SECRET);
        assertThat(token.body()).isEmpty();
        assertThat(token.header("Authorization")).isNull();
        assertThat(report.details().toString()).doesNotContain(CLIENT_SECRET).contains("/oauth/token");
        assertThat(report.message()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aTokenUrlPlaceholderWithoutItsPropertyIsRefusedBeforeAnySocket() {
        String declaration = type("").replace("{INSTANCE_URL}/oauth/token", "{TENANT_URL}/oauth/token");
        assertThatThrownBy(() -> test(declaration, Map.of("INSTANCE_URL", vendor.url())))
                .isInstanceOf(InvalidTestInput.class).hasMessageContaining("{TENANT_URL}");
        assertThat(vendor.seen()).isEmpty();
    }
}
