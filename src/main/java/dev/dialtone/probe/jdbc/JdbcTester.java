package dev.dialtone.probe.jdbc;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.trust.CertificateLocations;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tests {@code JDBC} connections with each engine's own driver. Reads Glue's properties (the URL,
 * or HOST + PORT + JDBC_ENGINE, and DATABASE; USERNAME + PASSWORD or SECRET_ID), applies the
 * engine's parameter allow-list, and hands a {@link JdbcPlan} to the probe.
 */
public final class JdbcTester implements ConnectionTester {
    private final Map<String, JdbcEngine> byEngineName = new LinkedHashMap<>();
    private final Map<String, JdbcEngine> byScheme = new LinkedHashMap<>();

    private final SecretStore secrets;
    private final CaCertificates certificates;
    private final DriverDirectory drivers;
    // Asked for on every test (to decode the subject, and for each property when the report is redacted): built once,
    // since the engines are fixed here.
    private final List<PropertySpec> properties;

    public JdbcTester(List<JdbcEngine> engines, SecretStore secrets, CaCertificates certificates,
            DriverDirectory drivers) {
        this.secrets = secrets;
        this.certificates = certificates;
        this.drivers = drivers;
        for (JdbcEngine engine : engines) {
            JdbcEngine served = drivers.serving(engine).<JdbcEngine>map(driver -> new InstalledDriverEngine(engine, driver))
                    .orElse(engine);
            engine.engineNames().forEach(name -> byEngineName.put(name, served));
            byScheme.put(engine.urlScheme(), served);
        }
        this.properties = declaredProperties();
    }

    /**
     * Every engine, with no certificate directory and no installed driver (CUSTOM_JDBC_CERT then works
     * with s3:// locations only): for embedders and tests that need nothing else.
     */
    public static JdbcTester withBundledDrivers(SecretStore secrets) {
        return withAllEngines(secrets, new CaCertificates(new CertificateLocations(
                Optional.empty(), new dev.dialtone.aws.AwsSettings(Map.of(), java.time.Duration.ofSeconds(5)))), DriverDirectory.NONE);
    }

    /** Every engine Dialtone knows; vendor engines work once the operator installed their driver. */
    public static JdbcTester withAllEngines(SecretStore secrets, CaCertificates certificates, DriverDirectory drivers) {
        return new JdbcTester(List.of(new PostgresEngine(), new MySqlEngine(), new MariaDbEngine(),
                new SqlServerEngine(), new RedshiftEngine(), new OracleEngine(), new Db2Engine(), new VerticaEngine(),
                new SapHanaEngine(), new TeradataEngine()),
                secrets, certificates, drivers);
    }

    @Override
    public String connectionType() {
        return "JDBC";
    }

    @Override
    public String displayName() {
        return "JDBC database";
    }

    @Override
    public String description() {
        return "Connects with the engine's own JDBC driver (" + engineList()
                + "), over TLS when asked, logs in and proves the user can use the database.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public List<PropertySpec> properties() {
        return properties;
    }

    private List<PropertySpec> declaredProperties() {
        return List.of(
                PropertySpec.optional("JDBC_CONNECTION_URL", "jdbc:<engine>://host[:port][/database][?parameters]; "
                        + "or give HOST, PORT and JDBC_ENGINE"),
                PropertySpec.optional("HOST", "Database host name or IP address (with PORT and JDBC_ENGINE)"),
                PropertySpec.port("PORT", "Database TCP port (with HOST and JDBC_ENGINE)"),
                new PropertySpec("JDBC_ENGINE", "Database engine (with HOST and PORT)", false,
                        List.copyOf(availableNames()), false, Optional.empty()),
                PropertySpec.optional("DATABASE", "Database name, when the URL names none"),
                PropertySpec.optional("USERNAME", "User name to log in with"),
                PropertySpec.secret("PASSWORD", "Password of USERNAME"),
                PropertySpec.optional("SECRET_ID", "Secret holding username and password, instead of USERNAME and "
                        + "PASSWORD: a Secrets Manager name or ARN, env:NAME or file:NAME"),
                PropertySpec.flag("JDBC_ENFORCE_SSL", "Require TLS with full verification of the server's certificate",
                        false),
                PropertySpec.optional("CUSTOM_JDBC_CERT", "CA certificate that signed the server's: s3://bucket/key, "
                        + "or a file name in the server's certificate directory"),
                PropertySpec.optional("CUSTOM_JDBC_CERT_STRING", "Name the server's certificate must carry (SQL Server: "
                        + "hostNameInCertificate; Oracle: the certificate DN)"),
                PropertySpec.flag("SKIP_CUSTOM_JDBC_CERT_VALIDATION", "Encrypt without verifying the server's "
                        + "certificate", false),
                PropertySpec.optional("JDBC_DRIVER_CLASS_NAME", "Only a driver the operator installed in the driver "
                        + "directory"),
                PropertySpec.optional("JDBC_DRIVER_JAR_URI", "Only a driver jar the operator installed in the driver "
                        + "directory"));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Address address = address(subject);
        Map<String, String> parameters;
        try {
            parameters = address.engine.parameterPolicy().check(address.parameters);
        } catch (IllegalArgumentException refused) {
            throw InvalidTestInput.refusedByDriverPolicy(refused.getMessage());
        }
        checkUserNamedDriver(subject, address.engine);
        if (!address.engine.available()) {
            throw new InvalidTestInput(address.engine.displayName() + " cannot be tested here: "
                    + address.engine.unavailableReason() + " The engines Dialtone can test are: " + engineList() + ".");
        }
        JdbcTls tls = JdbcTls.decide(tlsRequest(subject), address.engine.tlsIntent(parameters), address.host,
                address.engine.expectedCertificateName(parameters));
        if (tls.required() && address.engine.tlsUnsupported().isPresent()) {
            throw new InvalidTestInput(address.engine.tlsUnsupported().get());
        }
        JdbcTarget target = new JdbcTarget(address.host, address.port, address.database, address.sid);
        // Building the URL now refuses what the engine cannot address (an Oracle test without a service name).
        address.engine.url(target);
        Credentials credentials = credentials(subject);
        return new JdbcPlan(address.engine, target, parameters, credentials.user, credentials.password, tls);
    }

