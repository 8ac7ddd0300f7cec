package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.rest.RestTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionTypeBrief;
import software.amazon.awssdk.services.glue.model.DescribeConnectionTypeResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.ListConnectionTypesRequest;
import software.amazon.awssdk.services.glue.model.Property;
import software.amazon.awssdk.services.glue.model.PropertyType;

/** ListConnectionTypes and DescribeConnectionType report exactly what the testers declare. */
class ConnectionTypesTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private final GlueClient glue = SERVER.glue();

    private List<ConnectionTypeSpec> testers() {
        return SERVER.dialtone().probe().testers().declarations();
    }

    @Test
    void listConnectionTypesListsEveryTesterAndPagesThroughThem() {
        List<String> listed = new ArrayList<>();
        glue.listConnectionTypesPaginator(ListConnectionTypesRequest.builder().maxResults(1).build())
                .forEach(page -> page.connectionTypes().forEach(type -> listed.add(type.connectionTypeAsString())));
        assertThat(listed).containsExactlyElementsOf(testers().stream().map(ConnectionTypeSpec::connectionType).toList());
        assertThat(listed).as("Glue's database types and the ones Dialtone only describes").contains("POSTGRESQL",
                "MYSQL", "SQLSERVER", "ORACLE", "DB2", "AZURESQL", "SYNAPSE", "VERTICA", "SAPHANA", "TERADATA",
                "TERADATANOS", "VIEW_VALIDATION_REDSHIFT", "DOCUMENTDB", "AZURECOSMOS", "DB2AS400");
        ConnectionTypeBrief jdbc = glue.listConnectionTypes(r -> { }).connectionTypes().stream()
                .filter(type -> type.connectionTypeAsString().equals("JDBC")).findFirst().orElseThrow();
        assertThat(jdbc.displayName()).isEqualTo("JDBC database");
        assertThat(jdbc.capabilities().supportedAuthenticationTypesAsStrings()).containsExactly("BASIC");
    }

    @Test
    void describeConnectionTypeReportsTheDeclaredProperties() {
        for (ConnectionTypeSpec tester : testers()) {
            DescribeConnectionTypeResponse described = glue.describeConnectionType(r -> r
                    .connectionType(tester.connectionType()));
            assertThat(described.connectionType()).isEqualTo(tester.connectionType());
            assertThat(described.description()).isEqualTo(tester.description());
            if (tester instanceof RestTester rest) {
                // A built-in SaaS type is described as the declaration it is: its Url and request parameters, with
                // their declared kinds and defaults (TypesAndSaasCliTest reads SLACK's), and its validation call.
                assertThat(described.connectionProperties().keySet()).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(rest.declaration().url().stream(),
                                rest.declaration().additionalParameters().stream()).map(p -> p.name()).toList());
                assertThat(described.restConfiguration().validationEndpointConfiguration()).isNotNull();
                continue;
            }
            assertThat(described.connectionProperties()).hasSize(tester.properties().size());
            for (PropertySpec spec : tester.properties()) {
                Property property = described.connectionProperties().get(spec.name());
                assertThat(property.required()).as(spec.name()).isEqualTo(spec.required());
                assertThat(property.description()).isEqualTo(spec.description());
                assertThat(property.propertyTypes())
                        .containsExactly(spec.secret() ? PropertyType.SECRET : PropertyType.USER_INPUT);
                assertThat(property.allowedValues()).extracting(v -> v.value()).containsExactlyElementsOf(spec.allowedValues());
            }
        }
    }

    @Test
    void describingATypeDialtoneDoesNotKnowIsInvalidInputListingTheKnownTypes() {
        assertThatThrownBy(() -> glue.describeConnectionType(r -> r.connectionType("SNOWFLAKE")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SNOWFLAKE is not one Dialtone knows").hasMessageContaining("JDBC");
    }

    @Test
    void aTypeDialtoneCannotTestIsDescribedSayingWhyAndWhatToCheckInstead() {
        DescribeConnectionTypeResponse cosmos = glue.describeConnectionType(r -> r.connectionType("AZURECOSMOS"));
        assertThat(cosmos.description()).startsWith("Dialtone cannot test AZURECOSMOS connections: ")
                .contains("NoSQL API").contains("NETWORK test");
        assertThat(cosmos.connectionProperties()).containsKey("SparkProperties");
        DescribeConnectionTypeResponse postgres = glue.describeConnectionType(r -> r.connectionType("POSTGRESQL"));
        assertThat(postgres.connectionProperties()).containsKeys("HOST", "PORT", "DATABASE", "JDBC_ENFORCE_SSL");
        assertThat(postgres.connectionProperties().get("PORT").defaultValue()).isEqualTo("5432");
        assertThat(postgres.connectionProperties().get("HOST").required()).isTrue();
    }

    @Test
    void aTestByNameOfATypeDialtoneCannotTestIsRefusedAndLeavesTheConnectionAsItWas() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("cosmos-orders").connectionType("AZURECOSMOS")
                .connectionPropertiesWithStrings(java.util.Map.of("SparkProperties",
                        "{\"secretId\":\"cosmos\",\"spark.cosmos.accountEndpoint\":\"https://orders.documents.azure.com:443/\"}"))));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("cosmos-orders")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Dialtone cannot test AZURECOSMOS connections");
        software.amazon.awssdk.services.glue.model.Connection stored = glue.getConnection(r -> r.name("cosmos-orders"))
                .connection();
        assertThat(stored.statusAsString()).as("not FAILED: the connection did not fail, Dialtone could not run it")
                .isNotEqualTo("FAILED");
        assertThat(stored.statusReason()).isNull();
        assertThat(stored.lastConnectionValidationTime()).isNull();
    }
}
