package dev.dialtone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.Browser;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * The web console in a real headless Chromium against a real server and the suite's PostgreSQL: a connection made
 * through the form, tested, broken and tested again, its timelines, history, CLI text, the list's filters, HTML in
 * names and values shown as text, no secret anywhere the browser holds, a live test, and the signed mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final String CANARY = "Canary-pw-7f3a9c1e";
    private static final String WRONG = "Wrong-pw-55d0b2";
    private static final String ROLE = "console_analyst";
    private static final String DATABASE = "console_sales";
    private static final String NAME = "orders-db";
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static final List<String> STAGES = List.of("RESOLVE", "CONNECT", "TLS", "HANDSHAKE", "AUTHENTICATE",
            "AUTHORIZE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ANA_KEY = "AKIACONSOLEANA000001";
    private static final String ANA_SECRET = "ana-console-secret-key-0123456789abcdef";
    private static final Path CREDENTIALS = credentials();

    @RegisterExtension
    @Order(1)
    static final Browser BROWSER = new Browser();

    /** A short deadline, so the live test against a silent server ends soon. */
    @RegisterExtension
    @Order(2)
    static final DialtoneExtension SERVER = new DialtoneExtension(Duration.ofSeconds(4));

    @RegisterExtension
    @Order(3)
    static final DialtoneExtension SIGNED = new DialtoneExtension(config -> config.withCredentialsFile(CREDENTIALS));

    private static PostgresServer postgres;
    private static Tarpit tarpit;

    @BeforeAll
    static void database() throws Exception {
        postgres = SharedDatabases.postgres();
        postgres.createRole(ROLE, CANARY);
        postgres.createDatabase(DATABASE, ROLE);
        tarpit = new Tarpit();
    }

    @AfterAll
    static void closeTarpit() throws Exception {
        tarpit.close();
    }

    private static ChromeDriver driver() {
        return BROWSER.driver();
    }

    private static WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver(), timeout);
    }

    private static WebElement visible(String css) {
        return waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static String console(DialtoneExtension server) {
        return "http://127.0.0.1:" + server.port() + "/console/";
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE;
    }

    @Test
    @Order(1)
    void aConnectionMadeThroughTheFormTestsReadyWithEveryStageOnItsTimeline() throws Exception {
        driver().get(console(SERVER));
        visible("#new-connection").click();
        visible("#f-name").sendKeys(NAME);
        driver().findElement(By.id("f-description")).sendKeys("Orders, made in the console");
        new Select(driver().findElement(By.id("f-type"))).selectByValue("JDBC");
        // The form is DescribeConnectionType's: a field per declared property, secrets as password inputs.
        visible("input[name='JDBC_CONNECTION_URL']").sendKeys(jdbcUrl());
        driver().findElement(By.cssSelector("input[name='USERNAME']")).sendKeys(ROLE);
        WebElement password = driver().findElement(By.cssSelector("input[name='PASSWORD']"));
        assertThat(password.getAttribute("type")).isEqualTo("password");
        assertThat(driver().findElements(By.cssSelector("select[name='JDBC_ENGINE'] option")))
                .extracting(WebElement::getText).contains("postgresql", "mysql");
        password.sendKeys(CANARY);
        BROWSER.screenshot("form");
        driver().findElement(By.id("save")).click();

        visible("#test-now");
        assertThat(driver().getCurrentUrl()).endsWith("#/c/" + NAME);
        assertThat(SERVER.glue().getConnection(r -> r.name(NAME)).connection().connectionPropertiesAsStrings())
                .containsEntry("PASSWORD", CANARY).containsEntry("USERNAME", ROLE);
        assertThat(visible("#definition").getText()).contains(jdbcUrl(), ROLE).doesNotContain(CANARY);

        driver().findElement(By.id("test-now")).click();
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "passed"));
        assertThat(visible("#live-outcome").getText()).startsWith("READY");
        visible("#history-pictures > li");
        List<WebElement> stages = driver().findElements(By.cssSelector("#history-pictures > li:first-child .stage"));
        assertThat(stages).extracting(stage -> stage.getAttribute("data-stage")).containsExactlyElementsOf(STAGES);
        assertThat(stages).extracting(stage -> stage.getAttribute("data-state")).doesNotContain("failed");
        // Each stage the report timed is drawn with its duration.
        JsonNode report = history(NAME).get(0);
        for (JsonNode stage : report.get("Stages")) {
            WebElement box = driver().findElement(By.cssSelector("#history-pictures > li:first-child .stage[data-stage='"
                    + stage.get("Stage").asText() + "']"));
            assertThat(box.getAttribute("data-state")).isEqualTo("passed");
            assertThat(box.findElement(By.className("stage-time")).getText()).endsWith("ms");
        }
        assertThat(driver().findElement(By.cssSelector("#connection-status .badge")).getText()).isEqualTo("READY");
        BROWSER.screenshot("connection-ready");
    }

    @Test
    @Order(2)
    void aWrongPasswordFailsAtAuthenticateInRedWithTheServersMessageAndTheHistoryListsBothNewestFirst() throws Exception {
        visible("#edit").click();
        WebElement password = visible("input[name='PASSWORD']");
        // The stored password was never sent to the page: the field is empty.
        assertThat(password.getAttribute("value")).isEmpty();
        assertThat(driver().findElement(By.cssSelector("input[name='JDBC_CONNECTION_URL']")).getAttribute("value"))
                .isEqualTo(jdbcUrl());
        password.sendKeys(WRONG);
        driver().findElement(By.id("save")).click();
        visible("#test-now").click();
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "failed"));
        String shown = visible("#live-error").getText();

        JsonNode tests = history(NAME);
        assertThat(tests).hasSize(2);
        String message = tests.get(0).get("Message").asText();
        assertThat(shown).isEqualTo("InvalidInputException: " + message);
        assertThat(message).startsWith("Connection test failed at AUTHENTICATE").doesNotContain(WRONG);
        // What the SDK is told for the same test (its timings differ, the words do not).
        String sdk;
        try {
            SERVER.glue().testConnection(r -> r.connectionName(NAME));
            throw new AssertionError("the test should fail");
        } catch (GlueException e) {
            sdk = e.awsErrorDetails().errorMessage();
        }
        assertThat(withoutTimings(message)).isEqualTo(withoutTimings(sdk));

        driver().navigate().refresh();
        visible("#history-pictures > li:nth-child(3)");
        List<WebElement> pictures = driver().findElements(By.cssSelector("#history-pictures > li"));
        assertThat(pictures).extracting(li -> li.getAttribute("data-outcome"))
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        WebElement failed = pictures.get(1).findElement(By.cssSelector(".stage[data-stage='AUTHENTICATE']"));
        assertThat(failed.getAttribute("data-state")).isEqualTo("failed");
        assertThat(failed.getCssValue("background-color")).isEqualTo("rgba(198, 40, 40, 1)");
        assertThat(pictures.get(1).findElements(By.cssSelector(".stage")))
                .extracting(stage -> stage.getAttribute("data-stage")).containsExactlyElementsOf(STAGES);
        assertThat(pictures.get(1).findElement(By.className("stage-message")).getText())
                .isEqualTo("AUTHENTICATE: " + message);
        assertThat(driver().findElements(By.cssSelector("#history-table tbody tr")))
                .extracting(row -> row.findElement(By.cssSelector("td:nth-child(2)")).getText())
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(driver().findElement(By.cssSelector("#connection-status .badge")).getText()).isEqualTo("FAILED");
        BROWSER.screenshot("connection-timeline");
    }

    @Test
    @Order(3)
    void copyAsCliGivesTheDefinitionAsCreateConnectionWithoutItsSecret() throws Exception {
        visible("#copy-cli").click();
        String text = visible("#cli-text").getAttribute("value");
        String command = text.lines().filter(line -> line.startsWith("aws glue create-connection")).findFirst()
                .orElseThrow();
        assertThat(command).contains("--endpoint-url http://127.0.0.1:" + SERVER.port(), "--region us-east-1",
                "--catalog-id 000000000000");
        Matcher input = Pattern.compile("--connection-input '(.*)'$").matcher(command);
        assertThat(input.find()).isTrue();
        JsonNode copied = JSON.readTree(input.group(1).replace("'\\''", "'"));
        Connection stored = SERVER.glue().getConnection(r -> r.name(NAME).hidePassword(true)).connection();
        assertThat(copied.get("Name").asText()).isEqualTo(stored.name());
        assertThat(copied.get("ConnectionType").asText()).isEqualTo(stored.connectionTypeAsString());
        assertThat(copied.get("Description").asText()).isEqualTo(stored.description());
        assertThat(JSON.convertValue(copied.get("ConnectionProperties"), Map.class))
                .isEqualTo(stored.connectionPropertiesAsStrings());
        assertThat(text).doesNotContain(WRONG).doesNotContain(CANARY).contains("\"PASSWORD\":\"<PASSWORD>\"");

        // A test in the history: the test-connection command by name.
        driver().findElement(By.cssSelector("#history-table tbody tr:first-child button")).click();
        assertThat(visible("#cli-text").getAttribute("value")).isEqualTo("aws glue test-connection --endpoint-url "
                + "http://127.0.0.1:" + SERVER.port() + " --region us-east-1 --catalog-id 000000000000 "
                + "--connection-name '" + NAME + "'");
    }

    @Test
    @Order(4)
    void theListFiltersByStatusTypeAndName() throws Exception {
        SERVER.glue().createConnection(r -> r.connectionInput(in -> in.name("inventory-db").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", jdbcUrl(), "USERNAME", ROLE, "PASSWORD", CANARY))));
        SERVER.glue().testConnection(r -> r.connectionName("inventory-db"));
        SERVER.glue().createConnection(r -> r.connectionInput(in -> in.name("untested-queue").connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "9"))));
        driver().get(console(SERVER));
        visible("#connections tbody tr");
        assertThat(names()).contains(NAME, "inventory-db", "untested-queue");

        new Select(driver().findElement(By.id("status-filter"))).selectByValue("FAILED");
        waiting(Duration.ofSeconds(10)).until(d -> names().equals(List.of(NAME)));
        assertThat(driver().findElement(By.cssSelector("#connections tbody tr .badge")).getAttribute("data-status"))
                .isEqualTo("FAILED");
        assertThat(driver().findElement(By.cssSelector("#connections tbody tr td[data-label='Failing stage']")).getText())
                .isEqualTo("AUTHENTICATE");
        new Select(driver().findElement(By.id("status-filter"))).selectByValue("READY");
        waiting(Duration.ofSeconds(10)).until(d -> names().equals(List.of("inventory-db")));
        new Select(driver().findElement(By.id("status-filter"))).selectByValue("never tested");
        waiting(Duration.ofSeconds(10)).until(d -> names().equals(List.of("untested-queue")));

        new Select(driver().findElement(By.id("status-filter"))).selectByValue("");
        new Select(driver().findElement(By.id("type-filter"))).selectByValue("NETWORK");
        waiting(Duration.ofSeconds(10)).until(d -> names().equals(List.of("untested-queue")));
        new Select(driver().findElement(By.id("type-filter"))).selectByValue("");
        WebElement search = driver().findElement(By.id("search"));
        search.sendKeys("orders");
        search.submit();
        waiting(Duration.ofSeconds(10)).until(d -> names().equals(List.of(NAME)));
        search.clear();
        search.submit();
        waiting(Duration.ofSeconds(10)).until(d -> names().size() >= 3);
        BROWSER.screenshot("list");
        // A phone-width screen: the table becomes one card per connection, nothing wider than the screen.
        org.openqa.selenium.Dimension desktop = driver().manage().window().getSize();
        driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            waiting(Duration.ofSeconds(5)).until(d -> "block".equals(d.findElement(By.cssSelector("#connections tbody tr"))
                    .getCssValue("display")));
            assertThat(driver().executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .isEqualTo(true);
            BROWSER.screenshot("list-phone");
        } finally {
            driver().manage().window().setSize(desktop);
        }
    }

    @Test
    @Order(5)
    void htmlInNamesDescriptionsValuesAndReasonsIsShownAsText() throws Exception {
        String description = "<img src=x onerror=\"window.__xssFired=true\">";
        String value = "<script>window.__xssFired=true</script><b>bold</b>";
        SERVER.glue().createConnection(r -> r.connectionInput(in -> in.name(XSS_NAME).connectionType("NETWORK")
                .description(description).connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "9",
                        "NOTE", value))));
        assertThatThrownBy(() -> SERVER.glue().testConnection(r -> r.connectionName(XSS_NAME)))
                .isInstanceOf(GlueException.class);
        driver().get(console(SERVER));
        visible("#connections tbody tr");
        WebElement link = driver().findElements(By.cssSelector("#connections a.name")).stream()
                .filter(a -> a.getText().equals(XSS_NAME)).findFirst().orElseThrow();
        noScriptRan();
        link.click();
        assertThat(visible("#connection-name").getText()).isEqualTo(XSS_NAME);
        visible("#history-pictures > li");
        assertThat(driver().findElement(By.id("definition")).getText()).contains(description, value);
        noScriptRan();
        visible("#edit").click();
        assertThat(visible("#f-name").getAttribute("value")).isEqualTo(XSS_NAME);
        assertThat(driver().findElement(By.id("f-description")).getAttribute("value")).isEqualTo(description);
        noScriptRan();
        // The page broke no rule of its own Content-Security-Policy (no inline script or style was attempted).
        assertThat(BROWSER.consoleLines()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    private static void noScriptRan() {
        assertThatThrownBy(() -> driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver().executeScript("return window.__xssFired === undefined"
                + " && document.querySelectorAll('img, script:not([src])').length === 0")).isEqualTo(true);
    }

    @Test
    @Order(6)
    void aLiveTestTicksItsStagesInAndEndsWithTheApisAnswer() throws Exception {
        // A server that accepts the connection and never answers: the test waits in its handshake until the deadline.
        SERVER.glue().createConnection(r -> r.connectionInput(in -> in.name("silent-db").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + tarpit.port()
                        + "/x", "USERNAME", "u", "PASSWORD", CANARY))));
        driver().get(console(SERVER) + "#/c/silent-db");
        visible("#test-now").click();
        waiting(Duration.ofSeconds(10)).until(d -> liveStates().contains("running")
                && liveStates().stream().filter("passed"::equals).count() >= 2);
        assertThat(liveStates()).startsWith("passed", "passed").contains("running", "pending");
        // The live region announces the stages each poll found newly done: RESOLVE and CONNECT may land in one poll
        // or two (then only CONNECT is announced last), and the stage it waits in.
        assertThat(driver().findElement(By.id("live-status")).getText()).contains("CONNECT done in", "now HANDSHAKE");
        assertThat(driver().findElement(By.id("live-status")).getAttribute("aria-live")).isEqualTo("polite");
        BROWSER.screenshot("live-test");
        waiting(Duration.ofSeconds(15)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "failed"));
        String message = history("silent-db").get(0).get("Message").asText();
        assertThat(visible("#live-error").getText()).isEqualTo("OperationTimeoutException: " + message);
        assertThat(driver().findElements(By.cssSelector("#live .stage[data-state='failed']"))).hasSize(1);
        BROWSER.screenshot("live-test-ended");
    }

    @Test
    @Order(7)
    void noSecretReachesThePageItsStorageItsConsoleOrAnyResponse() throws Exception {
        // One page load, moving through its views as a user does, so every response stays readable in DevTools.
        driver().get(console(SERVER));
        visible("#connections tbody tr");
        driver().findElement(By.linkText(NAME)).click();
        visible("#history-pictures > li");
        driver().findElement(By.id("copy-cli")).click();
        driver().findElement(By.id("edit")).click();
        visible("input[name='PASSWORD']");
        driver().findElement(By.linkText("Connections")).click();
        visible("#connections tbody tr");
        for (String secret : List.of(CANARY, WRONG)) {
            assertThat(driver().getPageSource()).doesNotContain(secret);
        }
        Object storage = driver().executeScript("return JSON.stringify(Object.assign({}, localStorage))"
                + " + JSON.stringify(Object.assign({}, sessionStorage)) + document.cookie");
        assertThat(storage).isEqualTo("{}{}");
        List<String> responses = BROWSER.responseBodies();
        // The check reads what the page really received: its connections and their reports.
        assertThat(responses).anyMatch(body -> body.contains("\"ConnectionList\"") && body.contains(NAME));
        assertThat(responses).anyMatch(body -> body.contains("\"Tests\"") && body.contains("AUTHENTICATE"));
        assertThat(responses).noneMatch(body -> body.contains(CANARY) || body.contains(WRONG));
        assertThat(BROWSER.consoleLines()).noneMatch(line -> line.contains(CANARY) || line.contains(WRONG));
    }

    @Test
    @Order(8)
    void onASharedServerThePageSignsEachRequestWithKeysHeldOnlyInMemory() throws Exception {
        String name = "signed orders (eu)";
        try (GlueClient ana = GlueClient.builder().endpointOverride(SIGNED.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ANA_KEY, ANA_SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            ana.createConnection(r -> r.connectionInput(in -> in.name(name).connectionType("NETWORK")
                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "9"))));
        }
        driver().get(console(SIGNED));
        visible("#sign-in");
        signIn(ANA_KEY, "not-the-secret");
        assertThat(visible("#sign-in-status .error").getText()).startsWith("InvalidSignatureException: The request "
                + "signature we calculated does not match the signature you provided.");
        signIn(ANA_KEY, ANA_SECRET);
        visible("#connections tbody tr");
        assertThat(names()).containsExactly(name);
        assertThat(driver().findElement(By.id("identity")).getText()).contains(ANA_KEY);

        // The history (a GET whose path carries the name) and a live test (signed polls) work signed too.
        driver().findElement(By.cssSelector("#connections a.name")).click();
        visible("#test-now").click();
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "failed"));
        assertThat(visible("#live-error").getText()).startsWith("InvalidInputException: Connection test failed at CONNECT");
        waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#history-pictures > li")).size() == 1);

        assertThat(driver().getPageSource()).doesNotContain(ANA_SECRET);
        assertThat(driver().executeScript("return JSON.stringify(Object.assign({}, localStorage))"
                + " + JSON.stringify(Object.assign({}, sessionStorage)) + document.cookie + location.href"))
                .asString().doesNotContain(ANA_SECRET).doesNotContain(ANA_KEY);
        // A reload forgets the keys.
        driver().navigate().refresh();
        visible("#sign-in");
    }

    @Test
    @Order(9)
    void testBeforeSavingRunsTheFormInlineAndTheServersErrorStandsBesideTheFieldItNames() throws Exception {
        driver().get(console(SERVER) + "#/new");
        new Select(visible("#f-type")).selectByValue("KAFKA");
        WebElement bootstrap = visible("input[name='KAFKA_BOOTSTRAP_SERVERS']");
        assertThat(driver().findElement(By.cssSelector("label[for='" + bootstrap.getAttribute("id") + "']")).getText())
                .contains("KAFKA_BOOTSTRAP_SERVERS", "*");
        driver().findElement(By.id("test-before-save")).click();
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "failed"));
        WebElement error = driver().findElement(By.id(bootstrap.getAttribute("id") + "-error"));
        assertThat(error.getText()).startsWith("KAFKA connections need KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(bootstrap.getAttribute("aria-describedby")).contains(error.getAttribute("id"));

        // The same form with a reachable database passes before anything is stored.
        new Select(driver().findElement(By.id("f-type"))).selectByValue("JDBC");
        visible("input[name='JDBC_CONNECTION_URL']").sendKeys(jdbcUrl());
        driver().findElement(By.cssSelector("input[name='USERNAME']")).sendKeys(ROLE);
        driver().findElement(By.cssSelector("input[name='PASSWORD']")).sendKeys(CANARY);
        int stored = SERVER.glue().getConnections(r -> { }).connectionList().size();
        driver().findElement(By.id("test-before-save")).click();
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "passed"));
        assertThat(SERVER.glue().getConnections(r -> { }).connectionList()).hasSize(stored);
        assertThat(driver().findElements(By.cssSelector("#live .stage"))).hasSize(STAGES.size());
    }

    private static void signIn(String key, String secret) {
        WebElement keyId = visible("#access-key-id");
        keyId.clear();
        keyId.sendKeys(key);
        driver().findElement(By.id("secret-access-key")).sendKeys(secret);
        WebElement account = driver().findElement(By.id("account-id"));
        account.clear();
        account.sendKeys("111122223333");
        driver().findElement(By.cssSelector("#sign-in button[type='submit']")).click();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#sign-in-status .error")).isEmpty()
                || !d.findElements(By.id("connections")).isEmpty());
    }

    /** The names the list shows, read in one step (the list may be redrawn meanwhile). */
    @SuppressWarnings("unchecked")
    private static List<String> names() {
        return (List<String>) driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#connections tbody a.name'), a => a.textContent)");
    }

    /** The states of the live test's stage boxes, read in one step (the picture is redrawn at every poll). */
    @SuppressWarnings("unchecked")
    private static List<String> liveStates() {
        return (List<String>) driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#live .stage'), li => li.dataset.state)");
    }

    private static JsonNode history(String name) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(SERVER.endpoint().resolve("/dialtone/v1/catalogs/000000000000"
                        + "/connections/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/tests")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("Tests");
    }

    private static String withoutTimings(String message) {
        return message.replaceAll("after \\d+ ms", "after _ ms");
    }

    private static Path credentials() {
        String file = "{\"Principals\": [{\"AccessKeyId\": \"" + ANA_KEY + "\", \"SecretAccessKey\": \"" + ANA_SECRET
                + "\", \"Arn\": \"arn:aws:iam::111122223333:user/ana\", \"Policy\": {\"Version\": \"2012-10-17\", "
                + "\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"glue:*\", \"Resource\": \"*\"}]}}]}";
        try {
            Path path = TempDir.scratch("dialtone-console-credentials").resolve("credentials.json");
            Files.createDirectories(path.getParent());
            return Files.writeString(path, file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
