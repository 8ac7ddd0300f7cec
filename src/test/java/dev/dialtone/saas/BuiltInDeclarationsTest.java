package dev.dialtone.saas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import dev.dialtone.probe.rest.BuiltInRestTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.ConnectionTypeBrief;

/**
 * Every built-in SaaS declaration is held to what a user's RegisterConnectionType is held to (it is sent, renamed
 * REST-…, through the real operation), names a Glue connection type, cites the vendor reference it follows, and is
 * listed in the index the product reads; each one is listed by ListConnectionTypes.
 */
class BuiltInDeclarationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FOLDER = Path.of("src/main/resources/connection-types");

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension();

    static Stream<String> types() {
        return BuiltInRestTypes.names().stream();
    }

    @Test
    void theIndexAndTheFolderNameTheSameTypes() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).toList();
        }
        assertThat(BuiltInRestTypes.names()).as("connection-types/index.txt").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyBuiltInTypeIsListed() {
        List<String> listed = DIALTONE.glue().listConnectionTypesPaginator(r -> r.maxResults(100)).stream()
                .flatMap(page -> page.connectionTypes().stream()).map(ConnectionTypeBrief::connectionTypeAsString)
                .toList();
        assertThat(listed).containsAll(BuiltInRestTypes.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theDeclarationIsOneAUserCouldRegister(String type) throws IOException {
        JsonNode file = JSON.readTree(FOLDER.resolve(type + ".json").toFile());
        assertThat(file.path("ConnectionType").asText()).isEqualTo(type);
        assertThat(ConnectionType.knownValues()).as("a Glue ConnectionType").contains(ConnectionType.fromValue(type));
        assertThat(file.path("_source").asText()).as("_source names the vendor reference followed")
                .contains("https://");
        assertThat(file.path("Description").asText()).isNotBlank();
        ObjectNode registration = file.deepCopy();
        registration.remove(List.of("_source", "_choices"));
        registration.put("ConnectionType", "REST-LINT-" + type);
        String answer = RawGlue.post(DIALTONE.port(), "RegisterConnectionType", registration.toString());
        assertThat(answer).as("RegisterConnectionType's answer").contains("ConnectionTypeArn");
        RawGlue.post(DIALTONE.port(), "DeleteConnectionType", "{\"ConnectionType\":\"REST-LINT-" + type + "\"}");
    }
}
