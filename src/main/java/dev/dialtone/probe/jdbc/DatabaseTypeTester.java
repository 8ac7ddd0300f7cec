package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.TesterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of Glue's first-class database types (POSTGRESQL, SQLSERVER, VERTICA, ...) in the shape Glue gives them:
 * {@code HOST}, {@code PORT}, {@code DATABASE}, optional {@code JDBC_PARAMS} and {@code JDBC_ENFORCE_SSL}, and an
 * {@code AuthenticationConfiguration} (BASIC, with a {@code SecretArn} or inline credentials). The test is the
 * JDBC test of the type's engine: the URL is built in the engine's own syntax from the checked parts, then parsed
 * and allow-listed exactly as a {@code JDBC_CONNECTION_URL} would be, so both shapes share every rule.
 */
public final class DatabaseTypeTester implements ConnectionTester {
    private final DatabaseType type;
    private final JdbcTester jdbc;

    public DatabaseTypeTester(DatabaseType type, JdbcTester jdbc) {
        this.type = type;
        this.jdbc = jdbc;
    }

    /** The type's declaration: its Glue name, its engine and the shape of its URL. */
    public DatabaseType type() {
        return type;
    }

    @Override
    public String connectionType() {
        return type.connectionType();
    }

    @Override
    public String displayName() {
        return type.displayName();
    }

    @Override
    public String description() {
        return "Tests a " + type.displayName() + " database with " + type.driverNote() + ": resolves HOST, connects "
                + "to PORT through Dialtone's dialer, " + type.tlsNote() + ", logs in with the secret named by "
                + "AuthenticationConfiguration.SecretArn and proves the user can use DATABASE.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public Optional<AuthenticationRequirement> authenticationRequirement() {
        // Glue's Spark shape (Azure SQL) names its secret inside SparkProperties instead.
        return sparkShaped() ? Optional.empty() : Optional.of(AuthenticationRequirement.UNIFIED_DATABASE);
    }

    @Override
    public List<PropertySpec> properties() {
        List<PropertySpec> properties = new ArrayList<>(List.of(
                sparkShaped() ? PropertySpec.optional("HOST", "Database host name (or give SparkProperties)")
                        : PropertySpec.required("HOST", "Database host name or IP address"),
                PropertySpec.port("PORT", "Database TCP port", type.defaultPort()),
                type.databaseRequired() && !sparkShaped() ? PropertySpec.required("DATABASE", type.databaseMeaning())
                        : PropertySpec.optional("DATABASE", type.databaseMeaning()),
                PropertySpec.optional("JDBC_PARAMS", "Driver parameters, as the engine writes them in its URL ("
                        + type.paramsSyntax() + "); each is checked against the driver's allow-list"),
                PropertySpec.flag("JDBC_ENFORCE_SSL", "Require TLS with full verification of the server's certificate",
                        false),
                PropertySpec.optional("CUSTOM_JDBC_CERT", "CA certificate that signed the server's: s3://bucket/key, "
                        + "or a file name in the server's certificate directory"),
                PropertySpec.optional("CUSTOM_JDBC_CERT_STRING", "Name the server's certificate must carry instead of "
                        + "HOST"),
                PropertySpec.flag("SKIP_CUSTOM_JDBC_CERT_VALIDATION", "Encrypt without verifying the server's "
                        + "certificate", false),
                PropertySpec.optional("ROLE_ARN", "Glue's role for the connection; Dialtone does not assume roles, "
                        + "the test uses the secret")));
        if (sparkShaped()) {
            properties.add(PropertySpec.optional("SparkProperties", "Glue's Spark shape: JSON with \"url\" "
                    + "(jdbc:sqlserver://<server>.database.windows.net:1433;databaseName=<db>) and \"secretId\", "
                    + "instead of HOST, PORT, DATABASE and SecretArn"));
        }
        return List.copyOf(properties);
    }

