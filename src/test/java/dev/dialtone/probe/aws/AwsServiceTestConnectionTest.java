package dev.dialtone.probe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeAwsServices;
import dev.dialtone.fixtures.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * DYNAMODB, CLOUDWATCH, CLOUDWATCHMETRICS, TIMESTREAM and VIEW_VALIDATION_ATHENA through the AWS SDK: Dialtone's
 * SDK clients, pointed by AWS_ENDPOINT_URL_&lt;SERVICE&gt; at {@link FakeAwsServices} (each service's own wire
 * protocol, SigV4 verified with the SDK's signer), sign with the key pair of the connection's secret.
 */
class AwsServiceTestConnectionTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String WRONG_SECRET = "wrong-secret-4c1f9a7e0b2d";
    private static final FakeAwsServices AWS = FakeAwsServices.start().key(KEY_ID, SECRET).table("orders");

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        for (String service : new String[] {"DYNAMODB", "CLOUDWATCH_LOGS", "CLOUDWATCH", "TIMESTREAM_WRITE", "ATHENA"}) {
            env.put("AWS_ENDPOINT_URL_" + service, AWS.endpoint());
        }
        env.put("DIALTONE_SECRET_TESTER", keyPair(KEY_ID, SECRET));
        env.put("DIALTONE_SECRET_WRONG", keyPair(KEY_ID, WRONG_SECRET));
        env.put("DIALTONE_SECRET_UNKNOWN", keyPair("AKIAUNKNOWN000000000", SECRET));
        env.put("DIALTONE_SECRET_NOKEYS", "{\"username\":\"a\",\"password\":\"" + WRONG_SECRET + "\"}");
        return env;
    }

    private static String keyPair(String id, String secret) {
        return "{\"aws_access_key_id\":\"" + id + "\",\"aws_secret_access_key\":\"" + secret + "\"}";
    }

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true)
            .withEnvironment(environment()));

    private final GlueClient glue = SERVER.glue();

    @AfterAll
    static void stop() {
        AWS.close();
    }

    @BeforeEach
    void allow() {
        AWS.allowAll().athenaQueryFails(null);
    }

    private String test(GlueClient client, String type, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("SECRET_ID", "env:DIALTONE_SECRET_TESTER");
        String name = "t-" + type.toLowerCase() + "-" + Math.abs(all.hashCode());
        client.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType(type)
                .connectionPropertiesWithStrings(all)));
        client.testConnection(r -> r.connectionName(name));
        Connection connection = client.getConnection(r -> r.name(name)).connection();
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        return connection.statusReason();
    }

    private void fails(String type, Map<String, String> properties, String... expected) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("SECRET_ID", "env:DIALTONE_SECRET_TESTER");
        var thrown = assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t
                .connectionType(type).connectionPropertiesWithStrings(all))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(WRONG_SECRET);
        for (String part : expected) {
            thrown.hasMessageContaining(part);
        }
    }

    @Test
    void dynamoDbListsATableWithTheSecretsKeyPair() {
        assertThat(test(glue, "DYNAMODB", Map.of()))
                .startsWith("Connection test succeeded in ")
                .contains("identity access key " + KEY_ID + " from the secret 'env:DIALTONE_SECRET_TESTER'")
                .contains("tables first: orders")
                .contains("region us-east-1")
                .doesNotContain(SECRET);
        assertThat(AWS.received()).contains("dynamodb:ListTables");
    }

    @Test
    void dynamoDbDescribesANamedTableAndANamedTableThatIsNotThereFailsAtAuthorize() {
        assertThat(test(glue, "DYNAMODB", Map.of("TABLE_NAME", "orders"))).contains("table orders, ACTIVE, about 42 items");
        fails("DYNAMODB", Map.of("TABLE_NAME", "missing"), "failed at AUTHORIZE",
                "DynamoDB accepted the credentials, but the resource dynamodb:DescribeTable on table missing names does "
                        + "not exist for them: ResourceNotFoundException: Requested resource not found: Table: missing "
                        + "not found");
    }

    @Test
    void aWrongSecretKeyFailsAtAuthenticateWithTheServicesWordsAndNoSecret() {
        fails("DYNAMODB", Map.of("SECRET_ID", "env:DIALTONE_SECRET_WRONG"), "failed at AUTHENTICATE",
                "DynamoDB did not accept the credentials for dynamodb:ListTables: InvalidSignatureException: The "
                        + "request signature we calculated does not match the signature you provided",
                "aws_secret_access_key");
        fails("CLOUDWATCH", Map.of("SECRET_ID", "env:DIALTONE_SECRET_WRONG"), "failed at AUTHENTICATE", "InvalidSignatureException");
    }

    @Test
    void anUnknownAccessKeyFailsAtAuthenticate() {
        fails("VIEW_VALIDATION_ATHENA", Map.of("SECRET_ID", "env:DIALTONE_SECRET_UNKNOWN"), "failed at AUTHENTICATE",
                "Athena did not accept the credentials for athena:GetWorkGroup on workgroup primary: "
                        + "UnrecognizedClientException: The security token included in the request is invalid.");
    }

    @Test
    void anActionThePolicyDeniesFailsAtAuthorizeNamingTheAction() {
        AWS.deny("logs:DescribeLogGroups");
        fails("CLOUDWATCH", Map.of(), "failed at AUTHORIZE", "CloudWatch Logs accepted the credentials but refused "
                + "logs:DescribeLogGroups: AccessDeniedException: User: arn:aws:iam::123456789012:user/tester is not "
                + "authorized to perform: logs:DescribeLogGroups", "Allow logs:DescribeLogGroups");
    }

    @Test
    void cloudWatchLogsListsALogGroup() {
        assertThat(test(glue, "CLOUDWATCH", Map.of())).contains("log groups first: /aws/lambda/orders");
    }

    @Test
    void cloudWatchMetricsSpeaksCborAndListsMetricsOfTheNamespace() {
        assertThat(test(glue, "CLOUDWATCHMETRICS", Map.of("NAMESPACE", "AWS/RDS")))
                .contains("metrics 1 on the first page, first: AWS/RDS CPUUtilization");
        assertThat(AWS.received()).contains("cloudwatch:ListMetrics");
    }

    @Test
    void cloudWatchMetricsDeniedIsAuthorizeAndAWrongSecretAuthenticate() {
        AWS.deny("cloudwatch:ListMetrics");
        fails("CLOUDWATCHMETRICS", Map.of(), "failed at AUTHORIZE", "refused cloudwatch:ListMetrics");
        AWS.allowAll();
        fails("CLOUDWATCHMETRICS", Map.of("SECRET_ID", "env:DIALTONE_SECRET_WRONG"), "failed at AUTHENTICATE",
                "InvalidSignatureException");
    }

    @Test
    void timestreamDiscoversItsCellThenListsDatabases() {
        assertThat(test(glue, "TIMESTREAM", Map.of()))
                .contains("cell endpoint ingest-cell2.timestream.us-east-1.amazonaws.com")
                .contains("databases first: sensors");
        assertThat(AWS.received()).containsSubsequence("timestream:DescribeEndpoints", "timestream:ListDatabases");
    }

    @Test
    void athenaReadsTheWorkgroupAndRunsSelectOneUntilItSucceeds() {
        assertThat(test(glue, "VIEW_VALIDATION_ATHENA", Map.of("WORKGROUP_NAME", "analysts")))
                .contains("workgroup analysts, ENABLED, engine Athena engine version 3")
                .containsPattern("query SELECT 1 succeeded \\(q-\\d+\\)");
        assertThat(AWS.received()).containsSubsequence("athena:GetWorkGroup", "athena:StartQueryExecution",
                "athena:GetQueryExecution", "athena:GetQueryExecution", "athena:GetQueryExecution");
    }

    @Test
    void athenaAMissingWorkgroupAndAFailedQueryAreAuthorize() {
        fails("VIEW_VALIDATION_ATHENA", Map.of("WORKGROUP_NAME", "nope"), "failed at AUTHORIZE",
                "InvalidRequestException: WorkGroup nope is not found.");
        AWS.athenaQueryFails("No output location provided. An output location is required either through the "
                + "Workgroup result configuration setting or as an API input.");
        fails("VIEW_VALIDATION_ATHENA", Map.of(), "failed at AUTHORIZE",
                "Athena accepted SELECT 1 but the query failed: No output location provided.");
    }

    @Test
    void withoutASecretTheServersOwnIdentityIsNotLentAndNothingIsSent() {
        int before = AWS.received().size();
        assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("DYNAMODB")
                .connectionPropertiesWithStrings(Map.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DYNAMODB connections need AWS credentials: SECRET_ID")
                .hasMessageContaining("DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY=true");
        assertThat(AWS.received()).hasSize(before);
    }

    @Test
    void aSecretWithoutAKeyPairAndABadRegionAreRefusedBeforeAnyCall() {
        int before = AWS.received().size();
        fails("DYNAMODB", Map.of("SECRET_ID", "env:DIALTONE_SECRET_NOKEYS"), "Secret 'env:DIALTONE_SECRET_NOKEYS' holds no AWS access key pair");
        fails("DYNAMODB", Map.of("REGION", "moon-1"), "REGION 'moon-1' is not an AWS region name");
        assertThat(AWS.received()).hasSize(before);
    }

    @Test
    void theTypesAreListedWithTheirProperties() {
        var types = glue.listConnectionTypes(r -> { }).connectionTypes().stream()
                .map(t -> t.connectionTypeAsString()).toList();
        assertThat(types).contains("DYNAMODB", "CLOUDWATCH", "CLOUDWATCHMETRICS", "TIMESTREAM",
                "VIEW_VALIDATION_ATHENA");
        var described = glue.describeConnectionType(r -> r.connectionType("DYNAMODB"));
        assertThat(described.connectionProperties()).containsKeys("SECRET_ID", "ROLE_ARN", "REGION", "TABLE_NAME");
    }
}
