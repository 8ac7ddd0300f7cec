package dev.dialtone.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeConnectionTypeResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Property;
import software.amazon.awssdk.services.glue.model.PropertyType;

/** KAFKA definitions that cannot be tested are refused before any socket opens, naming the property. */
class KafkaPropertiesTest {
    @RegisterExtension
    // SECRET_ID cases read the server's secrets, which the laptop mode allows only when the operator says so.
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true));
    private final GlueClient glue = SERVER.glue();

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("KAFKA")
                .connectionPropertiesWithStrings(properties)));
    }

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void describeConnectionTypeListsTheKafkaPropertiesWithSecretsMarked() {
        DescribeConnectionTypeResponse kafka = glue.describeConnectionType(r -> r.connectionType("KAFKA"));
        Map<String, Property> properties = kafka.connectionProperties();
        assertThat(properties.get("KAFKA_BOOTSTRAP_SERVERS").required()).isTrue();
        assertThat(properties.get("KAFKA_SSL_ENABLED").allowedValues()).extracting(v -> v.value())
                .containsExactly("true", "false");
        assertThat(properties.get("KAFKA_SASL_MECHANISM").allowedValues()).extracting(v -> v.value())
                .containsExactly("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
        for (String secret : new String[] {"KAFKA_SASL_SCRAM_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD",
                "KAFKA_CLIENT_KEYSTORE_PASSWORD", "KAFKA_CLIENT_KEY_PASSWORD"}) {
            assertThat(properties.get(secret).propertyTypes()).as(secret).containsExactly(PropertyType.SECRET);
        }
        assertThat(properties).containsKeys("KAFKA_CUSTOM_CERT", "KAFKA_SKIP_CUSTOM_CERT_VALIDATION",
                "KAFKA_CLIENT_KEYSTORE", "KAFKA_SASL_PLAIN_USERNAME", "KAFKA_SASL_SCRAM_USERNAME", "SECRET_ID");
    }

    @Test
    void bootstrapServersMustBeHostPortEntries() {
        assertThatThrownBy(() -> test(Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("KAFKA connections need "
                        + "KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> test(with("KAFKA_BOOTSTRAP_SERVERS", "SASL_SSL://b-1:9094")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS entries must be host:port")
                .hasMessageContaining("'SASL_SSL://b-1:9094'");
        assertThatThrownBy(() -> test(with("KAFKA_BOOTSTRAP_SERVERS", "b-1:9094,b-2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("(got 'b-2')");
        assertThatThrownBy(() -> test(with("KAFKA_BOOTSTRAP_SERVERS", "b-1:70000")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> test(with("KAFKA_BOOTSTRAP_SERVERS", " , ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one host:port");
    }

    @Test
    void certificateAndKeystoreLocationsOutsideTheOperatorsPlacesAreRefusedUnread() {
        // This server has no certificate directory: only s3:// locations could be read, and no file ever is.
        assertThatThrownBy(() -> test(with("KAFKA_CUSTOM_CERT", "/etc/passwd")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_CUSTOM_CERT '/etc/passwd' cannot be read")
                .hasMessageContaining("DIALTONE_CERT_DIR");
        assertThatThrownBy(() -> test(with("KAFKA_CLIENT_KEYSTORE", "../../etc/ssl/private/server.p12",
                "KAFKA_CLIENT_KEYSTORE_PASSWORD", "Keystore-Pw-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_CLIENT_KEYSTORE '../../etc/ssl/private/server.p12' cannot be read")
                .hasMessageNotContaining("Keystore-Pw-1");
        assertThatThrownBy(() -> test(with("KAFKA_CUSTOM_CERT", "s3://bucket")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("use s3://bucket/key");
    }

    @Test
    void aKeystoreNeedsItsPasswordInPlainText() {
        assertThatThrownBy(() -> test(with("KAFKA_CLIENT_KEYSTORE", "client.jks")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_CLIENT_KEYSTORE needs KAFKA_CLIENT_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> test(with("KAFKA_CLIENT_KEYSTORE", "client.jks",
                "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD", "AQICAHh...")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot decrypt Glue's ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD");
    }

    @Test
    void saslNeedsAMechanismWeCanTestAndItsCredentials() {
        assertThatThrownBy(() -> test(with("KAFKA_SASL_MECHANISM", "AWS_MSK_IAM")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_SASL_MECHANISM 'AWS_MSK_IAM' cannot be tested")
                .hasMessageContaining("PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        assertThatThrownBy(() -> test(with("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_SCRAM_USERNAME", "u")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing: KAFKA_SASL_SCRAM_PASSWORD");
        assertThatThrownBy(() -> test(with("KAFKA_SASL_PLAIN_USERNAME", "u", "KAFKA_SASL_PLAIN_PASSWORD", "p4ss")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KAFKA_SASL_PLAIN_USERNAME is set but KAFKA_SASL_MECHANISM is not");
        assertThatThrownBy(() -> test(with("KAFKA_SASL_MECHANISM", "PLAIN", "SECRET_ID", "kafka/etl")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Secret 'kafka/etl' cannot be read");
    }

    @Test
    void aPasswordWithALineBreakIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> test(with("KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_PLAIN_USERNAME", "u",
                "KAFKA_SASL_PLAIN_PASSWORD", "line-one\nline-two")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The SASL password contains a control character")
                .hasMessageNotContaining("line-one");
    }
}
