package dev.dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dialtone history NAME}: the last test reports of a stored connection, from a Dialtone server. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the last tests of a stored connection (newest first), with each stage's duration.")
public final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Connection name.")
    String name;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4599",
            description = "The Dialtone server (default ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--catalog-id", defaultValue = "000000000000", description = "Catalog (default ${DEFAULT-VALUE}).")
    String catalogId;

    @Option(names = "--output", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    SigningOptions signing = new SigningOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final java.util.Map<String, String> environment;

    public HistoryCommand() {
        this(System.out, System.err, System.getenv());
    }

    HistoryCommand(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    HistoryCommand(PrintStream out, PrintStream err, java.util.Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        URI uri = endpoint.resolve("/dialtone/v1/catalogs/" + encode(catalogId) + "/connections/" + encode(name)
                + "/tests");
        HttpResponse<String> response;
        RequestSigner signer;
        try {
            signer = signing.signer(environment);
        } catch (IllegalArgumentException e) {
            err.println("dialtone history: " + e.getMessage());
            return TestCommand.BAD_INPUT;
        }
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(signer.request("GET", uri, java.util.Map.of(), new byte[0]).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("dialtone history: cannot reach " + endpoint + ": " + e.getMessage());
            return TestCommand.BAD_INPUT;
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            err.println("dialtone history: " + body.path("__type").asText() + ": " + body.path("Message").asText());
            return TestCommand.FAILED;
        }
        if (output.equals("json")) {
            out.println(body.toPrettyString());
            return TestCommand.PASSED;
        }
        JsonNode tests = body.path("Tests");
        out.println(name + ": " + tests.size() + " test" + (tests.size() == 1 ? "" : "s") + " kept, newest first");
        for (JsonNode test : tests) {
            StringBuilder stages = new StringBuilder();
            for (JsonNode stage : test.path("Stages")) {
                stages.append(stages.length() == 0 ? "" : " ").append(stage.path("Stage").asText()).append('=')
                        .append(String.format(java.util.Locale.ROOT, "%.1fms", stage.path("Millis").asDouble()));
            }
            Instant at = Instant.ofEpochMilli(Math.round(test.path("TestedAt").asDouble() * 1000));
            out.println(at + "  " + test.path("Outcome").asText() + "  " + test.path("ElapsedMillis").asLong() + " ms  "
                    + stages + "\n    " + test.path("Message").asText());
        }
        return TestCommand.PASSED;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
