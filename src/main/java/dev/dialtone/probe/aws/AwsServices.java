package dev.dialtone.probe.aws;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.ServerText;
import dev.dialtone.secrets.SecretStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Endpoint;

/** The AWS-service connection types and their cheapest authenticated calls. */
public final class AwsServices {
    private static final int MAX_LISTED = 5;

    private AwsServices() {
    }

    /**
     * One tester per AWS-service type.
     *
     * @param serverIdentity the server's own AWS identity, when the operator allowed tests to use it; else empty
     */
    public static List<ConnectionTester> testers(SecretStore secrets, AwsSettings settings,
            Supplier<Optional<AwsCredentialsProvider>> serverIdentity, TlsClient.Settings tls) {
        return List.of(dynamoDb(), cloudWatchLogs(), cloudWatchMetrics(), timestream(), athena()).stream()
                .<ConnectionTester>map(service -> new AwsServiceTester(service, secrets, settings, serverIdentity, tls))
                .toList();
    }

    static AwsService dynamoDb() {
        return new AwsService("DYNAMODB", "Amazon DynamoDB", "Signs DynamoDB ListTables (Limit 1) with the "
                + "connection's AWS credentials, or DescribeTable when TABLE_NAME is given.", "DynamoDB", "DYNAMODB",
                List.of(PropertySpec.optional("TABLE_NAME", "A table the identity must be able to describe "
                        + "(DescribeTable) instead of listing tables")),
                (call, subject) -> {
                    DynamoDbClient dynamo = call.service(DynamoDbClient.builder());
                    Optional<String> table = subject.property("TABLE_NAME").map(String::trim);
                    if (table.isPresent()) {
                        TableDescription described = call.call("dynamodb:DescribeTable on table " + table.get(),
                                () -> dynamo.describeTable(r -> r.tableName(table.get()))).table();
                        call.session().detail("table", described.tableName() + ", " + described.tableStatusAsString()
                                + (described.itemCount() == null ? "" : ", about " + described.itemCount() + " items"));
                    } else {
                        List<String> names = call.call("dynamodb:ListTables",
                                () -> dynamo.listTables(r -> r.limit(1))).tableNames();
                        call.session().detail("tables", names.isEmpty() ? "none listed" : "first: " + names.get(0));
                    }
                });
    }

    static AwsService cloudWatchLogs() {
        return new AwsService("CLOUDWATCH", "Amazon CloudWatch Logs", "Signs CloudWatch Logs DescribeLogGroups "
                + "(limit 1) with the connection's AWS credentials.", "CloudWatch Logs", "CLOUDWATCH_LOGS", List.of(),
                (call, subject) -> {
                    CloudWatchLogsClient logs = call.service(CloudWatchLogsClient.builder());
                    var groups = call.call("logs:DescribeLogGroups", () -> logs.describeLogGroups(r -> r.limit(1)))
                            .logGroups();
                    call.session().detail("log groups", groups.isEmpty() ? "none listed"
                            : "first: " + groups.get(0).logGroupName());
                });
    }

    static AwsService cloudWatchMetrics() {
        return new AwsService("CLOUDWATCHMETRICS", "Amazon CloudWatch Metrics", "Signs CloudWatch ListMetrics with "
                + "the connection's AWS credentials (NAMESPACE narrows it).", "CloudWatch", "CLOUDWATCH",
                List.of(PropertySpec.optional("NAMESPACE", "Only list this namespace's metrics, e.g. AWS/EC2")),
                (call, subject) -> {
                    CloudWatchClient metrics = call.service(CloudWatchClient.builder());
                    Optional<String> namespace = subject.property("NAMESPACE").map(String::trim);
                    var listed = call.call("cloudwatch:ListMetrics", () -> metrics.listMetrics(r -> namespace
                            .ifPresent(r::namespace))).metrics();
                    call.session().detail("metrics", listed.isEmpty() ? "none listed" : listed.size()
                            + " on the first page, first: " + listed.get(0).namespace() + " " + listed.get(0).metricName());
                });
    }

