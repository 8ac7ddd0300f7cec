package dev.dialtone.cli;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.probe.TestSubject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dialtone test}: tests connection definitions for CI, in-process or through a server. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test connections: a file of Glue ConnectionInput definitions, one definition given with -p, "
                + "or connections stored on a Dialtone server (--endpoint with --name).", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every connection passed", "  1  at least one connection failed, timed out or could not be tested",
                "  2  bad input (unreadable file, invalid definition, unset $${env:NAME}, bad options)", "",
                "Examples:",
                "  dialtone test -f connections.yaml --output junit --output-file report.xml",
                "  dialtone test --type JDBC -p USERNAME=app --password-stdin \\",
                "      -p JDBC_CONNECTION_URL=jdbc:postgresql://db:5432/app",
                "  echo \"$SLACK_TOKEN\" | dialtone test --type SLACK --access-token-stdin",
                "  dialtone test --type STRIPE --authentication '{\"AuthenticationType\":\"CUSTOM\",",
                "      \"CustomAuthenticationCredentials\":{\"apiKey\":\"$${env:KEY}\"}}'",
                "  dialtone test --endpoint http://127.0.0.1:4599 --name sales"})
public final class TestCommand implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = {"-f", "--file"}, description = "JSON or YAML list of ConnectionInput objects; string values may "
            + "use $${env:NAME}.")
    Path file;

    @Option(names = "--type", description = "Connection type of a one-off test (JDBC, NETWORK, ...).")
    String type;

    @Option(names = {"-p", "--property"}, description = "A connection property of a one-off test, KEY=VALUE "
            + "(repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--password-stdin", description = "Read the PASSWORD property of a one-off test from standard "
            + "input, so it stays out of the shell history.")
    boolean passwordStdin;

    @Option(names = "--authentication", description = "The AuthenticationConfiguration of a one-off test, as Glue's "
            + "JSON (OAUTH2, BASIC or CUSTOM credentials, SecretArn); string values may use $${env:NAME}.")
    String authentication;

    @Option(names = "--access-token-stdin", description = "Read the OAuth2 access token of a one-off test from standard "
            + "input (AuthenticationType OAUTH2 with OAuth2Credentials.AccessToken, added to --authentication).")
    boolean accessTokenStdin;

    @Option(names = "--name", description = "With --endpoint: a stored connection to test by name (repeatable). "
            + "With --type: the name shown in the report.")
    List<String> names = new ArrayList<>();

    @Option(names = "--endpoint", description = "Run the tests through this Dialtone server (e.g. http://127.0.0.1:4599) "
            + "instead of in this process.")
    URI endpoint;

    @Option(names = "--catalog-id", description = "With --endpoint: the catalog of the connections.")
    String catalogId;

    @Mixin
    SigningOptions signing = new SigningOptions();

    @Option(names = "--parallel", defaultValue = "4", description = "Tests run at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--timeout", description = "Deadline of one in-process test, e.g. 10s (DIALTONE_TEST_TIMEOUT; "
            + "default 10s).")
    String timeout;

    @Option(names = "--output", defaultValue = "table", description = "Report format: table, json or junit "
            + "(default ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--output-file", description = "Write the report to this file instead of standard output.")
    Path outputFile;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private RequestSigner signer;
    private final Map<String, String> environment;
    private final boolean terminal;

    public TestCommand() {
        this(System.out, System.err, System.in, System.getenv(), Terminal.isTerminal(2));
    }

    TestCommand(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean terminal) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<TestCase> cases;
        DialtoneConfig config;
        try {
            checkOptions();
            cases = cases();
            config = DialtoneConfig.fromEnvironment(environment);
            signer = endpoint == null ? null : signing.signer(environment);
            if (timeout != null) {
                config = config.withTestTimeout(DialtoneConfig.parseDuration(timeout));
            }
        } catch (DefinitionFile.BadInput | IllegalArgumentException | IOException e) {
            err.println("dialtone test: " + e.getMessage());
            return BAD_INPUT;
        }
        if (cases.isEmpty()) {
            err.println("dialtone test: no connections to test.");
            return BAD_INPUT;
        }
        List<TestResult> results = run(cases, config);
        try {
            String report = ReportWriter.write(output, results);
            if (outputFile != null) {
                Files.writeString(outputFile, report);
            } else {
                out.print(report);
                out.flush();
            }
        } catch (IOException e) {
            err.println("dialtone test: cannot write " + outputFile + ": " + e.getMessage());
            return BAD_INPUT;
        }
        return results.stream().allMatch(TestResult::passed) ? PASSED : FAILED;
    }

    private void checkOptions() {
        if (!List.of("table", "json", "junit").contains(output)) {
            throw new IllegalArgumentException("--output must be table, json or junit (got '" + output + "').");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1.");
        }
        int forms = (file != null ? 1 : 0) + (type != null ? 1 : 0) + (endpoint != null && file == null && type == null
                && !names.isEmpty() ? 1 : 0);
        if (forms != 1) {
            throw new IllegalArgumentException("give --file, or --type with -p properties, or --endpoint with --name.");
        }
        if (type == null && (!properties.isEmpty() || passwordStdin || authentication != null || accessTokenStdin)) {
            throw new IllegalArgumentException("-p, --password-stdin, --authentication and --access-token-stdin go "
                    + "with --type.");
        }
        if (passwordStdin && accessTokenStdin) {
            throw new IllegalArgumentException("standard input holds one secret: give --password-stdin or "
                    + "--access-token-stdin, not both.");
        }
        if (catalogId != null && endpoint == null) {
            throw new IllegalArgumentException("--catalog-id goes with --endpoint.");
        }
    }

    private List<TestCase> cases() throws DefinitionFile.BadInput, IOException {
        if (file != null) {
            return DefinitionFile.read(file, environment);
        }
        if (type != null) {
            Map<String, String> given = new LinkedHashMap<>(properties);
            if (passwordStdin) {
                given.put("PASSWORD", stdinLine("--password-stdin", "password"));
            }
            Optional<AuthenticationConfiguration> auth = authentication == null ? Optional.empty()
                    : Optional.of(DefinitionFile.authentication(authentication, environment));
            if (accessTokenStdin) {
                auth = Optional.of(withAccessToken(auth, stdinLine("--access-token-stdin", "access token")));
            }
            String name = names.isEmpty() ? "one-off" : names.get(0);
            return List.of(new TestCase(name, type, Optional.of(new TestSubject(type, given, auth))));
        }
        return names.stream().map(name -> new TestCase(name, "stored", Optional.<TestSubject>empty())).toList();
    }

    private String stdinLine(String option, String what) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException(option + ": standard input held no " + what + ".");
        }
        return line;
    }

    /** {@code auth} (or none) with the access token as OAuth2Credentials.AccessToken, AuthenticationType OAUTH2. */
    private static AuthenticationConfiguration withAccessToken(Optional<AuthenticationConfiguration> auth,
            String token) {
        Optional<OAuth2Properties> oauth = auth.flatMap(AuthenticationConfiguration::oauth2Properties);
        OAuth2Properties properties = new OAuth2Properties(oauth.flatMap(OAuth2Properties::grantType),
                oauth.flatMap(OAuth2Properties::clientId),
                oauth.flatMap(OAuth2Properties::awsManagedClientApplicationReference),
                oauth.flatMap(OAuth2Properties::tokenUrl), oauth.map(OAuth2Properties::tokenUrlParameters)
                .orElse(Map.of()), oauth.flatMap(OAuth2Properties::redirectUri),
                oauth.flatMap(OAuth2Properties::authorizationCode), oauth.flatMap(OAuth2Properties::clientSecret),
                Optional.of(token), oauth.flatMap(OAuth2Properties::refreshToken),
                oauth.flatMap(OAuth2Properties::jwtToken));
        return new AuthenticationConfiguration(Optional.of("OAUTH2"),
                auth.flatMap(AuthenticationConfiguration::secretArn),
                auth.flatMap(AuthenticationConfiguration::kmsKeyArn), Optional.of(properties),
                auth.flatMap(AuthenticationConfiguration::basicCredentials),
                auth.map(AuthenticationConfiguration::customCredentials).orElse(Map.of()));
    }

    private List<TestResult> run(List<TestCase> cases, DialtoneConfig config) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, cases.size()));
        try (TestRunner runner = endpoint != null
                ? new RemoteRunner(endpoint, Optional.ofNullable(catalogId), signer)
                : new InProcessRunner(config);
                Progress progress = Progress.forStream(err, terminal, cases)) {
            List<Future<TestResult>> futures = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    progress.started(index);
                    TestResult result = runner.run(cases.get(index), stage -> progress.stage(index, stage));
                    progress.finished(index, result);
                    return result;
                }));
            }
            List<TestResult> results = new ArrayList<>();
            for (Future<TestResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
