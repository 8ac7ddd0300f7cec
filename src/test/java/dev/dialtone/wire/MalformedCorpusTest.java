package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the committed corpus of malformed requests (src/test/resources/wire/malformed-requests.jsonl, written by
 * {@link CorpusGenerator}) over raw sockets: no 5xx, every answer JSON 1.1 with a request id, every error one the
 * operation's model or every AWS service lists, and a valid request still answered after each batch.
 */
class MalformedCorpusTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(
            config -> config.withWire(config.wire().withIdleTimeout(Duration.ofSeconds(1))));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;

    @Test
    void everyMalformedRequestGetsA4xxJson11ErrorOrSuccessAndTheServerKeepsAnswering() throws Exception {
        List<JsonNode> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(1000);
        List<String> operations = SERVER.dialtone().operationNames();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            JsonNode entry = corpus.get(i);
            String request = entry.path("request").asText();
            String label = "#" + (i + 1) + " " + entry.path("kind").asText() + ": "
                    + (request.length() > 400 ? request.substring(0, 400) + "..." : request);
            try {
                RawHttp.Answer answer = RawHttp.exchange(SERVER.port(), request.getBytes(StandardCharsets.ISO_8859_1));
                WireAnswers.assertWellFormed(answer, WireAnswers.operation(entry.path("target").asText(), operations),
                        label);
            } catch (AssertionError | IOException e) {
                failures.add(e instanceof AssertionError ? e.getMessage() : label + "\n  " + e);
            }
            if ((i + 1) % BATCH == 0 || i == corpus.size() - 1) {
                WireAnswers.assertStillAnswering(SERVER.port());
            }
        }
        assertThat(failures).as(failures.size() + " of " + corpus.size() + " answers are wrong; the first:\n"
                + String.join("\n\n", failures.subList(0, Math.min(10, failures.size())))).isEmpty();
    }

    static List<JsonNode> corpus() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                MalformedCorpusTest.class.getResourceAsStream("/wire/malformed-requests.jsonl"));
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
        }
        return entries;
    }
}
