package dev.dialtone.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.trust.CertificateLocations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * Dialtone's AWS identity exists only when the operator configured one; without it no lookup a caller
 * triggers reaches the instance metadata service. The metadata endpoint is pointed, for this test only, at a
 * loopback recorder (never 169.254.169.254), which counts every request the SDK would have sent there.
 */
class AwsIdentityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private HttpServer metadata;
    private String savedEndpoint;
    private String savedDisabled;

    @BeforeEach
    void pointTheMetadataServiceAtARecorder() throws Exception {
        metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadata.createContext("/", exchange -> {
            metadataRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        metadata.start();
        savedEndpoint = System.getProperty(SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.property());
        savedDisabled = System.getProperty(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property());
        System.setProperty(SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.property(),
                "http://127.0.0.1:" + metadata.getAddress().getPort());
        System.clearProperty(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property());
    }

    @AfterEach
    void restore() {
        restore(SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.property(), savedEndpoint);
        restore(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property(), savedDisabled);
        metadata.stop(0);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void withoutSettingsThereIsNoIdentityAndNoLookupReachesTheMetadataService() throws Exception {
        AwsSettings none = new AwsSettings(Map.of(), TIMEOUT);
        assertThat(none.credentials()).isEmpty();
        assertThat(none.region(Optional.empty())).isEqualTo(Region.US_EAST_1);

        CertificateLocations locations = new CertificateLocations(Optional.empty(), none);
        assertThatThrownBy(() -> locations.read("CUSTOM_JDBC_CERT", "s3://certs/ca.pem", Permissions.unrestricted()))
                .isInstanceOf(InvalidTestInput.class)
                .hasMessageContaining("has no AWS identity configured")
                .hasMessageContaining("--aws-use-default-credentials");
        locations.close();
        dev.dialtone.secrets.SecretsManagerSecretsAccess.assertNoIdentityRefusal(none);
        assertThat(metadataRequests).as("requests to the metadata service").hasValue(0);
    }

    @Test
    void theRecorderWouldSeeTheDefaultChainWhichOnlyTheOperatorsFlagAllows() {
        AwsCredentialsProvider chain = new AwsSettings(Map.of(), TIMEOUT, true).credentials().orElseThrow();
        assertThat(chain).isInstanceOf(DefaultCredentialsProvider.class);
        try {
            chain.resolveCredentials();
        } catch (RuntimeException expected) {
            // No identity anywhere on this machine; what matters is where the chain looked.
        }
        assertThat(metadataRequests.get()).as("the default chain asks the metadata service").isPositive();
    }

    @Test
    void eachExplicitSettingGivesItsOwnProviderNeverTheDefaultChain() throws Exception {
        assertThat(new AwsSettings(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "x"), TIMEOUT)
                .credentials()).containsInstanceOf(StaticCredentialsProvider.class);
        Path file = Files.createTempFile("dialtone-aws", ".ini");
        Files.writeString(file, "[ops]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n");
        AwsCredentialsProvider profile = new AwsSettings(Map.of("AWS_SHARED_CREDENTIALS_FILE", file.toString(),
                "AWS_PROFILE", "ops"), TIMEOUT).credentials().orElseThrow();
        assertThat(profile).isInstanceOf(ProfileCredentialsProvider.class);
        assertThat(profile.resolveCredentials().accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(new AwsSettings(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", file.toString(),
                "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/dialtone"), TIMEOUT).credentials())
                .containsInstanceOf(StsWebIdentityTokenFileCredentialsProvider.class);
        assertThat(new AwsSettings(Map.of("AWS_REGION", "eu-west-1"), TIMEOUT).credentials()).isEmpty();
        Files.delete(file);
        assertThat(metadataRequests).hasValue(0);
    }
}
