package dev.dialtone.probe.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.secrets.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tests {@code BIGQUERY} and {@code GOOGLECLOUDSTORAGE} connections with a service-account key: a JWT signed
 * RS256 with the key is exchanged at the key's token_uri (RFC 7523 JWT bearer grant, AUTHENTICATE), then the
 * product's cheapest read takes the access token (AUTHORIZE). Every request through the dialer, https only
 * (plain http to loopback).
 */
public final class GoogleTester implements ConnectionTester {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{3,62}[a-z0-9]");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    private final GoogleApi api;
    private final SecretStore secrets;
    private final EndpointUrl origin;
    private final TlsClient.Settings tls;

    private GoogleTester(GoogleApi api, SecretStore secrets, EndpointUrl origin, TlsClient.Settings tls) {
        this.api = api;
        this.secrets = secrets;
        this.origin = origin;
        this.tls = tls;
    }

    /** Both testers; {@code environment} may point each API elsewhere (DIALTONE_GOOGLE_ENDPOINT_URL_*). */
    public static List<ConnectionTester> testers(SecretStore secrets, Map<String, String> environment,
            TlsClient.Settings tls) {
        List<ConnectionTester> testers = new ArrayList<>();
        for (GoogleApi api : GoogleApi.values()) {
            String origin = Optional.ofNullable(environment.get(api.endpointSetting)).filter(v -> !v.isBlank())
                    .map(String::trim).orElse(api.origin);
            testers.add(new GoogleTester(api, secrets, EndpointUrl.parse(origin, api.endpointSetting), tls));
        }
        return testers;
    }

    @Override
    public String connectionType() {
        return api.connectionType;
    }

    @Override
    public String displayName() {
        return api.displayName;
    }

    @Override
    public String description() {
        return "Exchanges a JWT signed with the service-account key for an access token at the key's token_uri "
                + "(JWT bearer grant), then " + (api == GoogleApi.BIGQUERY ? "lists one dataset of PROJECT_ID"
                : "lists one bucket of PROJECT_ID (or reads BUCKET's metadata)") + " with it.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("CUSTOM");
    }

    @Override
    public List<PropertySpec> properties() {
        List<PropertySpec> properties = new ArrayList<>(List.of(
                PropertySpec.optional("SECRET_ID", "Secret with the service-account key: its JSON fields, or the key "
                        + "file as base64 under credentials; instead of AuthenticationConfiguration.SecretArn"),
                PropertySpec.optional("PROJECT_ID", "The Google Cloud project; default: the key's project_id")));
        if (api == GoogleApi.BIGQUERY) {
            properties.add(PropertySpec.optional("SparkProperties", "The Spark connector's settings as one JSON "
                    + "string: secretId (a secret whose credentials key holds the base64 key file), parentProject"));
        } else {
            properties.add(PropertySpec.optional("BUCKET", "A bucket whose metadata the key must read, instead of "
                    + "listing the project's buckets"));
        }
        return properties;
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Map<String, String> spark = spark(subject);
        String secretId = subject.property("SECRET_ID").or(() -> Optional.ofNullable(spark.get("secretId")))
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn)).map(String::trim)
                .orElseThrow(() -> new InvalidTestInput(api.connectionType + " connections need a service-account key: "
                        + "SECRET_ID" + (api == GoogleApi.BIGQUERY ? " (or secretId in SparkProperties)" : "")
                        + " or AuthenticationConfiguration.SecretArn naming the secret that holds it."));
        ServiceAccountKey key = ServiceAccountKey.from(secrets.read(secretId, subject.permissions()), secretId);
        String project = subject.property("PROJECT_ID").or(() -> Optional.ofNullable(spark.get("parentProject")))
                .map(String::trim).or(key::projectId).orElseThrow(() -> new InvalidTestInput("Give PROJECT_ID: the "
                        + "service-account key names no project_id."));
        if (!PROJECT.matcher(project).matches()) {
            throw new InvalidTestInput("PROJECT_ID '" + project + "' is not a Google Cloud project id.");
        }
        Optional<String> bucket = subject.property("BUCKET").map(String::trim);
        bucket.ifPresent(b -> {
            if (!BUCKET.matcher(b).matches()) {
                throw new InvalidTestInput("BUCKET '" + b + "' is not a Cloud Storage bucket name.");
            }
        });
        Set<String> found = ConcurrentHashMap.newKeySet();
        return new GooglePlan(api, key, origin, project, bucket, tls, found);
    }

    private Map<String, String> spark(TestSubject subject) {
        Optional<String> text = subject.property("SparkProperties");
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode root = JSON.readTree(text.get());
            if (root != null && root.isObject()) {
                Map<String, String> values = new java.util.HashMap<>();
                root.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                        values.put(f.getKey(), f.getValue().asText());
                    }
                });
                return values;
            }
        } catch (java.io.IOException e) {
            // Reported below.
        }
        throw new InvalidTestInput("SparkProperties must be one JSON object such as {\"secretId\": \"…\"}.");
    }
}