    /**
     * Glue lets a connection name its own driver jar and class; a user must never make this server load
     * code, so they are accepted only when they name a driver the operator installed, for this engine.
     */
    private void checkUserNamedDriver(TestSubject subject, JdbcEngine engine) {
        Optional<String> className = subject.property("JDBC_DRIVER_CLASS_NAME").map(String::trim);
        Optional<String> jar = subject.property("JDBC_DRIVER_JAR_URI").map(String::trim);
        if (className.isEmpty() && jar.isEmpty()) {
            return;
        }
        Optional<DriverDirectory.Installed> installed = drivers.find(jar, className);
        if (installed.isEmpty()) {
            String key = jar.isPresent() ? "JDBC_DRIVER_JAR_URI" : "JDBC_DRIVER_CLASS_NAME";
            throw InvalidTestInput.refusedByDriverPolicy(key + " is not accepted for a test: Dialtone never loads a driver a user names; "
                    + "it uses its own driver for each engine, or one the operator installed in its driver directory "
                    + "(installed: " + drivers.describe() + ").");
        }
        if (!engine.driverOrigin().equals(Optional.of(installed.get().origin()))) {
            throw new InvalidTestInput("The driver named by JDBC_DRIVER_CLASS_NAME / JDBC_DRIVER_JAR_URI ("
                    + installed.get().origin() + ") does not serve " + engine.displayName() + " here.");
        }
    }

    private TlsRequest tlsRequest(TestSubject subject) {
        boolean enforce = subject.flag("JDBC_ENFORCE_SSL");
        boolean skip = subject.flag("SKIP_CUSTOM_JDBC_CERT_VALIDATION");
        Optional<String> certString = subject.property("CUSTOM_JDBC_CERT_STRING").map(String::trim)
                .filter(value -> !value.isEmpty());
        Optional<KeyStore> anchors = subject.property("CUSTOM_JDBC_CERT").map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(location -> certificates.load("CUSTOM_JDBC_CERT", location, subject.permissions()));
        return new TlsRequest(enforce, anchors, certString, skip);
    }

