package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.OAuth2Server;
import dev.dialtone.fixtures.RestStandIn;
import dev.dialtone.fixtures.RestStandIn.Answer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionPropertiesConfiguration;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.ConnectionTypeBrief;
import software.amazon.awssdk.services.glue.model.ConnectorAuthenticationConfiguration;
import software.amazon.awssdk.services.glue.model.ConnectorOAuth2Properties;
import software.amazon.awssdk.services.glue.model.ConnectorProperty;
import software.amazon.awssdk.services.glue.model.CreateConnectionResponse;
import software.amazon.awssdk.services.glue.model.DescribeConnectionTypeResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetConnectionResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OAuth2ClientApplication;
import software.amazon.awssdk.services.glue.model.OAuth2Credentials;
import software.amazon.awssdk.services.glue.model.OAuth2PropertiesInput;
import software.amazon.awssdk.services.glue.model.RegisterConnectionTypeRequest;
import software.amazon.awssdk.services.glue.model.ResponseConfiguration;
import software.amazon.awssdk.services.glue.model.RestConfiguration;
import software.amazon.awssdk.services.glue.model.SourceConfiguration;

/**
 * A registered REST type end to end through the AWS SDK: AWS's own tutorial type (REST-FOO-CONNECTOR), its Url
 * pointed at a loopback stand-in of the FOO API and its token URL at the test authorization server.
 */
class RegisteredConnectionTypesTest {
    private static final String TYPE = "REST-FOO-CONNECTOR";
    private static final String CLIENT_SECRET = "foo-client-secret-83c1";
    private static RestStandIn foo;
    private static OAuth2Server auth;

    @RegisterExtension
    static final DialtoneExtension DIALTONE = new DialtoneExtension();

