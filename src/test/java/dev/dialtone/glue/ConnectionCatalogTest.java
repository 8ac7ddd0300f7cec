package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.AuthenticationType;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.CreateConnectionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetConnectionsRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OAuth2GrantType;

/** The connection catalog operations, driven through the AWS SDK for Java v2 as a user would. */
class ConnectionCatalogTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private final GlueClient glue = SERVER.glue();

    static ConnectionInput jdbc(String name) {
        return ConnectionInput.builder()
                .name(name)
                .connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of(
                        "JDBC_CONNECTION_URL", "jdbc:postgresql://db.dialtone.test:5432/sales",
                        "USERNAME", "analyst",
                        "PASSWORD", "s3cret-Passw0rd"))
                .build();
    }

    @Test
    void createThenGetEchoesTheDefinitionWithTimesAndStatus() {
        ConnectionInput input = jdbc("echo-me").toBuilder()
                .description("Sales replica\nread-only")
                .matchCriteria("sales", "replica")
                .physicalConnectionRequirements(p -> p.subnetId("subnet-1").securityGroupIdList("sg-1", "sg-2")
                        .availabilityZone("us-east-1a"))
                .build();
        CreateConnectionResponse created = glue.createConnection(r -> r.connectionInput(input));
        assertThat(created.createConnectionStatusAsString()).isEqualTo("READY");

        Connection connection = glue.getConnection(r -> r.name("echo-me")).connection();
        assertThat(connection.name()).isEqualTo("echo-me");
        assertThat(connection.description()).isEqualTo("Sales replica\nread-only");
        assertThat(connection.connectionType()).isEqualTo(ConnectionType.JDBC);
        assertThat(connection.matchCriteria()).containsExactly("sales", "replica");
        assertThat(connection.connectionPropertiesAsStrings()).isEqualTo(input.connectionPropertiesAsStrings());
        assertThat(connection.physicalConnectionRequirements().securityGroupIdList()).containsExactly("sg-1", "sg-2");
        assertThat(connection.physicalConnectionRequirements().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(connection.creationTime()).isNotNull();
        assertThat(connection.lastUpdatedTime()).isEqualTo(connection.creationTime());
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).isNull();
        assertThat(connection.lastConnectionValidationTime()).isNull();
        assertThat(connection.connectionSchemaVersion()).isEqualTo(1);
    }

    @Test
    void unknownConnectionTypesAndPropertyKeysAreStoredAndEchoed() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("snowflake-1").connectionType("SNOWFLAKE")
                .connectionPropertiesWithStrings(Map.of("SparkProperties", "{\"sfUrl\":\"x\"}", "INSTANCE_URL", "https://x"))));
        Connection connection = glue.getConnection(r -> r.name("snowflake-1")).connection();
        assertThat(connection.connectionTypeAsString()).isEqualTo("SNOWFLAKE");
        assertThat(connection.connectionPropertiesAsStrings())
                .containsEntry("SparkProperties", "{\"sfUrl\":\"x\"}")
                .containsEntry("INSTANCE_URL", "https://x");
    }

    @Test
    void authenticationConfigurationIsEchoedWithoutItsCredentials() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("sf-1").connectionType(ConnectionType.SALESFORCE)
                .connectionPropertiesWithStrings(Map.of("INSTANCE_URL", "https://example.my.salesforce.com"))
                .authenticationConfiguration(a -> a.authenticationType(AuthenticationType.OAUTH2)
                        .secretArn("arn:aws:secretsmanager:us-east-1:000000000000:secret:sf")
                        .oAuth2Properties(o -> o.oAuth2GrantType(OAuth2GrantType.CLIENT_CREDENTIALS)
                                .tokenUrl("https://login.salesforce.com/services/oauth2/token")
                                .tokenUrlParametersMap(Map.of("audience", "api"))
                                .oAuth2ClientApplication(app -> app.userManagedClientApplicationClientId("client-1"))
                                .oAuth2Credentials(cred -> cred.userManagedClientApplicationClientSecret("client-secret-xyz")
                                        .accessToken("access-token-xyz").refreshToken("refresh-token-xyz"))))));
        Connection connection = glue.getConnection(r -> r.name("sf-1")).connection();
        assertThat(connection.authenticationConfiguration().authenticationType()).isEqualTo(AuthenticationType.OAUTH2);
        assertThat(connection.authenticationConfiguration().secretArn()).endsWith(":secret:sf");
        assertThat(connection.authenticationConfiguration().oAuth2Properties().tokenUrl()).endsWith("/token");
        assertThat(connection.authenticationConfiguration().oAuth2Properties().oAuth2ClientApplication()
                .userManagedClientApplicationClientId()).isEqualTo("client-1");
        assertThat(connection.toString()).doesNotContain("client-secret-xyz", "access-token-xyz", "refresh-token-xyz");
    }

    @Test
    void salesforceWithoutAuthenticationConfigurationIsRefused() {
        assertThatThrownBy(() -> glue.createConnection(r -> r.connectionInput(c -> c.name("sf-bare")
                .connectionType(ConnectionType.SALESFORCE).connectionPropertiesWithStrings(Map.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AuthenticationConfiguration is required");
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("sf-bare"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void aDuplicateNameIsAlreadyExistsAndLeavesTheFirstUntouched() {
        glue.createConnection(r -> r.connectionInput(jdbc("dup")));
        assertThatThrownBy(() -> glue.createConnection(r -> r.connectionInput(jdbc("dup").toBuilder()
                .description("second").build())))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'dup'").hasMessageContaining("000000000000");
        assertThat(glue.getConnection(r -> r.name("dup")).connection().description()).isNull();
    }

    @Test
    void aMissingConnectionIsEntityNotFoundNamingConnectionAndCatalog() {
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("nope").catalogId("123456789012")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("123456789012")
                .satisfies(e -> assertThat(((EntityNotFoundException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void hidePasswordRemovesEveryPropertyEndingInPassword() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("secrets").connectionType(ConnectionType.KAFKA)
                .connectionPropertiesWithStrings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "KAFKA_SASL_SCRAM_USERNAME", "u",
                        "KAFKA_SASL_SCRAM_PASSWORD", "p1", "ENCRYPTED_PASSWORD", "p2", "PASSWORD", "p3",
                        "KAFKA_CLIENT_KEY_PASSWORD", "p4"))));
        Map<String, String> hidden = glue.getConnection(r -> r.name("secrets").hidePassword(true))
                .connection().connectionPropertiesAsStrings();
        assertThat(hidden).containsOnlyKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_SCRAM_USERNAME");
        Map<String, String> shown = glue.getConnection(r -> r.name("secrets")).connection().connectionPropertiesAsStrings();
        assertThat(shown).containsEntry("PASSWORD", "p3");
        List<Connection> listed = glue.getConnections(r -> r.hidePassword(true)
                .filter(f -> f.connectionType(ConnectionType.KAFKA))).connectionList();
        assertThat(listed).singleElement().satisfies(c -> assertThat(c.connectionPropertiesAsStrings())
                .doesNotContainKeys("PASSWORD", "ENCRYPTED_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD"));
    }

    @Test
    void catalogsAreIsolatedFromEachOther() {
        String other = "210987654321";
        glue.createConnection(r -> r.catalogId(other).connectionInput(jdbc("shared-name").toBuilder()
                .description("in other").build()));
        glue.createConnection(r -> r.connectionInput(jdbc("shared-name")));
        glue.createConnection(r -> r.catalogId(other).connectionInput(jdbc("only-in-other")));

        assertThat(glue.getConnection(r -> r.catalogId(other).name("shared-name")).connection().description())
                .isEqualTo("in other");
        assertThat(glue.getConnection(r -> r.name("shared-name")).connection().description()).isNull();
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("only-in-other")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(glue.getConnections(r -> r.catalogId(other)).connectionList())
                .extracting(Connection::name).containsExactly("only-in-other", "shared-name");
        assertThatThrownBy(() -> glue.deleteConnection(r -> r.connectionName("only-in-other")))
                .isInstanceOf(EntityNotFoundException.class);
        glue.deleteConnection(r -> r.catalogId(other).connectionName("shared-name"));
        assertThat(glue.getConnection(r -> r.name("shared-name")).connection()).isNotNull();
    }

    @Test
    void pagingWalksEveryConnectionExactlyOnceInNameOrder() {
        String catalog = "333333333333";
        List<String> names = IntStream.range(0, 23).mapToObj(i -> "page-" + (char) ('a' + (i * 7) % 23))
                .collect(Collectors.toCollection(ArrayList::new));
        names.forEach(name -> glue.createConnection(r -> r.catalogId(catalog).connectionInput(jdbc(name))));

        List<String> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        glue.getConnectionsPaginator(GetConnectionsRequest.builder().catalogId(catalog).maxResults(5).build())
                .forEach(page -> {
                    pageSizes.add(page.connectionList().size());
                    page.connectionList().forEach(c -> walked.add(c.name()));
                });
        Collections.sort(names);
        assertThat(walked).containsExactlyElementsOf(names);
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void filtersSelectByTypeMatchCriteriaAndSchemaVersion() {
        String catalog = "444444444444";
        glue.createConnection(r -> r.catalogId(catalog).connectionInput(jdbc("f-jdbc").toBuilder()
                .matchCriteria("team-a", "prod").build()));
        glue.createConnection(r -> r.catalogId(catalog).connectionInput(jdbc("f-jdbc2").toBuilder()
                .matchCriteria("team-b").build()));
        glue.createConnection(r -> r.catalogId(catalog).connectionInput(c -> c.name("f-kafka")
                .connectionType(ConnectionType.KAFKA).matchCriteria("team-a")
                .connectionPropertiesWithStrings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092"))));
        glue.createConnection(r -> r.catalogId(catalog).connectionInput(c -> c.name("f-v2")
                .connectionType("SNOWFLAKE").connectionPropertiesWithStrings(Map.of())
                .sparkProperties(Map.of("secretId", "s"))));

        assertThat(names(catalog, f -> f.connectionType(ConnectionType.JDBC))).containsExactly("f-jdbc", "f-jdbc2");
        assertThat(names(catalog, f -> f.matchCriteria("team-a"))).containsExactly("f-jdbc", "f-kafka");
        assertThat(names(catalog, f -> f.matchCriteria("team-a", "prod"))).containsExactly("f-jdbc");
        assertThat(names(catalog, f -> f.connectionType(ConnectionType.JDBC).matchCriteria("team-a")))
                .containsExactly("f-jdbc");
        assertThat(names(catalog, f -> f.connectionSchemaVersion(2))).containsExactly("f-v2");
        assertThat(glue.getConnection(r -> r.catalogId(catalog).name("f-v2")).connection().connectionSchemaVersion())
                .isEqualTo(2);
    }

    @Test
    void pagingWithAMatchCriteriaFilterStillWalksEveryMatchOnce() {
        String catalog = "555555555555";
        for (int i = 0; i < 30; i++) {
            String name = String.format("m-%02d", i);
            List<String> criteria = i % 3 == 0 ? List.of("hit") : List.of("miss");
            glue.createConnection(r -> r.catalogId(catalog).connectionInput(jdbc(name).toBuilder()
                    .matchCriteria(criteria).build()));
        }
        List<String> walked = new ArrayList<>();
        glue.getConnectionsPaginator(GetConnectionsRequest.builder().catalogId(catalog).maxResults(4)
                .filter(f -> f.matchCriteria("hit")).build())
                .forEach(page -> page.connectionList().forEach(c -> walked.add(c.name())));
        assertThat(walked).containsExactly("m-00", "m-03", "m-06", "m-09", "m-12", "m-15", "m-18", "m-21", "m-24",
                "m-27");
    }

    @Test
    void maxResultsOutsideOneToThousandAndForeignTokensAreInvalidInput() {
        assertThatThrownBy(() -> glue.getConnections(r -> r.maxResults(0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MaxResults");
        assertThatThrownBy(() -> glue.getConnections(r -> r.maxResults(1001)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MaxResults");
        assertThatThrownBy(() -> glue.getConnections(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NextToken");
        glue.createConnection(r -> r.catalogId("666666666666").connectionInput(jdbc("t1")));
        glue.createConnection(r -> r.catalogId("666666666666").connectionInput(jdbc("t2")));
        String token = glue.getConnections(r -> r.catalogId("666666666666").maxResults(1)).nextToken();
        assertThat(token).isNotBlank();
        assertThatThrownBy(() -> glue.getConnections(r -> r.catalogId("777777777777").nextToken(token)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NextToken");
    }

    @Test
    void updateReplacesTheWholeDefinition() {
        glue.createConnection(r -> r.connectionInput(jdbc("upd").toBuilder().description("old")
                .matchCriteria("x").build()));
        Connection before = glue.getConnection(r -> r.name("upd")).connection();
        glue.updateConnection(r -> r.name("upd").connectionInput(c -> c.name("upd").connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("HOST", "db2.dialtone.test", "PORT", "5433", "JDBC_ENGINE", "postgres",
                        "USERNAME", "u", "PASSWORD", "p"))));
        Connection after = glue.getConnection(r -> r.name("upd")).connection();
        assertThat(after.description()).isNull();
        assertThat(after.matchCriteria()).isEmpty();
        assertThat(after.connectionPropertiesAsStrings()).containsEntry("HOST", "db2.dialtone.test")
                .doesNotContainKey("JDBC_CONNECTION_URL");
        assertThat(after.creationTime()).isEqualTo(before.creationTime());
        assertThat(after.lastUpdatedTime()).isAfterOrEqualTo(before.lastUpdatedTime());
    }

    @Test
    void updateRenamesWhenTheInputNameDiffers() {
        glue.createConnection(r -> r.connectionInput(jdbc("old-name")));
        glue.createConnection(r -> r.connectionInput(jdbc("taken-name")));
        // UpdateConnection's model lists no AlreadyExistsException: the taken name is InvalidInputException.
        assertThatThrownBy(() -> glue.updateConnection(r -> r.name("old-name").connectionInput(jdbc("taken-name"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'taken-name' already exists");
        assertThat(glue.getConnection(r -> r.name("old-name")).connection().name()).isEqualTo("old-name");
        glue.updateConnection(r -> r.name("old-name").connectionInput(jdbc("new-name")));
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("old-name"))).isInstanceOf(EntityNotFoundException.class);
        assertThat(glue.getConnection(r -> r.name("new-name")).connection().name()).isEqualTo("new-name");
    }

    @Test
    void updateOfAMissingConnectionIsEntityNotFound() {
        assertThatThrownBy(() -> glue.updateConnection(r -> r.name("ghost").connectionInput(jdbc("ghost"))))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("'ghost'");
    }

    @Test
    void deleteRemovesAndASecondDeleteIsEntityNotFound() {
        glue.createConnection(r -> r.connectionInput(jdbc("del")));
        glue.deleteConnection(r -> r.connectionName("del"));
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("del"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deleteConnection(r -> r.connectionName("del")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void batchDeleteReportsSucceededAndPerNameErrors() {
        glue.createConnection(r -> r.connectionInput(jdbc("b1")));
        glue.createConnection(r -> r.connectionInput(jdbc("b2")));
        BatchDeleteConnectionResponse response = glue.batchDeleteConnection(r -> r.connectionNameList("b1", "missing", "b2"));
        assertThat(response.succeeded()).containsExactly("b1", "b2");
        assertThat(response.errors()).containsOnlyKeys("missing");
        assertThat(response.errors().get("missing").errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(response.errors().get("missing").errorMessage()).contains("'missing'");
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("b2"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void batchDeleteOfMoreThanTwentyFiveNamesIsAValidationExceptionInAwsWordsAndDeletesNothing() {
        glue.createConnection(r -> r.connectionInput(jdbc("keep-me")));
        List<String> names = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> "x" + i).toList());
        names.add("keep-me");
        // BatchDeleteConnection's model lists neither InvalidInputException nor a limit error.
        assertThatThrownBy(() -> glue.batchDeleteConnection(r -> r.connectionNameList(names)))
                .isInstanceOfSatisfying(GlueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '"
                            + names + "' at 'connectionNameList' failed to satisfy constraint: Member must have length "
                            + "less than or equal to 25");
                });
        assertThat(glue.getConnection(r -> r.name("keep-me")).connection()).isNotNull();
    }

    @Test
    void severalFailedConstraintsAreCountedAndJoinedAsAwsDoes() {
        List<String> names = new ArrayList<>(IntStream.range(0, 26).mapToObj(i -> "x" + i).toList());
        names.set(3, "n".repeat(256));
        assertThatThrownBy(() -> glue.batchDeleteConnection(r -> r.connectionNameList(names)))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("2 validation errors detected: Value '[x0, x1, x2, nnn")
                        .contains("at 'connectionNameList' failed to satisfy constraint: Member must have length less "
                                + "than or equal to 25; Value '" + "n".repeat(256) + "' at 'connectionNameList.4.member' "
                                + "failed to satisfy constraint: Member must have length less than or equal to 255"));
        assertThatThrownBy(() -> glue.deleteConnection(r -> r.catalogId("")))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value '' at 'catalogId' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"));
        assertThatThrownBy(() -> glue.deleteConnection(r -> { }))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'connectionName' failed to satisfy "
                                + "constraint: Member must not be null"));
        assertThatThrownBy(() -> glue.listConnectionTypes(r -> r.maxResults(101)))
                .isInstanceOfSatisfying(GlueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '101' "
                            + "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
                });
    }

    @Test
    void constraintsTheSdkDoesNotCheckAreCheckedByTheServerNamingTheMember() {
        invalid(jdbc("n".repeat(256)), "ConnectionInput.Name");
        invalid(jdbc("line\nbreak"), "ConnectionInput.Name");
        invalid(jdbc("desc").toBuilder().description("d".repeat(2049)).build(), "ConnectionInput.Description");
        invalid(jdbc("crit").toBuilder().matchCriteria(IntStream.range(0, 11).mapToObj(i -> "c" + i).toList()).build(),
                "ConnectionInput.MatchCriteria");
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 101).forEach(i -> many.put("K" + i, "v"));
        invalid(jdbc("many").toBuilder().connectionPropertiesWithStrings(many).build(), "ConnectionInput.ConnectionProperties");
        invalid(jdbc("long").toBuilder().connectionPropertiesWithStrings(Map.of("HOST", "h".repeat(1025))).build(),
                "ConnectionInput.ConnectionProperties.HOST");
        invalid(jdbc("sgs").toBuilder().physicalConnectionRequirements(p -> p.securityGroupIdList(
                IntStream.range(0, 51).mapToObj(i -> "sg-" + i).toList())).build(),
                "ConnectionInput.PhysicalConnectionRequirements.SecurityGroupIdList");
        invalid(jdbc("arn").toBuilder().authenticationConfiguration(a -> a.secretArn("not-an-arn")).build(),
                "ConnectionInput.AuthenticationConfiguration.SecretArn");
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, 51).forEach(i -> tags.put("t" + i, "v"));
        assertThatThrownBy(() -> glue.createConnection(r -> r.connectionInput(jdbc("tags")).tags(tags)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Tags");
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("x").catalogId("c".repeat(256))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("CatalogId");
        assertThat(glue.getConnections(r -> r.catalogId("999999999999")).connectionList()).isEmpty();
    }

    private void invalid(ConnectionInput input, String member) {
        assertThatThrownBy(() -> glue.createConnection(r -> r.catalogId("999999999999").connectionInput(input)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(member)
                .satisfies(e -> assertThat(((InvalidInputException) e).statusCode()).isEqualTo(400));
    }

    private List<String> names(String catalog,
            java.util.function.Consumer<software.amazon.awssdk.services.glue.model.GetConnectionsFilter.Builder> filter) {
        return glue.getConnections(r -> r.catalogId(catalog).filter(filter)).connectionList().stream()
                .map(Connection::name).toList();
    }
}
