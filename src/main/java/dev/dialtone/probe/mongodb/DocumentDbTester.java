package dev.dialtone.probe.mongodb;

import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.trust.CaCertificates;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amazon DocumentDB, which speaks MongoDB's wire protocol: tested by the MongoDB tester with DocumentDB's
 * defaults, in the shape Glue's Athena connector reads ({@code HOST}, {@code PORT}, {@code JDBC_PARAMS} as URL
 * options, the secret in {@code AuthenticationConfiguration.SecretArn}). AWS's guidance for every DocumentDB
 * client is TLS on (verified against the RDS CA bundle, named here by {@code CUSTOM_JDBC_CERT}) and
 * {@code retryWrites=false} (DocumentDB does not support retryable writes).
 */
public final class DocumentDbTester implements ConnectionTester {
    private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}=[A-Za-z0-9_.:-]{0,128}");
    private final MongoTester mongo;
    private final CaCertificates certificates;

    public DocumentDbTester(MongoTester mongo, CaCertificates certificates) {
        this.mongo = mongo;
        this.certificates = certificates;
    }

    @Override
    public String connectionType() {
        return "DOCUMENTDB";
    }

    @Override
    public String displayName() {
        return "Amazon DocumentDB";
    }

    @Override
    public String description() {
        return "Connects with the MongoDB Java driver as DocumentDB asks (TLS verified against the CA in "
                + "CUSTOM_JDBC_CERT or the JVM's trust store, retryWrites=false), logs in with the secret named by "
                + "AuthenticationConfiguration.SecretArn and lists the collections of DATABASE.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public Optional<AuthenticationRequirement> authenticationRequirement() {
        return Optional.of(AuthenticationRequirement.UNIFIED_DATABASE);
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.required("HOST", "Cluster endpoint (or an instance endpoint)"),
                PropertySpec.port("PORT", "Cluster port", 27017),
                PropertySpec.optional("DATABASE", "Database whose collections the test lists"),
                PropertySpec.optional("JDBC_PARAMS", "MongoDB URL options joined with '&' (replicaSet=rs0&"
                        + "readPreference=secondaryPreferred); tls=false for a cluster with TLS turned off"),
                PropertySpec.optional("CUSTOM_JDBC_CERT", "The RDS CA bundle (global-bundle.pem): s3://bucket/key, or a "
                        + "file name in the server's certificate directory; without it the JVM's trust store"),
                PropertySpec.flag("SKIP_CERT_VALIDATION", "Encrypt without verifying the cluster's certificate",
                        false));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        String host = subject.property("HOST").orElseThrow().trim();
        int port = subject.integer("PORT").orElseThrow();
        Optional<String> database = subject.property("DATABASE").map(String::trim).filter(name -> !name.isEmpty());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tls", "true");
        options.put("retryWrites", "false");
        for (String pair : subject.property("JDBC_PARAMS").map(String::trim).orElse("").split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (!OPTION.matcher(pair).matches()) {
                throw new InvalidTestInput("JDBC_PARAMS must be MongoDB URL options joined with '&' "
                        + "(replicaSet=rs0&readPreference=secondaryPreferred) (got '" + pair + "').");
            }
            String key = pair.substring(0, pair.indexOf('='));
            String folded = key.toLowerCase(Locale.ROOT);
            options.keySet().removeIf(existing -> existing.toLowerCase(Locale.ROOT).equals(folded)
                    || folded.equals("ssl") && existing.equals("tls"));
            options.put(key, pair.substring(pair.indexOf('=') + 1));
        }
        String query = String.join("&", options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Map<String, String> properties = new HashMap<>();
        properties.put("CONNECTION_URL", "mongodb://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/" + database.orElse("") + "?" + query);
        properties.put("SKIP_CERT_VALIDATION", String.valueOf(subject.flag("SKIP_CERT_VALIDATION")));
        Optional<KeyStore> anchors = subject.property("CUSTOM_JDBC_CERT").map(String::trim)
                .filter(location -> !location.isEmpty())
                .map(location -> certificates.load("CUSTOM_JDBC_CERT", location, subject.permissions()));
        TestSubject asMongo = new TestSubject("MONGODB", properties, subject.authentication(), subject.permissions());
        return mongo.plan(TesterRegistry.decode(mongo, asMongo), anchors);
    }
}
