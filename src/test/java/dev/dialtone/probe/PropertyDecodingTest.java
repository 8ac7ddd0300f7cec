package dev.dialtone.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Tarpit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * Declared properties are decoded by the registry, by their declared rule, before any tester plans: a malformed
 * flag, port or number is refused in the same words for every type, naming the property and the rule, and no
 * socket opens (the listener the connection names sees nothing).
 */
class PropertyDecodingTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();
    private static Tarpit listener;

    @BeforeAll
    static void start() throws Exception {
        listener = new Tarpit();
    }

    @AfterAll
    static void stop() throws Exception {
        listener.close();
    }

    private static Map<String, String> base(String type) {
        String address = "127.0.0.1:" + listener.port();
        return switch (type) {
            case "NETWORK" -> Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(listener.port()));
            case "JDBC" -> Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://" + address + "/db", "USERNAME", "u",
                    "PASSWORD", "decode-pw");
            case "KAFKA" -> Map.of("KAFKA_BOOTSTRAP_SERVERS", address);
            case "MONGODB" -> Map.of("CONNECTION_URL", "mongodb://" + address + "/db");
            case "SFTP" -> Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(listener.port()), "USERNAME", "u",
                    "PASSWORD", "decode-pw");
            default -> throw new IllegalArgumentException(type);
        };
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource({
        "NETWORK,TLS,yes,TLS must be true or false (got 'yes').",
        "NETWORK,SKIP_CERT_VALIDATION,1,SKIP_CERT_VALIDATION must be true or false (got '1').",
        "NETWORK,PORT,http,PORT must be a number from 1 to 65535 (got 'http').",
        "NETWORK,PORT,70000,PORT must be a number from 1 to 65535 (got '70000').",
        "JDBC,JDBC_ENFORCE_SSL,on,JDBC_ENFORCE_SSL must be true or false (got 'on').",
        "JDBC,SKIP_CUSTOM_JDBC_CERT_VALIDATION,ja,SKIP_CUSTOM_JDBC_CERT_VALIDATION must be true or false (got 'ja').",
        "KAFKA,KAFKA_SSL_ENABLED,maybe,KAFKA_SSL_ENABLED must be true or false (got 'maybe').",
        "KAFKA,KAFKA_SKIP_CUSTOM_CERT_VALIDATION,no,KAFKA_SKIP_CUSTOM_CERT_VALIDATION must be true or false (got 'no').",
        "MONGODB,SKIP_CERT_VALIDATION,Y,SKIP_CERT_VALIDATION must be true or false (got 'Y').",
        "SFTP,PORT,-22,PORT must be a number from 1 to 65535 (got '-22').",
    })
    void aMalformedValueIsRefusedNamingThePropertyAndTheRuleBeforeAnySocket(String type, String key, String value,
            String message) {
        Map<String, String> properties = new HashMap<>(base(type));
        properties.put(key, value);
        assertThatThrownBy(() -> SERVER.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
        assertThat(listener.accepted()).isZero();
    }

    @Test
    void flagsAreReadInAnyCaseAndWithSpaces() {
        // " TRUE " is a flag set: the NETWORK test negotiates TLS, which the silent listener never answers.
        TestSubject subject = TesterRegistry.decode(SERVER.dialtone().probe().testers().find("NETWORK").orElseThrow(),
                new TestSubject("NETWORK", Map.of("HOST", "h", "PORT", " 443 ", "TLS", " TRUE "),
                        java.util.Optional.empty()));
        assertThat(subject.flag("TLS")).isTrue();
        assertThat(subject.flag("SKIP_CERT_VALIDATION")).as("its declared default").isFalse();
        assertThat(subject.integer("PORT")).contains(443);
    }

    @Test
    void aDefaultIsDecodedWhenThePropertyIsAbsent() {
        TestSubject kafka = TesterRegistry.decode(SERVER.dialtone().probe().testers().find("KAFKA").orElseThrow(),
                new TestSubject("KAFKA", Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092"), java.util.Optional.empty()));
        assertThat(kafka.flag("KAFKA_SSL_ENABLED")).as("Glue's default").isTrue();
        TestSubject sftp = TesterRegistry.decode(SERVER.dialtone().probe().testers().find("SFTP").orElseThrow(),
                new TestSubject("SFTP", Map.of("HOST", "h"), java.util.Optional.empty()));
        assertThat(sftp.integer("PORT")).contains(22);
    }

    @Test
    void decodersStateTheirRules() throws Exception {
        assertThat(PropertyDecoder.range(1, 10).decode("10")).isEqualTo(10);
        assertThatThrownBy(() -> PropertyDecoder.range(1, 10).decode("11")).isInstanceOf(PropertyDecoder.Refused.class);
        assertThatThrownBy(() -> PropertyDecoder.range(1, 10).decode("99999999999")).isInstanceOf(PropertyDecoder.Refused.class);
        assertThat(PropertyDecoder.choice(java.util.List.of("BASIC", "IAM")).decode("iam")).isEqualTo("IAM");
        assertThat(PropertyDecoder.url("https").decode("https://h.example:8443/x").toString())
                .isEqualTo("https://h.example:8443/x");
        assertThatThrownBy(() -> PropertyDecoder.url("https").decode("https://user:pw@h.example/"))
                .isInstanceOf(PropertyDecoder.Refused.class);
        assertThatThrownBy(() -> PropertyDecoder.url("https").decode("http://h.example/"))
                .isInstanceOf(PropertyDecoder.Refused.class);
        assertThat(PropertyDecoder.url("https").rule()).isEqualTo("a https:// URL with a host and no user name or "
                + "password in it");
    }
}
