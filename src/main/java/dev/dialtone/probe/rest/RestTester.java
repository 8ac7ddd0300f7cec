package dev.dialtone.probe.rest;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Memoized;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests connections of one registered REST type by executing its declaration: the validation request built as
 * declared ({@link RestRequestBuilder}), authenticated as the type declares and the connection supplies, and
 * judged by its ResponseConfiguration ({@link RestPlan}).
 */
public final class RestTester implements ConnectionTester {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String name;
    private final Memoized<Parsed> declared;
    private final SecretStore secrets;
    private final TlsClient.Settings tls;
    private final OriginOverrides overrides;

    public RestTester(RestDeclaration declaration, SecretStore secrets, TlsClient.Settings tls,
            OriginOverrides overrides) {
        this(declaration.name(), new Memoized<>(() -> new Parsed(declaration, Optional.empty())), secrets, tls,
                overrides);
    }

    private RestTester(String name, Memoized<Parsed> declared, SecretStore secrets, TlsClient.Settings tls,
            OriginOverrides overrides) {
        this.name = name;
        this.declared = declared;
        this.secrets = secrets;
        this.tls = tls;
        this.overrides = overrides;
    }

    /** The tester of a type declared by {@code json}, RegisterConnectionType's input (kept for describing it). */
    public static RestTester of(String json, SecretStore secrets, TlsClient.Settings tls, OriginOverrides overrides) {
        Parsed parsed = parse(json);
        return new RestTester(parsed.declaration().name(), new Memoized<>(() -> parsed), secrets, tls, overrides);
    }

    /**
     * The tester of the type {@code name}, whose declaration {@code json} gives is read only when first needed: a
     * server start then does not parse every built-in declaration (~50 ms), only those it is asked about.
     */
    public static RestTester declaredLater(String name, java.util.function.Supplier<String> json, SecretStore secrets,
            TlsClient.Settings tls, OriginOverrides overrides) {
        return new RestTester(name, new Memoized<>(() -> {
            Parsed parsed = parse(json.get());
            if (!parsed.declaration().name().equals(name)) {
                throw new IllegalStateException("the declaration of " + name + " names " + parsed.declaration().name());
            }
            return parsed;
        }), secrets, tls, overrides);
    }

    private static Parsed parse(String json) {
        RestDeclaration declaration = RestDeclaration.parse(json);
        try {
            return new Parsed(declaration, Optional.of(JSON.readTree(json)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a connection type declaration is not JSON", e);
        }
    }

    /** A declaration and the input it was read from, if any. */
    private record Parsed(RestDeclaration declaration, Optional<com.fasterxml.jackson.databind.JsonNode> registration) {
    }

    /** RegisterConnectionType's input this type was declared with, when the tester was made from it. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> registration() {
        return declared.get().registration();
    }

    @Override
    public String connectionType() {
        return name;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String description() {
        return declaration().description().orElse("A registered REST connection type") + " (tested by its "
                + "validation endpoint: " + declaration().validation().requestMethod() + " "
                + declaration().validation().requestPath().orElse("/") + ")";
    }

    @Override
    public List<String> authenticationTypes() {
        return declaration().authenticationTypes();
    }

    /**
     * The connection properties, as the registry decodes and redacts them; none required or restricted here,
     * because the declaration's rules (defaults, READ_ONLY, values from the secret) are applied by the plan.
     */
    @Override
    public List<PropertySpec> properties() {
        List<PropertySpec> specs = new ArrayList<>();
        for (ConnectorProperty property : declaration().connectionProperties()) {
            specs.add(new PropertySpec(property.name(), "declared by " + declaration().name(), false, List.of(),
                    property.secret(), Optional.empty()));
        }
        for (ConnectorProperty property : declaration().customParameters()) {
            specs.add(new PropertySpec(property.name(), "custom authentication parameter", false, List.of(),
                    property.secret(), Optional.empty()));
        }
        specs.add(PropertySpec.optional("SECRET_ID", "Secret holding the credentials, instead of "
                + "AuthenticationConfiguration.SecretArn"));
        return specs;
    }

    public RestDeclaration declaration() {
        return declared.get().declaration();
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Set<String> found = ConcurrentHashMap.newKeySet();
        Optional<AuthenticationConfiguration> auth = subject.authentication();
        Optional<String> secretId = auth.flatMap(AuthenticationConfiguration::secretArn)
                .or(() -> subject.property("SECRET_ID"));
        Map<String, String> secret = secretId.map(id -> secrets.read(id, subject.permissions())).orElse(Map.of());
        secret.values().forEach(found::add);
        RestRequestBuilder builder = new RestRequestBuilder(declaration(), subject, secret, overrides, found);
        RestRequestBuilder.Request request = builder.validationRequest();
        return new RestPlan(declaration(), request, authentication(builder, subject, auth, secret, found), tls, found);
    }

    private RestPlan.Credential authentication(RestRequestBuilder builder, TestSubject subject,
            Optional<AuthenticationConfiguration> auth, Map<String, String> secret, Set<String> found) {
        String type = auth.flatMap(AuthenticationConfiguration::authenticationType)
                .map(t -> t.toUpperCase(Locale.ROOT))
                .orElse(declaration().authenticationTypes().isEmpty() ? "NONE" : declaration().authenticationTypes().get(0));
        if (!type.equals("NONE") && !declaration().authenticationTypes().contains(type)) {
            throw new InvalidTestInput("AuthenticationType " + type + " is not one " + declaration().name()
                    + " declares; it takes: " + String.join(", ", declaration().authenticationTypes()) + ".");
        }
        return switch (type) {
            case "NONE" -> new RestPlan.Credential.None();
            case "BASIC" -> basic(auth, secret, found);
            case "CUSTOM" -> new RestPlan.Credential.Custom(builder.customParameters(
                    auth.map(AuthenticationConfiguration::customCredentials).orElse(Map.of())));
            case "OAUTH2" -> new RestPlan.Credential.OAuth2(OAuth2Grants.read(declaration(), auth, secret, overrides,
                    found, subject::property));
            default -> throw new InvalidTestInput("AuthenticationType " + type + " cannot be tested for a REST "
                    + "connection type; BASIC, CUSTOM and OAUTH2 can.");
        };
    }

    private RestPlan.Credential basic(Optional<AuthenticationConfiguration> auth, Map<String, String> secret,
            Set<String> found) {
        Optional<AuthenticationConfiguration.BasicCredentials> inline =
                auth.flatMap(AuthenticationConfiguration::basicCredentials);
        String user = inline.flatMap(AuthenticationConfiguration.BasicCredentials::username)
                .or(() -> anyCase(secret, "USERNAME"))
                .orElseThrow(() -> new InvalidTestInput("BASIC authentication needs a user name: "
                        + "BasicAuthenticationCredentials.Username, or USERNAME in the secret."));
        String password = inline.flatMap(AuthenticationConfiguration.BasicCredentials::password)
                .or(() -> anyCase(secret, "PASSWORD"))
                .orElseThrow(() -> new InvalidTestInput("BASIC authentication needs a password: "
                        + "BasicAuthenticationCredentials.Password, or PASSWORD in the secret."));
        found.add(password);
        return new RestPlan.Credential.Basic(user, password);
    }

    static Optional<String> anyCase(Map<String, String> values, String key) {
        return values.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst();
    }
}
