package dev.dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.glue.ConnectionInputReader;
import dev.dialtone.glue.GlueException;
import dev.dialtone.glue.Members;
import dev.dialtone.probe.TestSubject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file of Glue {@code ConnectionInput} objects (JSON or YAML): a list of them, or an object
 * with a {@code Connections} list. Each entry may also be a whole CreateConnection request
 * ({@code {"ConnectionInput": {...}}}), so existing payloads work as they are. String values may
 * use {@code ${env:NAME}}, so CI secrets stay in the environment.
 */
final class DefinitionFile {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private DefinitionFile() {
    }

    static List<TestCase> read(Path file, Map<String, String> environment) throws BadInput {
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
            root = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BadInput("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode entries = root != null && root.isObject() ? root.path("Connections") : root;
        if (entries == null || !entries.isArray()) {
            throw new BadInput(file + " must hold a list of ConnectionInput objects (or {\"Connections\": [...]}).");
        }
        List<TestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (entry.isObject() && entry.has("ConnectionInput")) {
                entry = entry.get("ConnectionInput");
            }
            if (!entry.isObject()) {
                throw new BadInput(file + ": entry " + (i + 1) + " is not a ConnectionInput object.");
            }
            ObjectNode input = substitute((ObjectNode) entry.deepCopy(), environment, file + ": entry " + (i + 1));
            ConnectionDefinition definition;
            try {
                definition = ConnectionInputReader.read(Members.of(input));
            } catch (GlueException e) {
                throw new BadInput(file + ": entry " + (i + 1) + ": " + e.getMessage());
            }
            if (!names.add(definition.name())) {
                throw new BadInput(file + ": the name '" + definition.name() + "' is used twice.");
            }
            cases.add(new TestCase(definition.name(), definition.connectionType(), Optional.of(new TestSubject(
                    definition.connectionType(), definition.connectionProperties(),
                    definition.authenticationConfiguration()))));
        }
        return cases;
    }

    /**
     * Replaces {@code ${env:NAME}} in every string value; an unset variable is bad input.
     *
     * @param where names the object in messages, e.g. "connections.json: entry 2"
     */
    static ObjectNode substitute(ObjectNode node, Map<String, String> environment, String where) throws BadInput {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        fields.forEachRemaining(all::add);
        for (Map.Entry<String, JsonNode> field : all) {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                node.set(field.getKey(), new TextNode(expand(value.textValue(), environment, where)));
            } else if (value.isObject()) {
                substitute((ObjectNode) value, environment, where);
            }
        }
        return node;
    }

    static String expand(String text, Map<String, String> environment, String where) throws BadInput {
        Matcher matcher = ENV.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                throw new BadInput(where + " uses ${env:" + matcher.group(1)
                        + "}, but that environment variable is not set.");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * A one-off test's {@code --authentication}: Glue's AuthenticationConfiguration as JSON, {@code ${env:NAME}}
     * expanded, read by CreateConnection's rules.
     */
    static AuthenticationConfiguration authentication(String text, Map<String, String> environment)
            throws BadInput {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Where, never the parser's message: it quotes the text, which holds credentials.
            throw new BadInput("--authentication is not JSON (at character " + Optional.ofNullable(e.getLocation())
                    .map(l -> String.valueOf(l.getColumnNr())).orElse("?") + ").");
        }
        if (node == null || !node.isObject()) {
            throw new BadInput("--authentication must be a JSON object, Glue's AuthenticationConfiguration.");
        }
        try {
            return ConnectionInputReader.authentication(Members.of(substitute((ObjectNode) node, environment,
                    "--authentication")));
        } catch (GlueException e) {
            throw new BadInput("--authentication: " + e.getMessage());
        }
    }

    /** The input cannot be used: exit code 2. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }
}
