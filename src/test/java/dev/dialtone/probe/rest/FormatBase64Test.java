package dev.dialtone.probe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.Cancellation;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code {base64:...}} in a property's Format: an API key sent as an HTTP Basic user or password (Freshdesk's
 * {@code key:X}, Mailchimp's {@code anystring:key}) from one CUSTOM parameter, and every sent form of it redacted.
 */
class FormatBase64Test {
    private static final String KEY = "fd-key-81c0e2";
    private static RestStandIn api;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        api = new RestStandIn();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    private static ConnectorProperty withFormat(Optional<String> format) {
        return new ConnectorProperty("apiKey", Optional.of("Authorization"), true, Optional.empty(), List.of(),
                Optional.of("HEADER"), "SECRET", format);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEnclosedTextIsEncodedWithTheValueFilledInAndPlainFormatsAreUnchanged() {
        assertThat(withFormat(Optional.of("Basic {base64:{value}:X}")).formatted(KEY)).isEqualTo("Basic " + b64(KEY
                + ":X"));
        assertThat(withFormat(Optional.of("Basic {base64:anystring:{value}}")).formatted(KEY))
                .isEqualTo("Basic " + b64("anystring:" + KEY));
        assertThat(withFormat(Optional.of("Token token={value}")).formatted(KEY)).isEqualTo("Token token=" + KEY);
        assertThat(withFormat(Optional.empty()).formatted(KEY)).isEqualTo(KEY);
        // A value with braces or a dollar sign is taken literally, not as a template.
        assertThat(withFormat(Optional.of("Basic {base64:{value}:X}")).formatted("a{b}$1"))
                .isEqualTo("Basic " + b64("a{b}$1:X"));
        assertThat(withFormat(Optional.of("Basic {base64:{value}:X}")).sentForms(KEY)).contains(KEY,
                "Basic " + b64(KEY + ":X"), b64(KEY + ":X"));
    }

    @Test
    void aCustomKeySentAsBasicReachesTheApiAndItsEncodedFormIsRedactedFromTheMessage() throws Exception {
        String type = """
            {"ConnectionType": "REST-HELPDESK", "IntegrationType": "REST",
             "ConnectionProperties": {"Url": {"Name": "Url", "Required": true, "DefaultValue": "%s",
                 "PropertyType": "USER_INPUT"}},
             "ConnectorAuthenticationConfiguration": {"AuthenticationTypes": ["CUSTOM"],
               "CustomAuthenticationProperties": {"AuthenticationParameters": [
                 {"Name": "apiKey", "KeyOverride": "Authorization", "Required": true, "PropertyLocation": "HEADER",
                  "PropertyType": "SECRET", "Format": "Basic {base64:{value}:X}"}]}},
             "RestConfiguration": {"ValidationEndpointConfiguration": {"RequestMethod": "GET",
               "RequestPath": "/api/v2/agents/me",
               "ResponseConfiguration": {"ResultPath": "$.id", "ErrorPath": "$.message"}}}}
            """.formatted(api.url());
        String expected = "Basic " + b64(KEY + ":X");
        // The stand-in echoes what it was sent when it refuses it, the worst case for a leak.
        api.answer("/api/v2/agents/me", seen -> expected.equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"id\":42}")
                : Answer.json(401, "{\"message\":\"refused " + seen.header("Authorization") + "\"}"));
        RestTester tester = new RestTester(RestDeclaration.read(new ObjectMapper().readTree(type)), SecretStore.NONE,
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, OriginOverrides.NONE);
        assertThat(test(tester, KEY).succeeded()).isTrue();
        assertThat(api.seen().get(0).header("Authorization")).isEqualTo(expected);
        String wrong = "fd-wrong-3310";
        ProbeReport refused = test(tester, wrong);
        assertThat(refused.failedStage()).contains(Stage.AUTHENTICATE);
        assertThat(refused.message()).contains("refused").doesNotContain(wrong).doesNotContain(b64(wrong + ":X"));
    }

    private ProbeReport test(RestTester tester, String key) {
        TestSubject subject = new TestSubject("REST-HELPDESK", Map.of(), Optional.of(new AuthenticationConfiguration(
                Optional.of("CUSTOM"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("apiKey", key))));
        return new Probe(new TesterRegistry(List.of()), new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM),
                Duration.ofSeconds(5), workers, new Bulkhead(8, 8, 8)).test(tester, subject, Cancellation.none(),
                stage -> { });
    }
}
