package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code dialtone types} and {@code dialtone test} of SaaS and registered REST types, through the command line as a
 * user runs it ({@link Main#commandLine}: the subcommand chosen by its name), in-process and through a server.
 * The vendor is a loopback stand-in: Slack's auth.test (200 ok:true, or 200 ok:false invalid_auth), reached by an
 * origin override as an operator sets it (DIALTONE_ORIGIN_OVERRIDES); a registered type's API is called directly.
 */
class TypesAndSaasCliTest {
    private static final String SLACK_TOKEN = "xoxb-cli-good-4411";
    private static final String PING_KEY = "ping-key-cli-7702";
    private static final RestStandIn VENDOR = RestStandIn.started();

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();


    @BeforeAll
    static void registerPingType() throws Exception {
        String type = "{\"ConnectionType\":\"REST-CLI-PING\",\"IntegrationType\":\"REST\",\"Description\":\"The ping "
                + "API of the CLI test\",\"ConnectionProperties\":{\"Url\":{\"Name\":\"Url\",\"Required\":true,"
                + "\"DefaultValue\":\"" + VENDOR.url() + "\",\"PropertyType\":\"USER_INPUT\"}},"
                + "\"ConnectorAuthenticationConfiguration\":{\"AuthenticationTypes\":[\"CUSTOM\"],"
                + "\"CustomAuthenticationProperties\":{\"AuthenticationParameters\":[{\"Name\":\"X-Ping-Key\","
                + "\"Required\":true,\"PropertyType\":\"SECRET\",\"PropertyLocation\":\"HEADER\"}]}},"
                + "\"RestConfiguration\":{\"ValidationEndpointConfiguration\":{\"RequestMethod\":\"GET\","
                + "\"RequestPath\":\"/v1/ping\",\"ResponseConfiguration\":{\"ResultPath\":\"$.pong\"}}}}";
        assertThat(RawGlue.post(SERVER.port(), "RegisterConnectionType", type)).startsWith("HTTP/1.1 200");
    }

    @BeforeEach
    void vendor() {
        VENDOR.forget();
        VENDOR.answer("/api/auth.test", seen -> ("Bearer " + SLACK_TOKEN).equals(seen.header("Authorization"))
                ? Answer.json(200, "{\"ok\":true,\"user_id\":\"U7\"}")
                : Answer.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}"));
        VENDOR.answer("/v1/ping", seen -> PING_KEY.equals(seen.header("X-Ping-Key"))
                ? Answer.json(200, "{\"pong\":true}") : Answer.json(401, "{\"message\":\"bad key\"}"));
    }

    @AfterAll
    static void stop() {
        VENDOR.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    /** {@code dialtone ARGS}, with this environment and standard input. */
    private static Run dialtone(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == TestCommand.class) {
                    return type.cast(new TestCommand(outStream, errStream, new ByteArrayInputStream(
                            stdin.getBytes(StandardCharsets.UTF_8)), environment, false));
                }
                if (type == TypesCommand.class) {
                    return type.cast(new TypesCommand(outStream, errStream, environment));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        int exit = Main.commandLine(factory)
                .setOut(new java.io.PrintWriter(outStream, true)).setErr(new java.io.PrintWriter(errStream, true))
                .execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> slackOverride() {
        return Map.of("DIALTONE_ORIGIN_OVERRIDES", "https://slack.com=" + VENDOR.url());
    }

    @Test
    void typesListsTheBuiltInTypesTestableOrNotWithTheirAuthentication() {
        Run run = dialtone(Map.of(), "", "types");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElse("")).contains("TYPE", "TESTABLE", "AUTHENTICATION",
                "DESCRIPTION");
        assertThat(run.out()).containsPattern("(?m)^SLACK +yes +OAUTH2 +Slack")
                .containsPattern("(?m)^STRIPE +yes +CUSTOM ").containsPattern("(?m)^JDBC +yes ")
                .containsPattern("(?m)^DB2AS400 +no +BASIC ").doesNotContain("REST-CLI-PING");
    }

    @Test
    void typesNameDescribesOneBuiltInTypeAndAnUnknownNameIsBadInput() {
        Run slack = dialtone(Map.of(), "", "types", "SLACK");
        assertThat(slack.exitCode()).as(slack.err()).isZero();
        assertThat(slack.out()).contains("testable:        yes", "authentication:  OAUTH2",
                "validation call: POST /auth.test", "API_URL  required  READ_ONLY  default https://slack.com/api",
                "TokenUrl  optional  USER_INPUT  default https://slack.com/api/oauth.v2.access");
        Run unknown = dialtone(Map.of(), "", "types", "REST-CLI-PING");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no connection type REST-CLI-PING is built in", "SLACK", "--endpoint-url");
    }

    @Test
    void typesFromAServerShowItsRegisteredTypeAndItsValidationCall() {
        String endpoint = SERVER.endpoint().toString();
        Run list = dialtone(Map.of(), "", "types", "--endpoint-url", endpoint);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("(?m)^REST-CLI-PING +yes +CUSTOM +The ping API of the CLI test")
                .containsPattern("(?m)^SLACK +yes +OAUTH2 ");
        Run described = dialtone(Map.of(), "", "types", "--endpoint-url", endpoint, "REST-CLI-PING");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.out()).contains("validation call: GET /v1/ping", "authentication:  CUSTOM",
                "Url  required  USER_INPUT  default " + VENDOR.url(), "CustomAuthenticationProperties:",
                "X-Ping-Key  required  SECRET");
        Run missing = dialtone(Map.of(), "", "types", "--endpoint-url", endpoint, "REST-NOT-THERE");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("InvalidInputException", "REST-NOT-THERE");
    }

    @Test
    void slackInProcessWithTheAccessTokenFromStandardInput() {
        Run passed = dialtone(slackOverride(), SLACK_TOKEN + "\n", "test", "--type", "SLACK", "--access-token-stdin");
        assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out()).contains("one-off", "PASSED");
        assertThat(VENDOR.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.header("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
        });
        Run revoked = dialtone(slackOverride(), "xoxb-cli-revoked-1\n", "test", "--type", "SLACK",
                "--access-token-stdin", "--output", "json");
        assertThat(revoked.exitCode()).isEqualTo(1);
        assertThat(revoked.out()).contains("AUTHORIZE", "invalid_auth").doesNotContain("xoxb-cli-revoked-1");
        assertThat(revoked.err()).doesNotContain("xoxb-cli-revoked-1");
    }

    @Test
    void aRegisteredTypeThroughTheServerWithCustomCredentialsFromTheEnvironment() {
        String auth = "{\"AuthenticationType\":\"CUSTOM\",\"CustomAuthenticationCredentials\":{\"X-Ping-Key\":"
                + "\"${env:PING_KEY}\"}}";
        Run passed = dialtone(Map.of("PING_KEY", PING_KEY), "", "test", "--endpoint", SERVER.endpoint().toString(),
                "--type", "REST-CLI-PING", "--authentication", auth);
        assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
        assertThat(VENDOR.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.target()).isEqualTo("/v1/ping");
            assertThat(seen.header("X-Ping-Key")).isEqualTo(PING_KEY);
        });
        Run wrong = dialtone(Map.of("PING_KEY", "ping-key-wrong-1"), "", "test", "--endpoint",
                SERVER.endpoint().toString(), "--type", "REST-CLI-PING", "--authentication", auth);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("AUTHENTICATE").doesNotContain("ping-key-wrong-1");
        Run unset = dialtone(Map.of(), "", "test", "--type", "REST-CLI-PING", "--authentication", auth);
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("--authentication uses ${env:PING_KEY}");
        Run notJson = dialtone(Map.of(), "", "test", "--type", "SLACK", "--authentication", "{\"AccessToken\":sekrit");
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("--authentication is not JSON").doesNotContain("sekrit");
    }

    @Test
    void theCliAppliesATypesDeclaredNeedForAnAuthenticationConfiguration() {
        Run run = dialtone(Map.of(), "", "test", "--type", "SALESFORCE", "-p",
                "INSTANCE_URL=https://acme.my.salesforce.com");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("INVALID", "[AuthenticationConfiguration is required.] SALESFORCE connections "
                + "authenticate through OAuth2.");
    }
}
