package dev.dialtone.wire;

import static dev.dialtone.wire.SigV4AuthenticationTest.client;
import static dev.dialtone.wire.SigV4AuthenticationTest.jdbc;
import static dev.dialtone.wire.SigV4AuthenticationTest.principal;
import static dev.dialtone.wire.SigV4AuthenticationTest.principals;
import static dev.dialtone.wire.SigV4AuthenticationTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;

/** Each principal's policy, enforced on every operation through the real GlueClient, refusals in AWS's words. */
class PolicyEnforcementTest {
    private static final String OWNER = "AKIAOWNER00000000001";
    private static final String READER = "AKIAREADER0000000001";
    private static final String TESTER = "AKIATESTER0000000001";
    private static final String PARTNER = "AKIAPARTNER000000001";
    private static final String OFFICE = "AKIAOFFICE0000000001";
    private static final String LATE = "AKIALATE000000000001";
    private static final String SECRET = "policy-secret-0123456789abcdefghijklmnop";
    private static final String ACCOUNT = "111122223333";
    private static final String CATALOG = "arn:aws:glue:us-east-1:111122223333:catalog";
    private static final String PREFIX = "arn:aws:glue:us-east-1:111122223333:connection/";

    private static final Path CREDENTIALS = TempDir.scratch("dialtone-policies").resolve("credentials.json");
    private static final String FILE = principals(List.of(
            principal(OWNER, SECRET, null, "arn:aws:iam::111122223333:user/owner", """
                    {"Statement": {"Effect": "Allow", "Action": "glue:*", "Resource": "*"}}"""),
            principal(READER, SECRET, null, "arn:aws:iam::111122223333:user/reader", """
                    {"Statement": [{"Effect": "Allow", "Action": ["glue:Get*", "glue:BatchDeleteConnection"], "Resource": "*"},
                      {"Effect": "Deny", "Action": "glue:*", "Resource": "arn:aws:glue:*:*:connection/payroll*"}]}"""),
            principal(TESTER, SECRET, null, "arn:aws:iam::111122223333:user/tester", """
                    {"Statement": {"Effect": "Allow", "Action": "glue:TestConnection", "Resource": "*"}}"""),
            principal(PARTNER, SECRET, null, "arn:aws:iam::444455556666:user/partner", """
                    {"Statement": {"Effect": "Allow", "Action": "glue:GetConnection",
                     "Resource": ["arn:aws:glue:us-east-1:111122223333:catalog",
                                  "arn:aws:glue:us-east-1:111122223333:connection/shared-*"]}}"""),
            principal(OFFICE, SECRET, null, "arn:aws:iam::111122223333:user/office", """
                    {"Statement": {"Effect": "Allow", "Action": "glue:*", "Resource": "*",
                     "Condition": {"IpAddress": {"aws:SourceIp": "10.20.0.0/16"}}}}""")));

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withCredentialsFile(
            write(CREDENTIALS, FILE)));

    private static GlueClient owner;
    private static GlueClient reader;

    @BeforeAll
    static void connections() {
        owner = as(OWNER);
        reader = as(READER);
        for (String name : List.of("sales", "payroll", "shared-sales", "old-1", "payroll-old")) {
            owner.createConnection(r -> r.connectionInput(jdbc(name)));
        }
    }

    @AfterAll
    static void close() {
        owner.close();
        reader.close();
    }

    @Test
    void aPrincipalWithoutTestConnectionIsRefusedWithAwsMessage() {
        assertThatThrownBy(() -> reader.testConnection(r -> r.connectionName("sales")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/reader "
                            + "is not authorized to perform: glue:TestConnection on resource: " + PREFIX + "sales");
                });
        // An inline test is asked on the catalog.
        assertThatThrownBy(() -> reader.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1")))))
                .hasMessageContaining("not authorized to perform: glue:TestConnection on resource: " + CATALOG);
        assertThat(reader.getConnection(r -> r.name("sales")).connection().name()).isEqualTo("sales");
    }

    @Test
    void testConnectionByNameNeedsGetConnectionToo() {
        try (GlueClient tester = as(TESTER)) {
            assertThatThrownBy(() -> tester.testConnection(r -> r.connectionName("sales")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("User: arn:aws:iam::111122223333:user/tester is not authorized to perform: "
                            + "glue:GetConnection on resource: " + PREFIX + "sales");
            // The same principal may test inline: TestConnection on the catalog is all that needs.
            assertThatThrownBy(() -> tester.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1")))))
                    .isNotInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void anExplicitDenyWinsAndSaysSo() {
        assertThatThrownBy(() -> reader.getConnection(r -> r.name("payroll")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("User: arn:aws:iam::111122223333:user/reader is not authorized to perform: "
                        + "glue:GetConnection on resource: " + PREFIX + "payroll with an explicit deny in an identity-based "
                        + "policy");
    }

    @Test
    void writesNeedTheirOwnActionsOnTheCatalogAndTheConnection() {
        assertThatThrownBy(() -> reader.createConnection(r -> r.connectionInput(jdbc("new"))))
                .hasMessageContaining("glue:CreateConnection on resource: " + CATALOG);
        assertThatThrownBy(() -> reader.deleteConnection(r -> r.connectionName("sales")))
                .hasMessageContaining("glue:DeleteConnection on resource: " + CATALOG);
        assertThatThrownBy(() -> reader.updateConnection(r -> r.name("sales").connectionInput(jdbc("sales"))))
                .hasMessageContaining("glue:UpdateConnection on resource: " + CATALOG);
        assertThat(reader.getConnections(r -> { }).connectionList()).isNotEmpty();
        assertThat(owner.getConnection(r -> r.name("sales")).connection().name()).isEqualTo("sales");
    }

    @Test
    void batchDeleteReportsEachRefusedNameInErrors() {
        BatchDeleteConnectionResponse response = reader.batchDeleteConnection(r -> r.connectionNameList("old-1",
                "payroll-old"));
        assertThat(response.succeeded()).containsExactly("old-1");
        assertThat(response.errors()).containsOnlyKeys("payroll-old");
        assertThat(response.errors().get("payroll-old").errorCode()).isEqualTo("AccessDeniedException");
        assertThat(response.errors().get("payroll-old").errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/"
                + "reader is not authorized to perform: glue:BatchDeleteConnection on resource: " + PREFIX + "payroll-old"
                + " with an explicit deny in an identity-based policy");
        assertThat(owner.getConnection(r -> r.name("payroll-old")).connection().name()).isEqualTo("payroll-old");
    }

    @Test
    void anotherAccountsCatalogNeedsAnExplicitAllowOnItsArns() {
        try (GlueClient partner = as(PARTNER)) {
            assertThat(partner.getConnection(r -> r.catalogId(ACCOUNT).name("shared-sales")).connection().name())
                    .isEqualTo("shared-sales");
            assertThatThrownBy(() -> partner.getConnection(r -> r.catalogId(ACCOUNT).name("sales")))
                    .hasMessageContaining("arn:aws:iam::444455556666:user/partner is not authorized to perform: "
                            + "glue:GetConnection on resource: " + PREFIX + "sales");
            // Its own catalog is the default, and its policy does not cover it.
            assertThatThrownBy(() -> partner.getConnection(r -> r.name("shared-sales")))
                    .hasMessageContaining("on resource: arn:aws:glue:us-east-1:444455556666:catalog");
            // "Resource": "*" is an Allow on every account's ARNs, as in IAM: the owner may list the partner's catalog.
            assertThat(owner.getConnections(r -> r.catalogId("444455556666")).connectionList()).isEmpty();
        }
    }

    @Test
    void aSourceIpConditionRefusesCallsFromOtherAddresses() {
        try (GlueClient office = as(OFFICE)) {
            assertThatThrownBy(() -> office.getConnections(r -> { }))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("User: arn:aws:iam::111122223333:user/office is not authorized to perform: "
                            + "glue:GetConnections on resource: " + CATALOG);
        }
    }

    @Test
    void theConnectionTypeOperationsAreAskedOnTheCallersCatalog() {
        try (GlueClient tester = as(TESTER)) {
            assertThatThrownBy(() -> tester.listConnectionTypes(r -> { }))
                    .hasMessageContaining("glue:ListConnectionTypes on resource: " + CATALOG);
            assertThatThrownBy(() -> tester.describeConnectionType(r -> r.connectionType("JDBC")))
                    .hasMessageContaining("glue:DescribeConnectionType on resource: " + CATALOG);
        }
        assertThat(owner.listConnectionTypes(r -> { }).connectionTypes()).isNotEmpty();
    }

    @Test
    void theFileIsReReadWhenItChangesAndAMalformedChangeIsIgnored() throws Exception {
        try (GlueClient late = as(LATE)) {
            assertThatThrownBy(() -> late.getConnections(r -> { })).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            String added = FILE.substring(0, FILE.length() - 2) + ", " + principal(LATE, SECRET, null,
                    "arn:aws:iam::111122223333:user/late", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"glue:*\", "
                            + "\"Resource\": \"*\"}}") + "]}";
            Files.writeString(CREDENTIALS, added);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> late.getConnections(r -> { }).connectionList() != null);

            Files.writeString(CREDENTIALS, added.replace("\"Allow\"", "\"Allw\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> CapturedLogs.lines().stream().anyMatch(line ->
                    line.contains("changed but is malformed") && line.contains("Effect must be Allow or Deny")));
            // The last good reading stays in force.
            assertThat(late.getConnections(r -> { }).connectionList()).isNotNull();
            assertThat(owner.getConnections(r -> { }).connectionList()).isNotEmpty();
            assertThat(CapturedLogs.all()).doesNotContain(SECRET);
        } finally {
            Files.writeString(CREDENTIALS, FILE);
        }
    }

    private static GlueClient as(String key) {
        return client(SERVER.endpoint(), AwsBasicCredentials.create(key, SECRET), Region.US_EAST_1);
    }
}