    private Address address(TestSubject subject) {
        Optional<String> url = subject.property("JDBC_CONNECTION_URL");
        Optional<String> engineName = subject.property("JDBC_ENGINE").map(name -> name.trim().toLowerCase(Locale.ROOT));
        Optional<String> host = subject.property("HOST");
        Optional<Integer> port = subject.integer("PORT");
        Optional<String> database = subject.property("DATABASE");
        database.ifPresent(name -> JdbcUrl.checkDatabase(name, "DATABASE"));
        Optional<JdbcEngine> namedEngine = engineName.map(this::engineNamed);

        if (url.isPresent()) {
            String scheme = JdbcUrl.engineWord(url.get().trim());
            JdbcEngine engine = byScheme.get(scheme);
            if (engine == null) {
                throw new InvalidTestInput("JDBC_CONNECTION_URL scheme 'jdbc:" + scheme
                        + ":' cannot be tested yet; the engines Dialtone can test are: " + engineList() + ".");
            }
            JdbcUrl parsed = engine.parse(url.get().trim());
            if (namedEngine.isPresent() && namedEngine.get() != engine) {
                throw new InvalidTestInput("JDBC_ENGINE '" + engineName.get() + "' does not match JDBC_CONNECTION_URL, "
                        + "which is a " + engine.displayName() + " URL.");
            }
            int effectivePort = parsed.port().orElse(engine.defaultPort());
            if (host.isPresent() && !host.get().equalsIgnoreCase(parsed.host())) {
                throw new InvalidTestInput("HOST '" + host.get() + "' differs from the host in JDBC_CONNECTION_URL ('"
                        + parsed.host() + "'); give one or make them agree.");
            }
            if (port.isPresent() && port.get() != effectivePort) {
                throw new InvalidTestInput("PORT " + port.get() + " differs from the port in JDBC_CONNECTION_URL ("
                        + effectivePort + "); give one or make them agree.");
            }
            if (database.isPresent() && parsed.database().isPresent() && !database.equals(parsed.database())) {
                throw new InvalidTestInput("DATABASE '" + database.get() + "' differs from the database in "
                        + "JDBC_CONNECTION_URL ('" + parsed.database().get() + "'); give one or make them agree.");
            }
            return new Address(engine, parsed.host(), effectivePort, parsed.database().or(() -> database),
                    parsed.sid(), parsed.parameters());
        }

        List<String> missing = new ArrayList<>();
        if (host.isEmpty()) {
            missing.add("HOST");
        }
        if (port.isEmpty()) {
            missing.add("PORT");
        }
        if (engineName.isEmpty()) {
            missing.add("JDBC_ENGINE");
        }
        if (!missing.isEmpty()) {
            throw new InvalidTestInput("JDBC connections need JDBC_CONNECTION_URL, or all of HOST, PORT and "
                    + "JDBC_ENGINE; missing: " + String.join(", ", missing) + ".");
        }
        String hostName = host.get().trim();
        JdbcUrl.checkHost(hostName, "HOST");
        return new Address(namedEngine.get(), hostName, port.get(), database, false, Map.of());
    }

    private JdbcEngine engineNamed(String name) {
        JdbcEngine engine = byEngineName.get(name);
        if (engine != null && !engine.available()) {
            throw new InvalidTestInput("JDBC_ENGINE '" + name + "' cannot be tested here: " + engine.unavailableReason()
                    + " The engines Dialtone can test are: " + engineList() + ".");
        }
        if (engine == null) {
            throw new InvalidTestInput("JDBC_ENGINE '" + name + "' cannot be tested yet; the engines Dialtone can "
                    + "test are: " + engineList() + ".");
        }
        return engine;
    }

    private Credentials credentials(TestSubject subject) {
        Optional<AuthenticationConfiguration.BasicCredentials> basic = subject.authentication()
                .flatMap(AuthenticationConfiguration::basicCredentials);
        Optional<String> user = subject.property("USERNAME").or(() -> basic.flatMap(b -> b.username()));
        Optional<String> password = subject.property("PASSWORD").or(() -> basic.flatMap(b -> b.password()));
        if (user.isPresent() && password.isPresent()) {
            return new Credentials(user.get(), password.get());
        }
        Optional<String> secret = subject.property("SECRET_ID")
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn));
        if (secret.isPresent()) {
            Map<String, String> values = secrets.read(secret.get(), subject.permissions());
            // AWS's rotation templates and RDS-managed secrets write "username"/"password"; Glue's unified
            // connections write "USERNAME"/"PASSWORD"; some tools write "user".
            Optional<String> secretUser = SecretValues.username(values);
            Optional<String> secretPassword = SecretValues.password(values);
            if (secretUser.isEmpty() || secretPassword.isEmpty()) {
                throw new InvalidTestInput("Secret '" + secret.get() + "' has no " + (secretUser.isEmpty() ? "username"
                        : "password") + " key; JDBC tests need 'username' and 'password' in the secret.");
            }
            return new Credentials(user.orElse(secretUser.get()), secretPassword.get());
        }
        throw new InvalidTestInput("JDBC connections need USERNAME and PASSWORD, or SECRET_ID; missing: "
                + (user.isEmpty() && password.isEmpty() ? "USERNAME, PASSWORD" : user.isEmpty() ? "USERNAME" : "PASSWORD")
                + ".");
    }

    private String engineList() {
        return String.join(", ", availableNames());
    }

    private TreeSet<String> availableNames() {
        TreeSet<String> names = new TreeSet<>();
        byEngineName.forEach((name, engine) -> {
            if (engine.available()) {
                names.add(name);
            }
        });
        return names;
    }

    private record Address(JdbcEngine engine, String host, int port, Optional<String> database, boolean sid,
            Map<String, String> parameters) {
    }

    private record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=****]";
        }
    }

}