    @BeforeAll
    static void peers() throws Exception {
        foo = new RestStandIn();
        auth = new OAuth2Server();
        auth.register(new OAuth2Server.Client("your-managed-client-id", Optional.of(CLIENT_SECRET),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), "etl@example.com"));
        foo.answer("/rest/v1/bar.json", Answer.json(200, "{\"result\":[{\"id\":\"1\",\"name\":\"bar\"}]}"));
    }

    @AfterAll
    static void stop() {
        foo.close();
        auth.close();
    }

    /** The tutorial's RegisterConnectionType, its DefaultValue Url on the stand-in. */
    private static RegisterConnectionTypeRequest tutorial(String name) {
        return RegisterConnectionTypeRequest.builder()
                .connectionType(name).integrationType("REST")
                .description("AWS Glue Connection Type for the FOO REST API")
                .connectionProperties(ConnectionPropertiesConfiguration.builder().url(ConnectorProperty.builder()
                        .name("Url").required(true).defaultValue(foo.url() + "/rest/v1").propertyType("USER_INPUT")
                        .build()).build())
                .connectorAuthenticationConfiguration(ConnectorAuthenticationConfiguration.builder()
                        .authenticationTypesWithStrings("OAUTH2")
                        .oAuth2Properties(ConnectorOAuth2Properties.builder().oAuth2GrantType("CLIENT_CREDENTIALS")
                                .build()).build())
                .restConfiguration(RestConfiguration.builder()
                        .globalSourceConfiguration(SourceConfiguration.builder().requestMethod("GET")
                                .responseConfiguration(ResponseConfiguration.builder().resultPath("$.result")
                                        .errorPath("$.error.message").build()).build())
                        .validationEndpointConfiguration(SourceConfiguration.builder().requestMethod("GET")
                                .requestPath("/bar.json?offset=1&limit=10").build()).build())
                .tags(Map.of("team", "etl"))
                .build();
    }

    private static ConnectionInput connection(String name, Optional<Boolean> validate, String clientSecret) {
        ConnectionInput.Builder input = ConnectionInput.builder().name(name).connectionType(TYPE)
                .connectionPropertiesWithStrings(Map.of())
                .authenticationConfiguration(AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                        .oAuth2Properties(OAuth2PropertiesInput.builder().oAuth2GrantType("CLIENT_CREDENTIALS")
                                .tokenUrl(auth.tokenUrl())
                                .oAuth2ClientApplication(OAuth2ClientApplication.builder()
                                        .userManagedClientApplicationClientId("your-managed-client-id").build())
                                .oAuth2Credentials(OAuth2Credentials.builder()
                                        .userManagedClientApplicationClientSecret(clientSecret).build())
                                .build()).build());
        validate.ifPresent(input::validateCredentials);
        return input.build();
    }

    @Test
    void theTutorialTypeFromRegistrationToDeletion() {
        GlueClient glue = DIALTONE.glue();
        String arn = glue.registerConnectionType(tutorial(TYPE)).connectionTypeArn();
        assertThat(arn).isEqualTo("arn:aws:glue:us-east-1:000000000000:connectionType/" + TYPE);
        assertThatThrownBy(() -> glue.registerConnectionType(tutorial(TYPE)))
                .isInstanceOf(AlreadyExistsException.class);

        List<ConnectionTypeBrief> listed = glue.listConnectionTypes(r -> r.maxResults(100)).connectionTypes();
        assertThat(listed).extracting(ConnectionTypeBrief::connectionTypeAsString).contains(TYPE, "JDBC");
        DescribeConnectionTypeResponse described = glue.describeConnectionType(r -> r.connectionType(TYPE));
        assertThat(described.description()).isEqualTo("AWS Glue Connection Type for the FOO REST API");
        assertThat(described.connectionProperties().get("Url").defaultValue()).isEqualTo(foo.url() + "/rest/v1");
        assertThat(described.capabilities().supportedAuthenticationTypesAsStrings()).containsExactly("OAUTH2");
        assertThat(described.restConfiguration().validationEndpointConfiguration().requestPath())
                .isEqualTo("/bar.json?offset=1&limit=10");
        assertThat(described.restConfiguration().globalSourceConfiguration().responseConfiguration().resultPath())
                .isEqualTo("$.result");

        // ValidateCredentials absent: validated at creation, as Glue does.
        foo.forget();
        CreateConnectionResponse created = glue.createConnection(r -> r.connectionInput(connection("ConnectionFooREST",
                Optional.empty(), CLIENT_SECRET)));
        assertThat(created.createConnectionStatus()).isEqualTo(ConnectionStatus.READY);
        assertThat(foo.seen()).hasSize(1);
        assertThat(foo.seen().get(0).target()).isEqualTo("/rest/v1/bar.json?offset=1&limit=10");
        GetConnectionResponse stored = glue.getConnection(r -> r.name("ConnectionFooREST"));
        assertThat(stored.connection().status()).isEqualTo(ConnectionStatus.READY);
        assertThat(stored.connection().lastConnectionValidationTime()).isNotNull();

        // A wrong secret: stored FAILED with the reason; ValidateCredentials=false: stored untested.
        CreateConnectionResponse failed = glue.createConnection(r -> r.connectionInput(connection("FooWrongSecret",
                Optional.of(true), "not-the-secret-19")));
        assertThat(failed.createConnectionStatus()).isEqualTo(ConnectionStatus.FAILED);
        GetConnectionResponse failedStored = glue.getConnection(r -> r.name("FooWrongSecret"));
        assertThat(failedStored.connection().status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(failedStored.connection().statusReason()).contains("AUTHENTICATE", "invalid_client")
                .doesNotContain("not-the-secret-19");
        foo.forget();
        glue.createConnection(r -> r.connectionInput(connection("FooUnvalidated", Optional.of(false),
                CLIENT_SECRET)));
        assertThat(foo.seen()).isEmpty();
        assertThat(glue.getConnection(r -> r.name("FooUnvalidated")).connection().lastConnectionValidationTime())
                .isNull();

        // Test by name: recorded; after an update that breaks it, recorded as FAILED.
        glue.testConnection(r -> r.connectionName("FooUnvalidated"));
        assertThat(glue.getConnection(r -> r.name("FooUnvalidated")).connection().lastConnectionValidationTime())
                .isNotNull();
        glue.updateConnection(r -> r.name("FooUnvalidated").connectionInput(connection("FooUnvalidated",
                Optional.empty(), "revoked-secret-44")));
        assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("FooUnvalidated")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AUTHENTICATE");
        assertThat(glue.getConnection(r -> r.name("FooUnvalidated")).connection().status())
                .isEqualTo(ConnectionStatus.FAILED);

        // The type cannot go while connections use it.
        assertThatThrownBy(() -> glue.deleteConnectionType(r -> r.connectionType(TYPE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("used by 3 connections");
        glue.batchDeleteConnection(r -> r.connectionNameList("ConnectionFooREST", "FooWrongSecret",
                "FooUnvalidated"));
        glue.deleteConnectionType(r -> r.connectionType(TYPE));
        assertThat(glue.listConnectionTypes(r -> r.maxResults(100)).connectionTypes())
                .extracting(ConnectionTypeBrief::connectionTypeAsString).doesNotContain(TYPE);
        assertThatThrownBy(() -> glue.describeConnectionType(r -> r.connectionType(TYPE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(TYPE).hasMessageContaining("JDBC");
        assertThatThrownBy(() -> glue.deleteConnectionType(r -> r.connectionType(TYPE)))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.createConnection(r -> r.connectionInput(connection("Orphan", Optional.of(false),
                CLIENT_SECRET)))).isInstanceOf(InvalidInputException.class).hasMessageContaining(TYPE);
    }

    @Test
    void glueRulesForTheNameAndIntegrationType() {
        GlueClient glue = DIALTONE.glue();
        assertThatThrownBy(() -> glue.registerConnectionType(tutorial("FOO-CONNECTOR")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must start with REST-");
        assertThatThrownBy(() -> glue.registerConnectionType(tutorial("REST-SOAPY").toBuilder()
                .integrationType("SOAP").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("IntegrationType");
        assertThatThrownBy(() -> glue.registerConnectionType(tutorial("REST-BADPATH").toBuilder()
                .restConfiguration(RestConfiguration.builder().validationEndpointConfiguration(SourceConfiguration
                        .builder().requestPath("/x").responseConfiguration(ResponseConfiguration.builder()
                                .resultPath("result").build()).build()).build()).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ResultPath");
        assertThat(glue.listConnectionTypes(r -> r.maxResults(100)).connectionTypes())
                .extracting(ConnectionTypeBrief::connectionTypeAsString)
                .doesNotContain("FOO-CONNECTOR", "REST-SOAPY", "REST-BADPATH");
    }

    @Test
    void aRegisteredTypeBelongsToItsRegion() {
        GlueClient glue = DIALTONE.glue();
        glue.registerConnectionType(tutorial("REST-REGIONAL"));
        try (GlueClient west = GlueClient.builder().endpointOverride(DIALTONE.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> west.describeConnectionType(r -> r.connectionType("REST-REGIONAL")))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(glue.describeConnectionType(r -> r.connectionType("REST-REGIONAL")).connectionType())
                .isEqualTo("REST-REGIONAL");
        glue.deleteConnectionType(r -> r.connectionType("REST-REGIONAL"));
    }

    @Test
    void secretPropertiesOfARegisteredTypeAreDroppedByHidePassword() {
        GlueClient glue = DIALTONE.glue();
        glue.registerConnectionType(tutorial("REST-SIGNED").toBuilder()
                .connectionProperties(ConnectionPropertiesConfiguration.builder()
                        .url(ConnectorProperty.builder().name("Url").required(true).propertyType("USER_INPUT").build())
                        .additionalRequestParameters(ConnectorProperty.builder().name("AccountSignature")
                                .required(true).propertyLocation("QUERY_PARAM").propertyType("SECRET_OR_USER_INPUT")
                                .build()).build()).build());
        glue.createConnection(r -> r.connectionInput(ConnectionInput.builder().name("Signed")
                .connectionType("REST-SIGNED").validateCredentials(false)
                .connectionPropertiesWithStrings(Map.of("Url", foo.url(), "AccountSignature", "sig-93ad17")).build()));
        Map<String, String> hidden = glue.getConnection(r -> r.name("Signed").hidePassword(true)).connection()
                .connectionPropertiesAsStrings();
        assertThat(hidden).containsKey("Url").doesNotContainKey("AccountSignature");
        assertThat(glue.getConnection(r -> r.name("Signed")).connection().connectionPropertiesAsStrings())
                .containsEntry("AccountSignature", "sig-93ad17");
        glue.deleteConnection(r -> r.connectionName("Signed"));
        glue.deleteConnectionType(r -> r.connectionType("REST-SIGNED"));
    }
}
