package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.PropertySpec;
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

    private List<ConnectionTester> testers() {
        return SERVER.dialtone().probe().testers().testers();
    }

    @Test
    void listConnectionTypesListsEveryTesterAndPagesThroughThem() {
        List<String> listed = new ArrayList<>();
        glue.listConnectionTypesPaginator(ListConnectionTypesRequest.builder().maxResults(1).build())
                .forEach(page -> page.connectionTypes().forEach(type -> listed.add(type.connectionTypeAsString())));
        assertThat(listed).containsExactlyElementsOf(testers().stream().map(ConnectionTester::connectionType).toList());
        ConnectionTypeBrief jdbc = glue.listConnectionTypes(r -> { }).connectionTypes().stream()
                .filter(type -> type.connectionTypeAsString().equals("JDBC")).findFirst().orElseThrow();
        assertThat(jdbc.displayName()).isEqualTo("JDBC database");
        assertThat(jdbc.capabilities().supportedAuthenticationTypesAsStrings()).containsExactly("BASIC");
    }

    @Test
    void describeConnectionTypeReportsTheDeclaredProperties() {
        for (ConnectionTester tester : testers()) {
            DescribeConnectionTypeResponse described = glue.describeConnectionType(r -> r
                    .connectionType(tester.connectionType()));
            assertThat(described.connectionType()).isEqualTo(tester.connectionType());
            assertThat(described.description()).isEqualTo(tester.description());
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
    void describingATypeWithoutATesterIsInvalidInputListingTheTestableTypes() {
        assertThatThrownBy(() -> glue.describeConnectionType(r -> r.connectionType("SNOWFLAKE")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SNOWFLAKE cannot be tested").hasMessageContaining("JDBC");
    }
}
