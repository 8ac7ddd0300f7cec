package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/** Catalogs are per account and region, as in AWS: the region is the one the client signs for. */
class RegionalCatalogTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private static GlueClient ireland;

    @BeforeAll
    static void secondRegion() {
        ireland = GlueClient.builder()
                .endpointOverride(SERVER.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void close() {
        ireland.close();
    }

    @Test
    void aConnectionCreatedInOneRegionIsNotSeenFromAnother() {
        SERVER.glue().createConnection(r -> r.connectionInput(ConnectionCatalogTest.jdbc("regional")));

        assertThat(SERVER.glue().getConnection(r -> r.name("regional")).connection().name()).isEqualTo("regional");
        assertThatThrownBy(() -> ireland.getConnection(r -> r.name("regional")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'regional'").hasMessageContaining("eu-west-1");
        assertThat(ireland.getConnections(r -> { }).connectionList()).extracting(c -> c.name())
                .doesNotContain("regional");
    }

    @Test
    void eachRegionMayHoldItsOwnConnectionOfTheSameName() {
        SERVER.glue().createConnection(r -> r.connectionInput(ConnectionCatalogTest.jdbc("twin")));
        ireland.createConnection(r -> r.connectionInput(ConnectionCatalogTest.jdbc("twin").toBuilder()
                .connectionPropertiesWithStrings(Map.of("HOST", "eu.db.dialtone.test", "PORT", "5432",
                        "JDBC_ENGINE", "postgresql"))
                .build()));

        assertThat(ireland.getConnection(r -> r.name("twin")).connection().connectionPropertiesAsStrings())
                .containsEntry("HOST", "eu.db.dialtone.test");
        assertThat(SERVER.glue().getConnection(r -> r.name("twin")).connection().connectionPropertiesAsStrings())
                .containsKey("JDBC_CONNECTION_URL");

        ireland.deleteConnection(r -> r.connectionName("twin"));
        assertThat(SERVER.glue().getConnection(r -> r.name("twin")).connection().name()).isEqualTo("twin");
    }
}