    static AwsService timestream() {
        return new AwsService("TIMESTREAM", "Amazon Timestream", "Asks Timestream for its cell endpoint "
                + "(DescribeEndpoints), then signs ListDatabases (MaxResults 1) there with the connection's AWS "
                + "credentials.", "Timestream", "TIMESTREAM_WRITE", List.of(),
                (call, subject) -> {
                    URI discovery = call.endpoint().orElse(URI.create("https://ingest.timestream." + call.region().id()
                            + ".amazonaws.com"));
                    TimestreamWriteClient first = call.client(TimestreamWriteClient.builder()
                            .endpointDiscoveryEnabled(false), "Timestream", Optional.of(discovery),
                            call.endpointSetting());
                    List<Endpoint> endpoints = call.call("timestream:DescribeEndpoints",
                            () -> first.describeEndpoints(r -> { })).endpoints();
                    if (endpoints.isEmpty() || endpoints.get(0).address() == null
                            || !endpoints.get(0).address().matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?")) {
                        throw new StageFailure(Stage.AUTHORIZE, "Timestream's DescribeEndpoints named no usable "
                                + "endpoint", "Check " + call.endpointSetting() + " and REGION.");
                    }
                    String address = endpoints.get(0).address();
                    call.session().detail("cell endpoint", ServerText.clean(address, call.secrets()));
                    // With an operator's override the cell is the override itself (a local stand-in cannot be a
                    // different https host); otherwise the discovered cell, over https.
                    URI cell = call.endpoint().orElse(URI.create("https://" + address));
                    TimestreamWriteClient write = call.client(TimestreamWriteClient.builder()
                            .endpointDiscoveryEnabled(false), "Timestream", Optional.of(cell), call.endpointSetting());
                    call.session().enter(Stage.AUTHORIZE);
                    var databases = call.call("timestream:ListDatabases", () -> write.listDatabases(r -> r
                            .maxResults(1))).databases();
                    call.session().detail("databases", databases.isEmpty() ? "none listed"
                            : "first: " + databases.get(0).databaseName());
                });
    }

    static AwsService athena() {
        return new AwsService("VIEW_VALIDATION_ATHENA", "Athena (view validation)", "Signs Athena GetWorkGroup for "
                + "WORKGROUP_NAME with the connection's AWS credentials, then runs SELECT 1 in it "
                + "(StartQueryExecution, GetQueryExecution until done, within the deadline).", "Athena", "ATHENA",
                List.of(new PropertySpec("WORKGROUP_NAME", "The Athena workgroup views are validated in",
                        false, List.of(), false, Optional.of("primary"))),
                (call, subject) -> {
                    AthenaClient athena = call.service(AthenaClient.builder());
                    String name = subject.property("WORKGROUP_NAME").map(String::trim).orElse("primary");
                    WorkGroup group = call.call("athena:GetWorkGroup on workgroup " + name,
                            () -> athena.getWorkGroup(r -> r.workGroup(name))).workGroup();
                    call.session().detail("workgroup", group.name() + ", " + group.stateAsString()
                            + Optional.ofNullable(group.configuration()).map(c -> c.engineVersion())
                            .map(v -> ", engine " + v.effectiveEngineVersion()).orElse(""));
                    call.session().enter(Stage.AUTHORIZE);
                    String id = call.call("athena:StartQueryExecution in workgroup " + name,
                            () -> athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup(name)))
                            .queryExecutionId();
                    QueryExecution execution = awaitQuery(call, athena, id);
                    call.session().detail("query", "SELECT 1 " + execution.status().stateAsString().toLowerCase()
                            + " (" + id + ")");
                });
    }

    /** Polls GetQueryExecution until the query is done; the test's deadline bounds the wait. */
    private static QueryExecution awaitQuery(AwsCall call, AthenaClient athena, String id) throws StageFailure {
        long delay = 50;
        while (true) {
            QueryExecution execution = call.call("athena:GetQueryExecution",
                    () -> athena.getQueryExecution(r -> r.queryExecutionId(id))).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                String reason = Optional.ofNullable(execution.status().stateChangeReason())
                        .map(r -> ": " + ServerText.clean(r, call.secrets())).orElse("");
                throw new StageFailure(Stage.AUTHORIZE, "Athena accepted SELECT 1 but the query "
                        + execution.status().stateAsString().toLowerCase() + reason, "Check the workgroup's query "
                        + "result location and the identity's access to it (s3:PutObject, s3:GetBucketLocation).");
            }
            try {
                Thread.sleep(Math.min(delay, call.session().remainingMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StageFailure(Stage.AUTHORIZE, "the test was stopped while SELECT 1 was "
                        + execution.status().stateAsString().toLowerCase(), "Raise the test timeout.");
            }
            delay = Math.min(delay * 2, 1000);
        }
    }
}
