package dev.dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.probe.UntestableType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dialtone types [NAME]}: the connection types Dialtone knows, or one of them described. */
@Command(name = "types", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the connection types (name, testable or not, authentication, what the test does), or "
                + "describe one: its properties, authentication and validation call. Without --endpoint-url, the "
                + "types built into this Dialtone; with it, a server's, its registered REST types included.", ""},
        footer = {"Examples:", "  dialtone types", "  dialtone types SLACK",
                "  dialtone types --endpoint-url http://127.0.0.1:4599 REST-FOO-CONNECTOR"})
public final class TypesCommand implements Callable<Integer> {
    private static final int DESCRIPTION_WIDTH = 72;

    @Parameters(index = "0", arity = "0..1", description = "A connection type to describe.")
    String name;

    @Option(names = {"--endpoint-url", "--endpoint"}, description = "Ask this Dialtone server (e.g. "
            + "http://127.0.0.1:4599) instead of this build's own declarations.")
    URI endpoint;

    @Mixin
    SigningOptions signing = new SigningOptions();

    @Option(names = "--output", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    String output;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public TypesCommand() {
        this(System.out, System.err, System.getenv());
    }

    TypesCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try {
            if (!List.of("table", "json").contains(output)) {
                throw new IllegalArgumentException("--output must be table or json (got '" + output + "').");
            }
            if (endpoint == null && signing.given()) {
                throw new IllegalArgumentException("--profile and --region go with --endpoint-url.");
            }
            TypeSource source = endpoint == null ? new TypeSource.Local(DialtoneConfig.fromEnvironment(environment))
                    : new TypeSource.Server(new GlueCall(endpoint, signing.signer(environment)));
            if (name == null) {
                List<JsonNode> types = source.list();
                out.print(output.equals("json") ? json(types) : table(types));
            } else {
                JsonNode type = source.describe(name);
                out.print(output.equals("json") ? type.toPrettyString() + "\n" : described(type));
            }
            out.flush();
            return TestCommand.PASSED;
        } catch (IllegalArgumentException | IOException e) {
            err.println("dialtone types: " + e.getMessage());
            return TestCommand.BAD_INPUT;
        } catch (TypeSource.Unavailable e) {
            err.println("dialtone types: " + e.getMessage());
            return e.exitCode;
        }
    }

    private static String json(List<JsonNode> types) {
        com.fasterxml.jackson.databind.node.ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        types.forEach(root.putArray("ConnectionTypes")::add);
        return root.toPrettyString() + "\n";
    }

    /** One line per type: name, testable, authentication types, the first sentence of the description. */
    private static String table(List<JsonNode> types) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TYPE", "TESTABLE", "AUTHENTICATION", "DESCRIPTION"});
        for (JsonNode type : types) {
            String description = type.path("Description").asText();
            rows.add(new String[] {type.path("ConnectionType").asText(), testable(description) ? "yes" : "no",
                    authentication(type), oneLine(description)});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                text.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            text.append(row[3]).append('\n');
        }
        return text.toString();
    }

    private static String described(JsonNode type) {
        StringBuilder text = new StringBuilder();
        String description = type.path("Description").asText();
        text.append(type.path("ConnectionType").asText()).append('\n')
                .append("  testable:        ").append(testable(description) ? "yes" : "no").append('\n')
                .append("  authentication:  ").append(authentication(type)).append('\n');
        JsonNode validation = type.path("RestConfiguration").path("ValidationEndpointConfiguration");
        if (validation.isObject()) {
            JsonNode global = type.path("RestConfiguration").path("GlobalSourceConfiguration");
            text.append("  validation call: ").append(validation.path("RequestMethod")
                    .asText(global.path("RequestMethod").asText("GET"))).append(' ')
                    .append(validation.path("RequestPath").asText(global.path("RequestPath").asText("/")))
                    .append('\n');
        }
        text.append("  what it does:    ").append(description).append('\n');
        text.append("  properties:").append(type.path("ConnectionProperties").isEmpty() ? " none" : "").append('\n');
        type.path("ConnectionProperties").forEach(property -> text.append("    ").append(property(property))
                .append('\n'));
        JsonNode auth = type.path("AuthenticationConfiguration");
        for (String part : List.of("OAuth2Properties", "BasicAuthenticationProperties",
                "CustomAuthenticationProperties")) {
            if (auth.path(part).isObject() && !auth.path(part).isEmpty()) {
                text.append("  ").append(part).append(":\n");
                auth.path(part).forEach(property -> text.append("    ").append(property(property)).append('\n'));
            }
        }
        return text.toString();
    }

    /** A property as one line: name, required or not, its kind, default and description. */
    private static String property(JsonNode property) {
        List<String> parts = new ArrayList<>();
        parts.add(property.path("Name").asText());
        parts.add(property.path("Required").asBoolean() ? "required" : "optional");
        property.path("PropertyTypes").forEach(kind -> parts.add(kind.asText()));
        if (property.has("DefaultValue")) {
            parts.add("default " + property.path("DefaultValue").asText());
        }
        if (property.path("AllowedValues").isArray() && !property.path("AllowedValues").isEmpty()) {
            List<String> values = new ArrayList<>();
            property.path("AllowedValues").forEach(value -> values.add(value.path("Value").asText()));
            parts.add("one of " + String.join("|", values));
        }
        String said = property.path("Description").asText();
        return String.join("  ", parts) + (said.isEmpty() || said.equals(property.path("Name").asText()) ? ""
                : "  - " + said);
    }

    private static boolean testable(String description) {
        return !description.startsWith(UntestableType.DESCRIPTION_PREFIX);
    }

    private static String authentication(JsonNode type) {
        List<String> types = new ArrayList<>();
        type.path("Capabilities").path("SupportedAuthenticationTypes").forEach(t -> types.add(t.asText()));
        return types.isEmpty() ? "-" : String.join(",", types);
    }

    /** The first sentence, cut to fit a line. */
    private static String oneLine(String description) {
        int end = description.indexOf(". ");
        String first = end < 0 ? description : description.substring(0, end + 1);
        return first.length() <= DESCRIPTION_WIDTH ? first : first.substring(0, DESCRIPTION_WIDTH - 1) + "…";
    }
}
