package dev.dialtone.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GETs on the admin paths, and a Prometheus text scrape read into series (name and sorted labels) and values. */
final class MetricsScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MetricsScrape() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code series → value}, a series written {@code name{a="1",b="2"}} with its labels as the scrape gave them. */
    static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            String labels = sample.group(3) == null ? "" : "{" + sample.group(3) + "}";
            samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(4)));
        }
        return samples;
    }
}
