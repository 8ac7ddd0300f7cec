package dev.dialtone.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.FakeKms;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CatalogEncryptionMode;
import software.amazon.awssdk.services.glue.model.DataCatalogEncryptionSettings;
import software.amazon.awssdk.services.glue.model.GlueEncryptionException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Get/PutDataCatalogEncryptionSettings through the SDK, and ConnectionPasswordEncryption as Glue documents it:
 * GetConnection(s) return ENCRYPTED_PASSWORD, KMS ciphertext that the same KMS decrypts back to the password.
 */
class DataCatalogEncryptionSettingsTest {
    private static final FakeKms KMS = FakeKms.start();
    private static final String PASSWORD = "Canary-Glue-Pw-5b0c3e8d47";

    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(config ->
            config.withEnvironment(Map.of("AWS_ENDPOINT_URL_KMS", KMS.endpoint())));

    @AfterAll
    static void stopKms() {
        KMS.close();
    }

    private final GlueClient glue = SERVER.glue();

    private static KmsClient kmsClient() {
        return KmsClient.builder().endpointOverride(URI.create(KMS.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private void putPasswordEncryption(String catalogId, boolean on, String keyId) {
        glue.putDataCatalogEncryptionSettings(r -> r.catalogId(catalogId).dataCatalogEncryptionSettings(s -> s
                .connectionPasswordEncryption(p -> p.returnConnectionPasswordEncrypted(on).awsKmsKeyId(keyId))));
    }

    private void createJdbc(String catalogId, String name) {
        glue.createConnection(r -> r.catalogId(catalogId).connectionInput(c -> c.name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://db.dialtone.test/x",
                        "USERNAME", "u", "PASSWORD", PASSWORD))));
    }

    @Test
    void aCatalogWithoutSettingsAnswersGluesDefaults() {
        DataCatalogEncryptionSettings settings = glue.getDataCatalogEncryptionSettings(r -> r.catalogId("444455556666"))
                .dataCatalogEncryptionSettings();
        assertThat(settings.encryptionAtRest().catalogEncryptionMode()).isEqualTo(CatalogEncryptionMode.DISABLED);
        assertThat(settings.connectionPasswordEncryption().returnConnectionPasswordEncrypted()).isFalse();
    }

    @Test
    void settingsAreStoredEchoedAndRegional() {
        glue.putDataCatalogEncryptionSettings(r -> r.catalogId("111111111111").dataCatalogEncryptionSettings(s -> s
                .encryptionAtRest(e -> e.catalogEncryptionMode(CatalogEncryptionMode.SSE_KMS_WITH_SERVICE_ROLE)
                        .sseAwsKmsKeyId("alias/catalog").catalogEncryptionServiceRole(
                                "arn:aws:iam::111111111111:role/glue-catalog"))
                .connectionPasswordEncryption(p -> p.returnConnectionPasswordEncrypted(false))));
        DataCatalogEncryptionSettings read = glue.getDataCatalogEncryptionSettings(r -> r.catalogId("111111111111"))
                .dataCatalogEncryptionSettings();
        assertThat(read.encryptionAtRest().catalogEncryptionMode())
                .isEqualTo(CatalogEncryptionMode.SSE_KMS_WITH_SERVICE_ROLE);
        assertThat(read.encryptionAtRest().sseAwsKmsKeyId()).isEqualTo("alias/catalog");
        assertThat(read.encryptionAtRest().catalogEncryptionServiceRole())
                .isEqualTo("arn:aws:iam::111111111111:role/glue-catalog");
        assertThat(read.connectionPasswordEncryption().returnConnectionPasswordEncrypted()).isFalse();

        try (GlueClient west = GlueClient.builder().endpointOverride(SERVER.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(west.getDataCatalogEncryptionSettings(r -> r.catalogId("111111111111"))
                    .dataCatalogEncryptionSettings().encryptionAtRest().catalogEncryptionMode())
                    .isEqualTo(CatalogEncryptionMode.DISABLED);
        }
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> putPasswordEncryption("222222222222", true, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AwsKmsKeyId is required when ReturnConnectionPasswordEncrypted is true");
        assertThatThrownBy(() -> glue.putDataCatalogEncryptionSettings(r -> r.catalogId("222222222222")
                .dataCatalogEncryptionSettings(s -> s.encryptionAtRest(e -> e.catalogEncryptionMode("ROT13")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("CatalogEncryptionMode");
        assertThatThrownBy(() -> glue.putDataCatalogEncryptionSettings(r -> r.catalogId("222222222222")
                .dataCatalogEncryptionSettings(s -> s.encryptionAtRest(e -> e.catalogEncryptionMode("SSE-KMS")
                        .catalogEncryptionServiceRole("not-a-role")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be an IAM role ARN");
        assertThat(glue.getDataCatalogEncryptionSettings(r -> r.catalogId("222222222222"))
                .dataCatalogEncryptionSettings().connectionPasswordEncryption().returnConnectionPasswordEncrypted())
                .isFalse();
    }

    @Test
    void passwordsComeBackAsKmsCiphertextThatKmsDecrypts() {
        String key = KMS.createKey();
        putPasswordEncryption("333333333333", true, key);
        createJdbc("333333333333", "sales");

        Map<String, String> shown = glue.getConnection(r -> r.catalogId("333333333333").name("sales")).connection()
                .connectionPropertiesAsStrings();
        assertThat(shown).doesNotContainKey("PASSWORD").containsKey("ENCRYPTED_PASSWORD").containsEntry("USERNAME", "u");
        assertThat(shown.get("ENCRYPTED_PASSWORD")).doesNotContain(PASSWORD);
        try (KmsClient kms = kmsClient()) {
            String decrypted = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(
                    Base64.getDecoder().decode(shown.get("ENCRYPTED_PASSWORD"))))).plaintext().asUtf8String();
            assertThat(decrypted).isEqualTo(PASSWORD);
        }
        assertThat(glue.getConnections(r -> r.catalogId("333333333333")).connectionList()).singleElement()
                .satisfies(c -> assertThat(c.connectionPropertiesAsStrings()).doesNotContainKey("PASSWORD")
                        .containsKey("ENCRYPTED_PASSWORD"));
        assertThat(glue.getConnection(r -> r.catalogId("333333333333").name("sales").hidePassword(true)).connection()
                .connectionPropertiesAsStrings()).doesNotContainKeys("PASSWORD", "ENCRYPTED_PASSWORD");

        // Turned off again: the password is returned as before.
        putPasswordEncryption("333333333333", false, null);
        assertThat(glue.getConnection(r -> r.catalogId("333333333333").name("sales")).connection()
                .connectionPropertiesAsStrings()).containsEntry("PASSWORD", PASSWORD)
                .doesNotContainKey("ENCRYPTED_PASSWORD");
    }

    @Test
    void aDisabledOrUnknownCatalogKeyFailsWithGlueEncryptionExceptionNamingIt() {
        String key = KMS.createKey();
        putPasswordEncryption("555555555555", true, key);
        createJdbc("555555555555", "sales");
        KMS.disable(key);
        assertThatThrownBy(() -> glue.getConnection(r -> r.catalogId("555555555555").name("sales")))
                .isInstanceOf(GlueEncryptionException.class)
                .hasMessageContaining(key).hasMessageContaining("DisabledException").hasMessageNotContaining(PASSWORD)
                .satisfies(e -> assertThat(((GlueEncryptionException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> glue.getConnections(r -> r.catalogId("555555555555")))
                .isInstanceOf(GlueEncryptionException.class).hasMessageContaining(key);

        String unknown = "arn:aws:kms:us-east-1:" + FakeKms.ACCOUNT + ":key/11111111-2222-3333-4444-555555555555";
        putPasswordEncryption("555555555555", true, unknown);
        assertThatThrownBy(() -> glue.getConnection(r -> r.catalogId("555555555555").name("sales")))
                .isInstanceOf(GlueEncryptionException.class)
                .hasMessageContaining(unknown).hasMessageContaining("NotFoundException");
    }
}
