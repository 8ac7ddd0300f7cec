package dev.dialtone.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.RawGlue;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.glue.Caller;
import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.guard.Permissions;
import dev.dialtone.wire.Authenticator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * The audit trail, read back from its file after known traffic through the AWS SDK (and raw HTTP where
 * the SDK cannot send it): one whole JSON line per call, field by field, and never a secret.
 */
class AuditTrailTest {
    private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/ana";
    private static final String ACCOUNT = "123456789012";
    private static final String CANARY = "Canary-Passw0rd-7f3a91";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stand-in for the SigV4 authenticator: every request comes from ana, whose policy allows everything
     * but glue:GetTags, so a refusal can be seen in the trail.
     */
    private static final Authenticator ANA = (Request request, byte[] body) -> new Caller(Optional.of(PRINCIPAL),
            ACCOUNT, "us-east-1", Request.getRemoteAddr(request), denying("glue:GetTags"));

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withAuditLog(
            AuditLogSetting.of(config.dataDir().resolve("audit.jsonl").toString()))).authenticatedBy(ANA);

    private final GlueClient glue = SERVER.glue();

    private static Permissions denying(String deniedAction) {
        return (action, resourceArn) -> {
            if (action.equals(deniedAction)) {
                throw new NotAuthorized(PRINCIPAL, action, resourceArn);
            }
        };
    }

    private static String arn(String name) {
        return "arn:aws:glue:us-east-1:" + ACCOUNT + ":connection/" + name;
    }

    private static ConnectionInput jdbc(String name) {
        return ConnectionInput.builder().name(name).connectionType("JDBC").connectionPropertiesWithStrings(Map.of(
                "JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/sales",
                "USERNAME", "analyst", "PASSWORD", CANARY)).build();
    }

    private static Path auditFile() {
        return SERVER.dataDir().resolve("audit.jsonl");
    }

    private static String auditText() throws IOException {
        return Files.readString(auditFile(), StandardCharsets.UTF_8);
    }

    /** The one line of the call the client saw answered with {@code requestId}; written before the answer went out. */
    private static JsonNode lineOf(String requestId) throws IOException {
        List<JsonNode> matching = new ArrayList<>();
        for (String line : auditText().split("\n")) {
            JsonNode record = JSON.readTree(line);
            if (record.path("requestId").asText().equals(requestId)) {
                matching.add(record);
            }
        }
        assertThat(matching).as("audit lines of request " + requestId).hasSize(1);
        return matching.get(0);
    }

    private static String requestIdOf(Throwable thrown) {
        return ((AwsServiceException) thrown).requestId();
    }

    private static List<String> resources(JsonNode line) {
        List<String> resources = new ArrayList<>();
        line.path("resources").forEach(resource -> resources.add(resource.asText()));
        return resources;
    }

    private static List<String> fields(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createAndGetAreRecordedFieldByField() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String created = glue.createConnection(r -> r.connectionInput(jdbc("audited"))).responseMetadata().requestId();
        String read = glue.getConnection(r -> r.name("audited")).responseMetadata().requestId();
        Instant after = Instant.now();

        JsonNode create = lineOf(created);
        assertThat(fields(create)).containsExactly("time", "requestId", "principal", "sourceAddress", "region",
                "operation", "resources", "outcome", "millis");
        assertThat(create.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(create.path("time").asText())).isBetween(before, after);
        assertThat(create.path("principal").asText()).isEqualTo(PRINCIPAL);
        assertThat(create.path("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(create.path("region").asText()).isEqualTo("us-east-1");
        assertThat(create.path("operation").asText()).isEqualTo("CreateConnection");
        assertThat(resources(create)).containsExactly(arn("audited"));
        assertThat(create.path("outcome").asText()).isEqualTo("ok");
        assertThat(create.path("millis").asLong()).isNotNegative();

        JsonNode get = lineOf(read);
        assertThat(get.path("operation").asText()).isEqualTo("GetConnection");
        assertThat(resources(get)).containsExactly(arn("audited"));
        assertThat(get.path("outcome").asText()).isEqualTo("ok");
        assertThat(Instant.parse(get.path("time").asText())).isAfterOrEqualTo(Instant.parse(create.path("time").asText()));
    }

    @Test
    void aTestRecordsItsDestinationTheStageItReachedAndItsOutcome() throws Exception {
        int closed = Ports.free();
        glue.createConnection(r -> r.connectionInput(c -> c.name("closed-port").connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(closed)))));
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(
                () -> glue.testConnection(r -> r.connectionName("closed-port")));
        assertThat(failed).isInstanceOf(InvalidInputException.class);
        JsonNode byName = lineOf(requestIdOf(failed));
        assertThat(byName.path("operation").asText()).isEqualTo("TestConnection");
        assertThat(resources(byName)).containsExactly(arn("closed-port"));
        assertThat(byName.path("outcome").asText()).isEqualTo("InvalidInputException");
        assertThat(byName.path("destination").asText()).isEqualTo("127.0.0.1:" + closed);
        assertThat(byName.path("stage").asText()).isEqualTo("CONNECT");
        assertThat(byName.path("testOutcome").asText()).isEqualTo("FAILED");

        try (Tarpit listener = new Tarpit()) {
            String passed = glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(listener.port())))))
                    .responseMetadata().requestId();
            JsonNode inline = lineOf(passed);
            assertThat(resources(inline)).containsExactly("arn:aws:glue:us-east-1:" + ACCOUNT + ":catalog");
            assertThat(inline.path("outcome").asText()).isEqualTo("ok");
            assertThat(inline.path("destination").asText()).isEqualTo("127.0.0.1:" + listener.port());
            assertThat(inline.path("stage").asText()).isEqualTo("CONNECT");
            assertThat(inline.path("testOutcome").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void anUnknownNameIsRecordedWithItsErrorCode() throws Exception {
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(
                () -> glue.getConnection(r -> r.name("never-created")));
        assertThat(missing).isInstanceOf(EntityNotFoundException.class);
        JsonNode line = lineOf(requestIdOf(missing));
        assertThat(line.path("operation").asText()).isEqualTo("GetConnection");
        assertThat(resources(line)).containsExactly(arn("never-created"));
        assertThat(line.path("outcome").asText()).isEqualTo("EntityNotFoundException");
        assertThat(line.has("destination")).isFalse();
    }

    @Test
    void aRefusedCallIsRecordedAsAccessDenied() throws Exception {
        glue.createConnection(r -> r.connectionInput(jdbc("guarded")));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> glue.getTags(r -> r.resourceArn(arn("guarded"))));
        assertThat(refused).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("User: " + PRINCIPAL + " is not authorized to perform: glue:GetTags on resource: "
                        + arn("guarded"));
        JsonNode line = lineOf(requestIdOf(refused));
        assertThat(line.path("operation").asText()).isEqualTo("GetTags");
        assertThat(line.path("principal").asText()).isEqualTo(PRINCIPAL);
        assertThat(resources(line)).containsExactly(arn("guarded"));
        assertThat(line.path("outcome").asText()).isEqualTo("AccessDeniedException");
        // Tagging is allowed to ana, and recorded as such.
        String tagged = glue.tagResource(r -> r.resourceArn(arn("guarded")).tagsToAdd(Map.of("team", "data")))
                .responseMetadata().requestId();
        assertThat(lineOf(tagged).path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void callsRefusedBeforeAnyOperationRanAreRecordedWithWhatWasKnown() throws Exception {
        String unknown = RawGlue.post(SERVER.port(), "NoSuchOperation", "{}");
        JsonNode unknownLine = lineOf(requestIdIn(unknown));
        assertThat(unknownLine.path("operation").asText()).isEqualTo("NoSuchOperation");
        assertThat(unknownLine.path("outcome").asText()).isEqualTo("UnknownOperationException");
        assertThat(unknownLine.path("principal").asText()).isEqualTo(PRINCIPAL);
        assertThat(resources(unknownLine)).isEmpty();

        String malformed = RawGlue.post(SERVER.port(), "GetConnection", "{\"Name\": ");
        JsonNode malformedLine = lineOf(requestIdIn(malformed));
        assertThat(malformedLine.path("operation").asText()).isEqualTo("GetConnection");
        assertThat(malformedLine.path("outcome").asText()).isEqualTo("SerializationException");
        assertThat(malformedLine.path("sourceAddress").asText()).isEqualTo("127.0.0.1");

        String noTarget = rawWithoutTarget();
        JsonNode noTargetLine = lineOf(requestIdIn(noTarget));
        assertThat(noTargetLine.path("operation").asText()).isEqualTo("-");
        assertThat(noTargetLine.path("outcome").asText()).isEqualTo("UnknownOperationException");
    }

    private static String rawWithoutTarget() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String requestIdIn(String rawResponse) {
        Matcher id = Pattern.compile("(?im)^x-amzn-RequestId: *(\\S+)").matcher(rawResponse);
        assertThat(id.find()).as("a request id in " + rawResponse).isTrue();
        return id.group(1);
    }

    @Test
    void theTestHistoryEndpointIsRecorded() throws Exception {
        glue.createConnection(r -> r.connectionInput(jdbc("with-history")));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                SERVER.endpoint() + "/dialtone/v1/catalogs/" + ACCOUNT + "/connections/with-history/tests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = lineOf(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(line.path("operation").asText()).isEqualTo("dialtone.GetTestHistory");
        assertThat(resources(line)).containsExactly(arn("with-history"));
        assertThat(line.path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void noPasswordReachesTheTrailWhateverTheCallDidWithIt() throws Exception {
        glue.createConnection(r -> r.connectionInput(jdbc("canary")));
        glue.getConnection(r -> r.name("canary"));
        glue.updateConnection(r -> r.name("canary").connectionInput(jdbc("canary-renamed")));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("canary-renamed")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(jdbc("inline").connectionPropertiesAsStrings()))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.createConnection(r -> r.connectionInput(jdbc("canary-renamed"))))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.AlreadyExistsException.class);
        RawGlue.post(SERVER.port(), "CreateConnection", "{\"ConnectionInput\": {\"PASSWORD\": \"" + CANARY + "\"");

        String trail = auditText();
        assertThat(trail).contains(arn("canary-renamed")).doesNotContain(CANARY).doesNotContain("analyst");
    }

    @Test
    void concurrentRequestsGiveWholeLinesOnePerCall() throws Exception {
        glue.createConnection(r -> r.connectionInput(jdbc("busy")));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Set<String> requestIds = new HashSet<>();
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = i % 2 == 0 ? "busy" : "missing-" + i;
                calls.add(clients.submit(() -> {
                    try {
                        return SERVER.glue().getConnection(r -> r.name(name)).responseMetadata().requestId();
                    } catch (EntityNotFoundException e) {
                        return e.requestId();
                    }
                }));
            }
            for (Future<String> call : calls) {
                requestIds.add(call.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(requestIds).hasSize(200);
        String trail = auditText();
        assertThat(trail).endsWith("\n");
        Set<String> recorded = new HashSet<>();
        for (String line : trail.split("\n")) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            assertThat(recorded.add(record.path("requestId").asText())).as("one line per request: " + line).isTrue();
        }
        assertThat(recorded).containsAll(requestIds);
    }
}