    /** Glue gives Azure SQL connections as one JSON string of Spark options. */
    private boolean sparkShaped() {
        return type.connectionType().equals("AZURESQL");
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        if (sparkShaped() && subject.property("SparkProperties").isPresent()) {
            return planSpark(subject);
        }
        if (subject.property("HOST").filter(host -> !host.isBlank()).isEmpty()) {
            throw new InvalidTestInput(connectionType() + " connections need HOST (or SparkProperties).");
        }
        String host = subject.property("HOST").orElseThrow().trim();
        JdbcUrl.checkHost(host, "HOST");
        int port = subject.integer("PORT").orElseThrow();
        Optional<String> database = subject.property("DATABASE").map(String::trim).filter(name -> !name.isEmpty());
        database.ifPresent(name -> JdbcUrl.checkDatabase(name, "DATABASE"));
        Map<String, String> params = type.params(subject.property("JDBC_PARAMS").map(String::trim).orElse(""));
        return planJdbc(type.url(host, port, database, params), host, port, subject, Optional.empty());
    }

    /** SparkProperties {"url": "jdbc:sqlserver://...", "secretId": "..."}: the URL parsed as SQL Server's. */
    private TestPlan planSpark(TestSubject subject) {
        com.fasterxml.jackson.databind.JsonNode spark;
        try {
            spark = new com.fasterxml.jackson.databind.ObjectMapper().readTree(subject.property("SparkProperties")
                    .orElseThrow());
        } catch (java.io.IOException e) {
            throw new InvalidTestInput("SparkProperties must be a JSON object with \"url\" and \"secretId\".");
        }
        if (spark == null || !spark.isObject() || !spark.path("url").isTextual()) {
            throw new InvalidTestInput("SparkProperties must be a JSON object with \"url\" (jdbc:sqlserver://"
                    + "<server>.database.windows.net:1433;databaseName=<db>) and \"secretId\".");
        }
        JdbcUrl parsed = new SqlServerEngine().parse(spark.path("url").asText().trim());
        Map<String, String> params = type.params(String.join(";", parsed.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        int port = parsed.port().orElse(type.defaultPort());
        Optional<String> secretId = spark.path("secretId").isTextual() ? Optional.of(spark.path("secretId").asText())
                : Optional.empty();
        return planJdbc(type.url(parsed.host(), port, parsed.database(), params), parsed.host(), port, subject,
                secretId);
    }

    private TestPlan planJdbc(String url, String host, int port, TestSubject subject, Optional<String> secretId) {
        Map<String, String> jdbcProperties = new HashMap<>();
        jdbcProperties.put("JDBC_CONNECTION_URL", url);
        jdbcProperties.put("HOST", host);
        jdbcProperties.put("PORT", String.valueOf(port));
        secretId.ifPresent(id -> jdbcProperties.put("SECRET_ID", id));
        for (String key : List.of("JDBC_ENFORCE_SSL", "SKIP_CUSTOM_JDBC_CERT_VALIDATION")) {
            jdbcProperties.put(key, String.valueOf(subject.flag(key)));
        }
        for (String key : List.of("CUSTOM_JDBC_CERT", "CUSTOM_JDBC_CERT_STRING")) {
            subject.property(key).ifPresent(value -> jdbcProperties.put(key, value));
        }
        boolean credentials = subject.authentication().map(auth -> auth.secretArn().isPresent()
                || auth.basicCredentials().isPresent()).orElse(false);
        if (!credentials && secretId.isEmpty()) {
            throw new InvalidTestInput(connectionType() + " connections need AuthenticationConfiguration.SecretArn (a "
                    + "secret holding username and password), or BasicAuthenticationCredentials.");
        }
        TestSubject asJdbc = new TestSubject("JDBC", jdbcProperties, subject.authentication(), subject.permissions());
        return jdbc.plan(TesterRegistry.decode(jdbc, asJdbc));
    }
}
