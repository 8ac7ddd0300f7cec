package dev.dialtone.probe.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.aws.AwsIdentity;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import dev.dialtone.trust.CaCertificates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Tests {@code OPENSEARCH} connections over HTTPS: the cluster-info call ({@code GET /}) with basic
 * authentication or, for Amazon OpenSearch Service, a SigV4 signature made by the AWS SDK's signer; then
 * {@code GET /_cluster/health}. Accepts Glue's two shapes: the Spark connector's {@code SparkProperties} JSON
 * ({@code opensearch.nodes}, {@code opensearch.port}, {@code opensearch.aws.sigv4.enabled},
 * {@code opensearch.aws.sigv4.region}, {@code secretId}) and the Athena connector's {@code domain_endpoint}.
 */
public final class OpenSearchTester implements ConnectionTester {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SPARK_PROPERTIES = "SparkProperties";

    private final SecretStore secrets;
    private final CaCertificates certificates;
    private final Supplier<Optional<AwsCredentialsProvider>> serverIdentity;

    public OpenSearchTester(SecretStore secrets, CaCertificates certificates,
            Supplier<Optional<AwsCredentialsProvider>> serverIdentity) {
        this.secrets = secrets;
        this.certificates = certificates;
        this.serverIdentity = serverIdentity;
    }

    @Override
    public String connectionType() {
        return "OPENSEARCH";
    }

    @Override
    public String displayName() {
        return "OpenSearch";
    }

