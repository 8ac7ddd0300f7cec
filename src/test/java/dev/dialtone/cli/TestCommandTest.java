package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.MariaDbServer;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.model.ConnectionType;

/** {@code dialtone test} and {@code dialtone history}, against the real PostgreSQL and MariaDB fixtures. */
class TestCommandTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static final String PG_PASSWORD = "Cli-Pg-Pw-3a9";
    private static PostgresServer pg;
    private static MariaDbServer maria;
    @TempDir
    Path dir;

    @BeforeAll
    static void databases() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("cli_user", PG_PASSWORD);
        maria = SharedDatabases.mariadb();
    }

    /** What one run of the command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private Run run(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        TestCommand command = new TestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), in, environment, false);
        CommandLine line = new CommandLine(command)
                .setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path definitions(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private String passingJson() {
        return "[{\"Name\":\"pg\",\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{\"JDBC_CONNECTION_URL\":\""
                + pg.jdbcUrl("postgres") + "\",\"USERNAME\":\"cli_user\",\"PASSWORD\":\"${env:PG_PW}\"}},"
                + "{\"ConnectionInput\":{\"Name\":\"maria\",\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                + "\"JDBC_CONNECTION_URL\":\"" + maria.jdbcUrl(MariaDbServer.DATABASE) + "\",\"USERNAME\":\""
                + MariaDbServer.USER + "\",\"PASSWORD\":\"" + MariaDbServer.PASSWORD + "\"}}}]";
    }

    @Test
    void theHelpShowsTheEnvironmentSyntaxLiterallyAndFitsEightyColumns() {
        Run run = run(Map.of(), "", "--help");
        assertThat(run.exitCode()).isZero();
        // picocli would otherwise interpolate ${env:NAME} in its own help text, printing "null".
        assertThat(run.out()).contains("use ${env:NAME}").contains("unset ${env:NAME}").doesNotContain("null");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void aFileWhoseConnectionsAllPassExitsZeroWithATable() throws Exception {
        Run run = run(Map.of("PG_PW", PG_PASSWORD), "", "--file",
                definitions("ok.json", passingJson()).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("NAME", "RESULT", "pg ", "maria ", "PASSED", "2 of 2 passed")
                .doesNotContain(PG_PASSWORD);
        assertThat(run.err()).contains("PASS  pg (JDBC)", "PASS  maria (JDBC)").doesNotContain("\033[");
    }

    @Test
    void yamlWithAFailureExitsOneAndTheJsonReportSaysWhereItFailed() throws Exception {
        Path yaml = definitions("mixed.yaml", String.join("\n",
                "Connections:",
                "  - Name: pg-good",
                "    ConnectionType: JDBC",
                "    ConnectionProperties:",
                "      JDBC_CONNECTION_URL: " + pg.jdbcUrl("postgres"),
                "      USERNAME: cli_user",
                "      PASSWORD: ${env:PG_PW}",
                "  - Name: pg-wrong",
                "    ConnectionType: JDBC",
                "    ConnectionProperties:",
                "      JDBC_CONNECTION_URL: " + pg.jdbcUrl("postgres"),
                "      USERNAME: cli_user",
                "      PASSWORD: not-${env:PG_PW}",
                "  - Name: nothing-there",
                "    ConnectionType: NETWORK",
                "    ConnectionProperties: {HOST: 127.0.0.1, PORT: '" + Ports.free() + "'}",
                ""));
        Run run = run(Map.of("PG_PW", PG_PASSWORD), "", "--file", yaml.toString(), "--output", "json",
                "--parallel", "3");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("Summary").path("Total").asInt()).isEqualTo(3);
        assertThat(report.path("Summary").path("Passed").asInt()).isEqualTo(1);
        JsonNode results = report.path("Results");
        assertThat(results.get(0).path("Result").asText()).isEqualTo("PASSED");
        assertThat(results.get(0).path("Details").path("server").asText()).startsWith("PostgreSQL");
        assertThat(results.get(1).path("Result").asText()).isEqualTo("FAILED");
        assertThat(results.get(1).path("FailedStage").asText()).isEqualTo("AUTHENTICATE");
        assertThat(results.get(2).path("FailedStage").asText()).isEqualTo("CONNECT");
        assertThat(results.get(2).path("Stages").findValuesAsText("Stage")).contains("RESOLVE", "CONNECT");
        assertThat(run.out() + run.err()).doesNotContain(PG_PASSWORD);
    }

    @Test
    void theJunitReportHasOneTestcasePerConnection() throws Exception {
        Path report = dir.resolve("report.xml");
        Run run = run(Map.of("PG_PW", "wrong-on-purpose"), "", "--file",
                definitions("junit.json", passingJson()).toString(), "--output", "junit", "--output-file",
                report.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element pgCase = (Element) cases.item(0);
        assertThat(pgCase.getAttribute("name")).isEqualTo("pg");
        Element failure = (Element) pgCase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("AUTHENTICATE");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(run(Map.of(), "", "--file", definitions("env.json", passingJson()).toString()).err())
                .contains("${env:PG_PW}", "not set");
        assertThat(run(Map.of(), "", "--file", definitions("env.json", passingJson()).toString()).exitCode())
                .isEqualTo(2);
        assertThat(run(Map.of(), "", "--file", dir.resolve("missing.json").toString()).exitCode()).isEqualTo(2);
        Run malformed = run(Map.of(), "", "--file", definitions("bad.json", "[{\"Name\":\"x\"}]").toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("entry 1: ConnectionType is required");
        assertThat(run(Map.of(), "").exitCode()).isEqualTo(2);
        assertThat(run(Map.of(), "", "--type", "JDBC", "--output", "xml").exitCode()).isEqualTo(2);
        assertThat(run(Map.of(), "", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void theOneOffFormTakesThePasswordFromStandardInput() {
        Run run = run(Map.of(), PG_PASSWORD + "\n", "--type", "JDBC", "-p",
                "JDBC_CONNECTION_URL=" + pg.jdbcUrl("postgres"), "-p", "USERNAME=cli_user", "--password-stdin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("one-off", "PASSED");
        Run wrong = run(Map.of(), "nope\n", "--type", "JDBC", "--name", "adhoc", "-p",
                "JDBC_CONNECTION_URL=" + pg.jdbcUrl("postgres"), "-p", "USERNAME=cli_user", "--password-stdin");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("adhoc", "AUTHENTICATE");
    }

    @Test
    void throughAServerByNameAndInlineAndItsHistory() throws Exception {
        SERVER.glue().createConnection(r -> r.connectionInput(c -> c.name("stored-pg").connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("postgres"),
                        "USERNAME", "cli_user", "PASSWORD", PG_PASSWORD))));
        String endpoint = SERVER.endpoint().toString();
        Run byName = run(Map.of(), "", "--endpoint", endpoint, "--name", "stored-pg", "--output", "json");
        assertThat(byName.exitCode()).as(byName.err()).isZero();
        Run missing = run(Map.of(), "", "--endpoint", endpoint, "--name", "not-stored");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("EntityNotFoundException");
        Run inline = run(Map.of("PG_PW", "wrong"), "", "--endpoint", endpoint, "--file",
                definitions("remote.json", passingJson()).toString(), "--output", "json");
        assertThat(inline.exitCode()).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(inline.out()).path("Results");
        assertThat(results.get(0).path("FailedStage").asText()).isEqualTo("AUTHENTICATE");
        assertThat(results.get(1).path("Result").asText()).isEqualTo("PASSED");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new CommandLine(new HistoryCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                .execute("stored-pg", "--endpoint", endpoint);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("stored-pg: 1 test kept", "SUCCEEDED",
                "RESOLVE=", "AUTHORIZE=");
    }
}
