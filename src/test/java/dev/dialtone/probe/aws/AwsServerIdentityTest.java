package dev.dialtone.probe.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeAwsServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;

/** With DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY=true, a connection without a secret is tested with the server's keys. */
class AwsServerIdentityTest {
    private static final FakeAwsServices AWS = FakeAwsServices.start().key("AKIASERVERIDENTITY01", "server-secret-1f")
            .table("orders");

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withEnvironment(Map.of(
            "DIALTONE_AWS_TESTS_USE_SERVER_IDENTITY", "true",
            "AWS_ACCESS_KEY_ID", "AKIASERVERIDENTITY01",
            "AWS_SECRET_ACCESS_KEY", "server-secret-1f",
            "AWS_ENDPOINT_URL_DYNAMODB", AWS.endpoint())));

    @AfterAll
    static void stop() {
        AWS.close();
    }

    @Test
    void theOperatorsIdentitySignsWhenTheOperatorAllowedIt() {
        var glue = SERVER.glue();
        glue.createConnection(r -> r.connectionInput(c -> c.name("ddb").connectionType("DYNAMODB")
                .connectionPropertiesWithStrings(Map.of())));
        glue.testConnection(r -> r.connectionName("ddb"));
        var connection = glue.getConnection(r -> r.name("ddb")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).contains("identity this server's own AWS identity")
                .contains("tables first: orders").doesNotContain("server-secret-1f");
    }
}
