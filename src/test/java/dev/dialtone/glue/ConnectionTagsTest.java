package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** TagResource, UntagResource and GetTags on connection ARNs, through the AWS SDK as a user would call them. */
class ConnectionTagsTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private final GlueClient glue = SERVER.glue();

    private static String arn(String name) {
        return "arn:aws:glue:us-east-1:000000000000:connection/" + name;
    }

    private void create(String name, Map<String, String> tags) {
        glue.createConnection(r -> r.connectionInput(ConnectionCatalogTest.jdbc(name)).tags(tags));
    }

    private Map<String, String> tagsOf(String name) {
        return glue.getTags(r -> r.resourceArn(arn(name))).tags();
    }

    @Test
    void tagsGivenAtCreationAreReturnedByGetTags() {
        create("created-tagged", Map.of("team", "data", "env", "prod", "empty", ""));
        assertThat(tagsOf("created-tagged")).isEqualTo(Map.of("team", "data", "env", "prod", "empty", ""));
        create("created-untagged", Map.of());
        assertThat(tagsOf("created-untagged")).isEmpty();
    }

    @Test
    void tagResourceAddsAndOverwritesAndUntagResourceRemoves() {
        create("retagged", Map.of("team", "data"));
        glue.tagResource(r -> r.resourceArn(arn("retagged")).tagsToAdd(Map.of("team", "platform", "cost", "42")));
        assertThat(tagsOf("retagged")).isEqualTo(Map.of("team", "platform", "cost", "42"));

        glue.untagResource(r -> r.resourceArn(arn("retagged")).tagsToRemove("team", "never-there"));
        assertThat(tagsOf("retagged")).isEqualTo(Map.of("cost", "42"));
        glue.untagResource(r -> r.resourceArn(arn("retagged")).tagsToRemove(List.of()));
        assertThat(tagsOf("retagged")).isEqualTo(Map.of("cost", "42"));
    }

    @Test
    void getConnectionDoesNotReturnTagsAsInGlue() throws Exception {
        create("quiet-tags", Map.of("visible-only-through", "GetTags"));
        String raw = RawGlue.post(SERVER.port(), "GetConnection", "{\"Name\":\"quiet-tags\"}");
        assertThat(raw).startsWith("HTTP/1.1 200").contains("\"Name\":\"quiet-tags\"")
                .doesNotContain("Tags").doesNotContain("visible-only-through");
    }

    @Test
    void aResourceHoldsAtMostFiftyTagsInAll() {
        Map<String, String> forty = IntStream.range(0, 40).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        create("fifty", forty);
        Map<String, String> elevenMore = IntStream.range(40, 51).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        assertThatThrownBy(() -> glue.tagResource(r -> r.resourceArn(arn("fifty")).tagsToAdd(elevenMore)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 40 tags")
                .hasMessageContaining("51").hasMessageContaining("50");
        assertThat(tagsOf("fifty")).hasSize(40);

        // Overwriting existing keys does not count twice; ten new ones reach exactly 50.
        Map<String, String> tenMoreAndOneOld = new HashMap<>(elevenMore);
        tenMoreAndOneOld.remove("k50");
        tenMoreAndOneOld.put("k0", "changed");
        glue.tagResource(r -> r.resourceArn(arn("fifty")).tagsToAdd(tenMoreAndOneOld));
        assertThat(tagsOf("fifty")).hasSize(50).containsEntry("k0", "changed");

        Map<String, String> fiftyOne = IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "n" + i, i -> "v"));
        assertThatThrownBy(() -> glue.tagResource(r -> r.resourceArn(arn("fifty")).tagsToAdd(fiftyOne)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TagsToAdd")
                .hasMessageContaining("at most 50");
    }

    @Test
    void keysAndValuesFollowGluesLengthRulesAndAwsKeysAreRefused() {
        create("rules", Map.of());
        refused(Map.of("k".repeat(129), "v"), "at most 128");
        refused(Map.of("", "v"), "must not be empty");
        refused(Map.of("k", "v".repeat(257)), "at most 256");
        refused(Map.of("aws:owner", "me"), "reserved");
        refused(Map.of("AWS:owner", "me"), "reserved");
        glue.tagResource(r -> r.resourceArn(arn("rules")).tagsToAdd(Map.of("k".repeat(128), "v".repeat(256),
                "awsome", "aws:value")));
        assertThat(tagsOf("rules")).containsOnlyKeys("k".repeat(128), "awsome");
        assertThatThrownBy(() -> glue.untagResource(r -> r.resourceArn(arn("rules")).tagsToRemove("k".repeat(129))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TagsToRemove[0]");
        assertThatThrownBy(() -> create("aws-tag-at-creation", Map.of("aws:cloudformation:stack-name", "s")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Tags key 'aws:cloudformation");
    }

    private void refused(Map<String, String> tags, String reason) {
        assertThatThrownBy(() -> glue.tagResource(r -> r.resourceArn(arn("rules")).tagsToAdd(tags)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TagsToAdd")
                .hasMessageContaining(reason);
        assertThat(tagsOf("rules")).doesNotContainKeys(tags.keySet().toArray(String[]::new));
    }

    @Test
    void anUnknownConnectionIsEntityNotFoundAndAMalformedArnInvalidInput() {
        assertThatThrownBy(() -> glue.getTags(r -> r.resourceArn(arn("nobody"))))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> glue.tagResource(r -> r.resourceArn(arn("nobody")).tagsToAdd(Map.of("k", "v"))))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.untagResource(r -> r.resourceArn(arn("nobody")).tagsToRemove("k")))
                .isInstanceOf(EntityNotFoundException.class);

        for (String malformed : List.of("arn:aws:s3:::bucket", "not-an-arn",
                "arn:aws:glue:us-east-1:000000000000:table/db/t", "arn:aws:glue:us-east-1:000000000000:connection/",
                "arn:aws:glue:us-east-1:000000000000:catalog")) {
            assertThatThrownBy(() -> glue.getTags(r -> r.resourceArn(malformed)))
                    .as(malformed).isInstanceOf(InvalidInputException.class).hasMessageContaining("ResourceArn");
        }
        assertThatThrownBy(() -> glue.getTags(r -> r.resourceArn(arn("x\u0001y"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("connection name in ResourceArn");
        assertThatThrownBy(() -> glue.tagResource(r -> r.resourceArn(arn("nobody"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TagsToAdd is required");
    }

    @Test
    void anArnOfAnotherRegionIsRefusedAndTheArnsAccountIsTheCatalog() {
        create("in-us-east-1", Map.of("k", "v"));
        assertThatThrownBy(() -> glue.getTags(r -> r.resourceArn(
                "arn:aws:glue:eu-west-1:000000000000:connection/in-us-east-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("eu-west-1")
                .hasMessageContaining("us-east-1");
        try (GlueClient euWest = GlueClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + SERVER.port()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> euWest.getTags(r -> r.resourceArn(arn("in-us-east-1"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("made to eu-west-1");
            // The same name in eu-west-1 is another connection with its own tags.
            euWest.createConnection(r -> r.connectionInput(ConnectionCatalogTest.jdbc("in-us-east-1"))
                    .tags(Map.of("region", "eu")));
            assertThat(euWest.getTags(r -> r.resourceArn("arn:aws:glue:eu-west-1:000000000000:connection/in-us-east-1"))
                    .tags()).isEqualTo(Map.of("region", "eu"));
        }
        assertThat(tagsOf("in-us-east-1")).isEqualTo(Map.of("k", "v"));

        glue.createConnection(r -> r.catalogId("111122223333").connectionInput(ConnectionCatalogTest.jdbc("other-catalog")));
        String otherArn = "arn:aws:glue:us-east-1:111122223333:connection/other-catalog";
        glue.tagResource(r -> r.resourceArn(otherArn).tagsToAdd(Map.of("owner", "finance")));
        assertThat(glue.getTags(r -> r.resourceArn(otherArn)).tags()).isEqualTo(Map.of("owner", "finance"));
        assertThatThrownBy(() -> tagsOf("other-catalog")).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void tagsAreKeptAcrossUpdatesAndFollowARename() {
        create("before-rename", Map.of("team", "data"));
        glue.updateConnection(r -> r.name("before-rename").connectionInput(ConnectionCatalogTest.jdbc("before-rename")
                .toBuilder().description("redefined").build()));
        assertThat(tagsOf("before-rename")).isEqualTo(Map.of("team", "data"));

        glue.updateConnection(r -> r.name("before-rename").connectionInput(ConnectionCatalogTest.jdbc("after-rename")));
        assertThat(tagsOf("after-rename")).isEqualTo(Map.of("team", "data"));
        assertThatThrownBy(() -> tagsOf("before-rename")).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void tagsAreDeletedWithTheConnectionAndARecreatedOneStartsWithout() {
        create("short-lived", Map.of("team", "data"));
        glue.tagResource(r -> r.resourceArn(arn("short-lived")).tagsToAdd(Map.of("added", "later")));
        glue.deleteConnection(r -> r.connectionName("short-lived"));
        assertThatThrownBy(() -> tagsOf("short-lived")).isInstanceOf(EntityNotFoundException.class);
        create("short-lived", Map.of());
        assertThat(tagsOf("short-lived")).isEmpty();

        create("batch-deleted", Map.of("team", "data"));
        glue.batchDeleteConnection(r -> r.connectionNameList("batch-deleted"));
        create("batch-deleted", Map.of("fresh", "yes"));
        assertThat(tagsOf("batch-deleted")).isEqualTo(Map.of("fresh", "yes"));
    }

    @Test
    void tagsSurviveARestart() throws Exception {
        create("durable-tags", Map.of("team", "data"));
        glue.tagResource(r -> r.resourceArn(arn("durable-tags")).tagsToAdd(Map.of("added", "yes")));
        SERVER.restart();
        assertThat(SERVER.glue().getTags(r -> r.resourceArn(arn("durable-tags"))).tags())
                .isEqualTo(Map.of("team", "data", "added", "yes"));
    }

    @Test
    void concurrentTagResourceCallsLoseNoTag() throws Exception {
        create("contended", Map.of());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "key-" + i;
                calls.add(callers.submit(() -> SERVER.glue().tagResource(r -> r.resourceArn(arn("contended"))
                        .tagsToAdd(Map.of(key, "v")))));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(tagsOf("contended")).hasSize(40)
                .containsOnlyKeys(IntStream.range(0, 40).mapToObj(i -> "key-" + i).toArray(String[]::new));
    }
}
