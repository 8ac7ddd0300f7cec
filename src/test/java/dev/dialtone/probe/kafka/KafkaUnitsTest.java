package dev.dialtone.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.probe.Stage;
import dev.dialtone.aws.AwsSettings;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.trust.CertificateLocations;
import dev.dialtone.trust.ClientKeyStores;
import java.time.Duration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

/** The KAFKA tester's pure parts: parsing, the JAAS template, classification, the resolver, the JVM guards. */
class KafkaUnitsTest {

    @Test
    void bootstrapServersParseNamesIpv4AndBracketedIpv6InOrderWithoutDuplicates() {
        assertThat(BootstrapServer.parseList(" b-1.kafka:9094, 10.0.0.5:9092,[::1]:9093,b-1.kafka:9094 "))
                .containsExactly(new BootstrapServer("b-1.kafka", 9094), new BootstrapServer("10.0.0.5", 9092),
                        new BootstrapServer("::1", 9093));
        assertThat(new BootstrapServer("::1", 9093)).hasToString("[::1]:9093");
    }

    @Test
    void theJaasTemplateKeepsQuotesAndBackslashesInsideTheValues() {
        SaslCredentials tricky = new SaslCredentials("SCRAM-SHA-256", "ana\"lyst",
                "pw\" required; com.sun.security.auth.module.JndiLoginModule required x=\"\\");
        AppConfigurationEntry entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password(tricky.jaasConfig()))).configurationEntries().get(0);
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(Map.copyOf(entry.getOptions())).isEqualTo(Map.of("username", "ana\"lyst",
                "password", tricky.password()));
        assertThat(tricky.toString()).doesNotContain("pw\"");
    }

    @Test
    void adminExceptionsAreClassifiedByTypeElseByTheStageReached() {
        assertThat(KafkaFailures.classify(new SaslAuthenticationException("bad"), "describeCluster", Stage.AUTHORIZE)
                .stage()).isEqualTo(Stage.AUTHENTICATE);
        assertThat(KafkaFailures.classify(new SslAuthenticationException("pkix"), "describeCluster", Stage.AUTHORIZE)
                .stage()).isEqualTo(Stage.TLS);
        assertThat(KafkaFailures.classify(new TopicAuthorizationException("no"), "listTopics", Stage.AUTHORIZE)
                .stage()).isEqualTo(Stage.AUTHORIZE);
        assertThat(KafkaFailures.classify(new ClusterAuthorizationException("no"), "describeCluster",
                Stage.AUTHORIZE).reason()).isEqualTo("the user may not run describeCluster: no");
        assertThat(KafkaFailures.classify(new TimeoutException("late."), "listTopics", Stage.AUTHORIZE))
                .satisfies(f -> assertThat(f.stage()).isEqualTo(Stage.AUTHORIZE))
                .satisfies(f -> assertThat(f.reason()).isEqualTo("the cluster did not answer listTopics in time: late"));
    }

    @Test
    void theAdminResolverAnswersOnlyCheckedNamesWithTheCheckedAddresses() throws Exception {
        InetAddress checked = InetAddress.getByAddress("broker", new byte[] {127, 0, 0, 1});
        PinnedAdminFactory.CheckedNames names = new PinnedAdminFactory.CheckedNames(Map.of("Broker", List.of(checked)));
        assertThat(names.resolve("broker")).containsExactly(checked);
        assertThatThrownBy(() -> names.resolve("169.254.169.254")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("was not checked by Dialtone's dialer");
    }

    @Test
    void theAdminConfigurationIsBuiltFromCheckedPartsOnly() {
        KafkaTarget target = new KafkaTarget(List.of(new BootstrapServer("b-1", 9096), new BootstrapServer("::1", 9096)),
                Optional.of(KafkaTls.DEFAULT_TRUST), Optional.of(new SaslCredentials("SCRAM-SHA-512", "etl", "s3cret-pw")));
        Properties config = AdminCheck.config(target, 4_000);
        assertThat(config.getProperty("bootstrap.servers")).isEqualTo("b-1:9096,[::1]:9096");
        assertThat(config.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.getProperty("ssl.endpoint.identification.algorithm")).isEqualTo("https");
        assertThat(config.getProperty("default.api.timeout.ms")).isEqualTo("4000");
        assertThat(config.stringPropertyNames()).as("the JVM's trust, no keystore").noneMatch(key -> key.contains("store"));
        assertThat(config.stringPropertyNames()).noneMatch(key -> key.startsWith("config.providers")
                || key.contains("callback") || key.contains("oauthbearer") || key.contains("location"));
    }

    @Test
    void buildingTheTesterSetsTheKafkaJvmGuardsButKeepsAnOperatorsOwnValue() {
        String key = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
        String before = System.getProperty(key);
        System.setProperty(key, "https://login.example/token");
        try {
            tester();
            assertThat(System.getProperty(key)).isEqualTo("https://login.example/token");
            assertThat(System.getProperty("org.apache.kafka.allowed.login.modules"))
                    .isEqualTo(KafkaJvmGuards.GUARDS.get("org.apache.kafka.allowed.login.modules"));
            assertThat(System.getProperty("org.apache.kafka.automatic.config.providers")).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void tlsSettingsPrintNeitherTheKeyNorThePasswords() {
        dev.dialtone.fixtures.TestCertificates.Issued ca = dev.dialtone.fixtures.TestCertificates.certificateAuthority("CA");
        dev.dialtone.fixtures.TestCertificates.Issued client = dev.dialtone.fixtures.TestCertificates.server(ca, "job");
        ClientKeyStores.ClientKey key = new ClientKeyStores.ClientKey(client.keys().getPrivate(),
                List.of(client.certificate(), ca.certificate()));
        KafkaTls tls = new KafkaTls(Optional.empty(), Optional.of(key), java.util.Set.of("Keystore-Pw-123"));
        String modulus = ((java.security.interfaces.RSAPrivateKey) client.keys().getPrivate()).getModulus().toString();
        assertThat(tls.toString() + key).contains("CN=job").doesNotContain("Keystore-Pw-123")
                .doesNotContain(modulus.substring(0, 40));
    }

    private static KafkaTester tester() {
        CertificateLocations nowhere = new CertificateLocations(Optional.empty(),
                new AwsSettings(Map.of(), Duration.ofSeconds(1)));
        return new KafkaTester(SecretStore.NONE, new CaCertificates(nowhere), new ClientKeyStores(nowhere));
    }

    @Test
    void aJaasConfigNamingAnotherLoginModuleIsRefusedOnceTheGuardsAreSet() {
        tester();
        // Kafka's own default list refuses only the JNDI and LDAP modules; the allow-list refuses this one too.
        assertThatThrownBy(() -> JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(
                "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/krb5.keytab\";"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Krb5LoginModule");
    }
}
