package dev.dialtone.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the committed corpus of malformed requests that {@link MalformedCorpusTest} replays:
 * {@code src/test/resources/wire/malformed-requests.jsonl}, one JSON object per line ({@code kind}, {@code target}
 * and the raw {@code request} bytes as ISO-8859-1 characters). Run from the project directory:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.dialtone.wire.CorpusGenerator
 * </pre>
 * The seed is fixed, so the output is the same each time; regenerate (and commit) after changing the cases.
 */
public final class CorpusGenerator {
    static final Path CORPUS = Path.of("src/test/resources/wire/malformed-requests.jsonl");
    /** The operations today, and those being added (tags, encryption settings): the corpus names them all. */
    static final List<String> OPERATIONS = List.of("CreateConnection", "GetConnection", "GetConnections",
            "UpdateConnection", "DeleteConnection", "BatchDeleteConnection", "TestConnection", "ListConnectionTypes",
            "DescribeConnectionType", "GetDataCatalogEncryptionSettings", "PutDataCatalogEncryptionSettings",
            "TagResource", "UntagResource", "GetTags");
    private static final int MAX_BYTES = 6_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        List<ObjectNode> entries = new ArrayList<>();
        Random random = new Random(11);
        for (String operation : OPERATIONS) {
            for (HostileRequests.Mutation mutation : HostileRequests.Mutation.values()) {
                if (mutation == HostileRequests.Mutation.HUGE_STRING) {
                    continue; // the fuzz test sends those; a committed corpus stays small
                }
                for (int i = 0; i < 5; i++) {
                    HostileRequests.Request request = HostileRequests.generate(operation, mutation, random);
                    while (request.body().length > MAX_BYTES) {
                        request = HostileRequests.generate(operation, mutation, random);
                    }
                    entries.add(entry("body/" + mutation, request.target(), request.raw()));
                }
            }
        }
        for (String[] raw : HttpCases.all()) {
            entries.add(entry("http/" + raw[0], raw[1], raw[2]));
        }
        Files.createDirectories(CORPUS.getParent());
        try (Writer out = Files.newBufferedWriter(CORPUS, StandardCharsets.UTF_8)) {
            for (ObjectNode entry : entries) {
                out.write(JSON.writeValueAsString(entry));
                out.write('\n');
            }
        }
        System.out.println(entries.size() + " requests written to " + CORPUS);
    }

    private static ObjectNode entry(String kind, String target, String request) {
        return JSON.createObjectNode().put("kind", kind).put("target", target).put("request", request);
    }
}
