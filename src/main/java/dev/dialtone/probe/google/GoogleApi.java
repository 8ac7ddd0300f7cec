package dev.dialtone.probe.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The Google product a connection type reads, with its OAuth scope and cheapest read. */
enum GoogleApi {
    BIGQUERY("BIGQUERY", "Google BigQuery", "BigQuery", "https://bigquery.googleapis.com",
            "https://www.googleapis.com/auth/bigquery.readonly", "DIALTONE_GOOGLE_ENDPOINT_URL_BIGQUERY"),
    STORAGE("GOOGLECLOUDSTORAGE", "Google Cloud Storage", "Cloud Storage", "https://storage.googleapis.com",
            "https://www.googleapis.com/auth/devstorage.read_only", "DIALTONE_GOOGLE_ENDPOINT_URL_STORAGE");

    final String connectionType;
    final String displayName;
    final String product;
    final String origin;
    final String scope;
    /** The server setting that points this product's API elsewhere (a local stand-in, a private endpoint). */
    final String endpointSetting;

    GoogleApi(String connectionType, String displayName, String product, String origin, String scope,
            String endpointSetting) {
        this.connectionType = connectionType;
        this.displayName = displayName;
        this.product = product;
        this.origin = origin;
        this.scope = scope;
        this.endpointSetting = endpointSetting;
    }

    /** The path (with query) of the cheapest authorized read. */
    String readPath(String project, Optional<String> bucket) {
        String p = URLEncoder.encode(project, StandardCharsets.UTF_8);
        return switch (this) {
            case BIGQUERY -> "/bigquery/v2/projects/" + p + "/datasets?maxResults=1";
            case STORAGE -> bucket.map(b -> "/storage/v1/b/" + URLEncoder.encode(b, StandardCharsets.UTF_8))
                    .orElse("/storage/v1/b?project=" + p + "&maxResults=1");
        };
    }

    /** What the answer says, for the report. */
    String describe(JsonNode answer, Optional<String> bucket) {
        return switch (this) {
            case BIGQUERY -> {
                JsonNode datasets = answer.path("datasets");
                yield datasets.isArray() && !datasets.isEmpty()
                        ? "first dataset " + datasets.get(0).path("datasetReference").path("datasetId").asText()
                        : "no datasets listed";
            }
            case STORAGE -> bucket.isPresent()
                    ? "bucket " + answer.path("name").asText() + ", " + answer.path("location").asText("?") + ", "
                            + answer.path("storageClass").asText("?")
                    : answer.path("items").isArray() && !answer.path("items").isEmpty()
                            ? "first bucket " + answer.path("items").get(0).path("name").asText()
                            : "no buckets listed";
        };
    }
}
