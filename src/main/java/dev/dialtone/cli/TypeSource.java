package dev.dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.ProbeAssembly;
import dev.dialtone.ProbeResources;
import dev.dialtone.glue.ConnectionTypeWriter;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.TesterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code dialtone types} reads connection types, in Glue's shapes (ConnectionTypeBrief, DescribeConnectionType's
 * output): this build's own declarations, or a server's (with the types registered in its catalog).
 */
interface TypeSource {

    List<JsonNode> list() throws Unavailable;

    JsonNode describe(String connectionType) throws Unavailable;

    /** The types cannot be read; {@code exitCode} says whether the user asked for something wrong (2) or not (1). */
    final class Unavailable extends Exception {
        final int exitCode;

        Unavailable(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** The built-in types, from the same declarations the server lists. */
    final class Local implements TypeSource {
        private final TesterRegistry testers;

        Local(DialtoneConfig config) throws IOException {
            try (ProbeResources resources = ProbeResources.open(config)) {
                this.testers = ProbeAssembly.testers(config, resources);
            }
        }

        @Override
        public List<JsonNode> list() {
            return testers.declarations().stream().<JsonNode>map(ConnectionTypeWriter::brief).toList();
        }

        @Override
        public JsonNode describe(String connectionType) throws Unavailable {
            ConnectionTypeSpec spec = testers.declared(connectionType).orElseThrow(() -> new Unavailable(
                    "no connection type " + connectionType + " is built in; the built-in types are: " + String.join(
                            ", ", testers.declarations().stream().map(ConnectionTypeSpec::connectionType).toList())
                    + ". A registered REST type is known to the server that holds it: add --endpoint-url.", 2));
            return ConnectionTypeWriter.describe(spec);
        }
    }

    /** A Dialtone server's ListConnectionTypes and DescribeConnectionType. */
    final class Server implements TypeSource {
        private final ObjectMapper json = new ObjectMapper();
        private final GlueCall glue;

        /** Registered types are the caller's own catalog's, as Glue's operations have no CatalogId. */
        Server(GlueCall glue) {
            this.glue = glue;
        }

        @Override
        public List<JsonNode> list() throws Unavailable {
            List<JsonNode> types = new ArrayList<>();
            String next = null;
            do {
                ObjectNode request = json.createObjectNode().put("MaxResults", 100);
                if (next != null) {
                    request.put("NextToken", next);
                }
                JsonNode page = call("ListConnectionTypes", request);
                page.path("ConnectionTypes").forEach(types::add);
                next = page.path("NextToken").isTextual() ? page.path("NextToken").asText() : null;
            } while (next != null);
            return types;
        }

        @Override
        public JsonNode describe(String connectionType) throws Unavailable {
            return call("DescribeConnectionType", json.createObjectNode().put("ConnectionType", connectionType));
        }

        private JsonNode call(String operation, ObjectNode request) throws Unavailable {
            try {
                HttpResponse<String> response = glue.send(operation, request, Duration.ofSeconds(30));
                JsonNode body = json.readTree(response.body());
                if (response.statusCode() != 200) {
                    String type = body.path("__type").asText("HTTP " + response.statusCode());
                    throw new Unavailable(type + ": " + body.path("Message").asText(),
                            type.equals("InvalidInputException") ? 2 : 1);
                }
                return body;
            } catch (IOException e) {
                throw new Unavailable("cannot reach " + glue.endpoint() + ": " + e.getMessage(), 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", 1);
            }
        }
    }
}