    @Override
    public String description() {
        return "Calls the cluster-info API (GET /) over HTTPS with basic authentication or an AWS SigV4 signature "
                + "(Amazon OpenSearch Service), then reads the cluster health.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC", "IAM");
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.optional(SPARK_PROPERTIES, "The Spark connector's settings as one JSON string: "
                        + "opensearch.nodes (the endpoint), opensearch.port, opensearch.aws.sigv4.enabled, "
                        + "opensearch.aws.sigv4.region, secretId (a secret with opensearch.net.http.auth.user and "
                        + "opensearch.net.http.auth.pass, or username and password)"),
                PropertySpec.optional("domain_endpoint", "The Athena connector's form: the domain endpoint URL"),
                PropertySpec.optional("SECRET_ID", "Secret with the user and password (or, with SigV4, an AWS "
                        + "access key pair), instead of secretId or AuthenticationConfiguration.SecretArn"),
                PropertySpec.optional("CUSTOM_CERT", "CA that signed the cluster's certificate: s3://bucket/key "
                        + "or a file name in the certificate directory; default: the JVM's trust store"),
                PropertySpec.choice("SKIP_CERT_VALIDATION", "Encrypt without verifying the certificate", "false",
                        "true", "false"));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Map<String, String> spark = sparkProperties(subject);
        String nodes = Optional.ofNullable(spark.get("opensearch.nodes")).or(() -> subject.property("domain_endpoint"))
                .map(String::trim).filter(text -> !text.isEmpty())
                .orElseThrow(() -> new InvalidTestInput("OPENSEARCH connections need the cluster's endpoint: "
                        + "opensearch.nodes in SparkProperties, or domain_endpoint."));
        String first = nodes.split(",")[0].trim();
        String url = first.contains("://") ? first : "https://" + first;
        Optional<String> port = Optional.ofNullable(spark.get("opensearch.port")).map(String::trim);
        EndpointUrl endpoint = EndpointUrl.parse(url, "opensearch.nodes");
        if (port.isPresent() && endpoint.uri().getPort() < 0) {
            if (!port.get().matches("\\d{1,5}") || Integer.parseInt(port.get()) < 1
                    || Integer.parseInt(port.get()) > 65535) {
                throw new InvalidTestInput("opensearch.port '" + port.get() + "' is not a port number (1-65535).");
            }
            endpoint = EndpointUrl.parse(endpoint.uri().getScheme() + "://" + endpoint.host() + ":" + port.get(),
                    "opensearch.nodes");
        }
        boolean sigv4 = "true".equalsIgnoreCase(spark.getOrDefault("opensearch.aws.sigv4.enabled", "false").trim())
                || subject.authentication().flatMap(a -> a.authenticationType())
                        .filter(type -> type.equalsIgnoreCase("IAM")).isPresent();
        Set<String> found = ConcurrentHashMap.newKeySet();
        Optional<String> secretId = subject.property("SECRET_ID").or(() -> Optional.ofNullable(spark.get("secretId")))
                .or(() -> subject.authentication().flatMap(a -> a.secretArn()));
        OpenSearchAuth auth;
        if (sigv4) {
            Map<String, String> forIdentity = new HashMap<>(subject.properties());
            secretId.ifPresent(id -> forIdentity.put("SECRET_ID", id));
            AwsIdentity identity = AwsIdentity.read(new TestSubject(subject.connectionType(), forIdentity,
                    subject.authentication(), subject.permissions()), secrets, serverIdentity.get(), found);
            if (identity.roleArn().isPresent()) {
                throw new InvalidTestInput("ROLE_ARN is not supported for OPENSEARCH: put the role's access key pair in "
                        + "the secret.");
            }
            String region = Optional.ofNullable(spark.get("opensearch.aws.sigv4.region")).map(String::trim)
                    .orElseThrow(() -> new InvalidTestInput("SigV4 needs opensearch.aws.sigv4.region in "
                            + "SparkProperties (the domain's region, e.g. eu-west-1)."));
            String service = endpoint.host().toLowerCase(Locale.ROOT).endsWith(".aoss.amazonaws.com") ? "aoss" : "es";
            auth = new OpenSearchAuth.SigV4(identity, region, service);
        } else {
            auth = basic(subject, spark, secretId, found);
        }
        return new OpenSearchPlan(endpoint, auth, tls(subject), found);
    }

    private OpenSearchAuth basic(TestSubject subject, Map<String, String> spark, Optional<String> secretId,
            Set<String> found) {
        Optional<String> user = Optional.ofNullable(spark.get("opensearch.net.http.auth.user"));
        Optional<String> password = Optional.empty();
        var inline = subject.authentication().flatMap(a -> a.basicCredentials());
        if (inline.isPresent()) {
            user = inline.get().username().or(() -> Optional.ofNullable(spark.get("opensearch.net.http.auth.user")));
            password = inline.get().password();
        }
        if (password.isEmpty() && secretId.isPresent()) {
            Map<String, String> values = secrets.read(secretId.get().trim(), subject.permissions());
            user = SecretValues.first(values, "opensearch.net.http.auth.user", "username", "user").or(() -> Optional
                    .ofNullable(spark.get("opensearch.net.http.auth.user")));
            password = SecretValues.first(values, "opensearch.net.http.auth.pass", "password");
            if (user.isEmpty() || password.isEmpty()) {
                throw new InvalidTestInput("Secret '" + secretId.get().trim() + "' needs opensearch.net.http.auth.user "
                        + "and opensearch.net.http.auth.pass (or username and password).");
            }
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new InvalidTestInput("OPENSEARCH connections need credentials: secretId in SparkProperties (or "
                    + "SECRET_ID, AuthenticationConfiguration.SecretArn or BasicAuthenticationCredentials) for basic "
                    + "authentication, or opensearch.aws.sigv4.enabled=true for SigV4.");
        }
        found.add(password.get());
        return new OpenSearchAuth.Basic(user.get(), password.get());
    }

    private TlsClient.Settings tls(TestSubject subject) {
        boolean skip = subject.property("SKIP_CERT_VALIDATION").map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false);
        if (skip) {
            return new TlsClient.Settings(false, Optional.empty(), Optional.empty());
        }
        return subject.property("CUSTOM_CERT").map(location -> new TlsClient.Settings(true,
                Optional.of(certificates.load("CUSTOM_CERT", location.trim(), subject.permissions())),
                Optional.empty())).orElse(TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST);
    }

    /** SparkProperties as string values; absent means empty. */
    private static Map<String, String> sparkProperties(TestSubject subject) {
        Optional<String> text = subject.property(SPARK_PROPERTIES);
        if (text.isEmpty()) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.get());
        } catch (java.io.IOException e) {
            throw new InvalidTestInput("SparkProperties is not valid JSON; it must be one JSON object such as "
                    + "{\"opensearch.nodes\": \"https://…\", \"secretId\": \"…\"}.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTestInput("SparkProperties must be a JSON object.");
        }
        Map<String, String> values = new HashMap<>();
        root.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        return values;
    }
}
