package dev.dialtone.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.EmbeddedCatalog;
import dev.dialtone.catalog.SecretsUnavailable;
import dev.dialtone.catalog.SqlConnectionStore;
import dev.dialtone.cli.RotateMasterKeyCommand;
import dev.dialtone.fixtures.DataDirScan;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.fixtures.TestCatalogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.OAuth2GrantType;

/**
 * Every secret a connection carries is sealed at rest: no canary in any byte under the data directory
 * (catalog, WAL, shared memory, test history, key file), yet a restart with the key gets them back and
 * tests by name still log in to a real PostgreSQL. A missing or wrong key stops the start with an error
 * naming it; a rotation under a running server leaves it working and the old key unneeded.
 */
class SecretsAtRestTest {
    private static final String PG_PASSWORD = "Canary-Pg-9f3b1c7e22";
    private static final String BASIC_PASSWORD = "Canary-Basic-5d8e0a4f61";
    private static final String PRIVATE_KEY = "Canary-PrivateKey-2b7c9e1d03";
    private static final String OAUTH_SECRET = "Canary-OAuthSecret-7a1f6c2e94";
    private static final String ACCESS_TOKEN = "Canary-AccessToken-3e9d0b5a17";
    private static final String CUSTOM_SECRET = "Canary-Custom-8c4a2f7b35";
    private static final String[] CANARIES = {PG_PASSWORD, BASIC_PASSWORD, PRIVATE_KEY, OAUTH_SECRET, ACCESS_TOKEN,
            CUSTOM_SECRET};
    private static PostgresServer pg;

    @BeforeAll
    static void database() throws Exception {
        pg = SharedDatabases.postgres();
        pg.createRole("sealed_user", PG_PASSWORD);
        pg.createRole("basic_user", BASIC_PASSWORD);
        pg.createDatabase("sealed", "sealed_user");
        pg.execute("GRANT CONNECT ON DATABASE sealed TO basic_user");
    }

    private static void createConnections(GlueClient glue) {
        glue.createConnection(r -> r.connectionInput(jdbc("pg", PG_PASSWORD)));
        glue.createConnection(r -> r.connectionInput(c -> c.name("pg-basic").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", pg.jdbcUrl("sealed")))
                .authenticationConfiguration(a -> a.authenticationType("BASIC")
                        .basicAuthenticationCredentials(b -> b.username("basic_user").password(BASIC_PASSWORD)))));
        // SFTP_PRIVATE_KEY: secret by the SFTP tester's declaration, not by its name.
        glue.createConnection(r -> r.connectionInput(c -> c.name("sftp").connectionType("SFTP")
                .connectionPropertiesWithStrings(Map.of("HOST", "sftp.dialtone.test", "USERNAME", "u",
                        "SFTP_PRIVATE_KEY", PRIVATE_KEY))));
        glue.createConnection(r -> r.connectionInput(c -> c.name("sf").connectionType("SALESFORCE")
                .connectionPropertiesWithStrings(Map.of("INSTANCE_URL", "https://example.my.salesforce.com"))
                .authenticationConfiguration(AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                        .oAuth2Properties(o -> o.oAuth2GrantType(OAuth2GrantType.CLIENT_CREDENTIALS)
                                .oAuth2ClientApplication(app -> app.userManagedClientApplicationClientId("cc-app"))
                                .tokenUrl("https://login.salesforce.com/services/oauth2/token")
                                .oAuth2Credentials(cred -> cred.userManagedClientApplicationClientSecret(OAUTH_SECRET)
                                        .accessToken(ACCESS_TOKEN)))
                        .build())));
        glue.createConnection(r -> r.connectionInput(c -> c.name("custom").connectionType("CUSTOM")
                .connectionPropertiesWithStrings(Map.of("HOST", "h"))
                .authenticationConfiguration(a -> a.authenticationType("CUSTOM")
                        .customAuthenticationCredentials(Map.of("apiKey", CUSTOM_SECRET)))));
    }

    private static ConnectionInput jdbc(String name, String password) {
        return ConnectionInput.builder().name(name).connectionType("JDBC").connectionPropertiesWithStrings(Map.of(
                "JDBC_CONNECTION_URL", pg.jdbcUrl("sealed"), "USERNAME", "sealed_user", "PASSWORD", password)).build();
    }

    @Test
    void noCanaryReachesAnyFileAndARestartWithTheKeyGetsThemBack(@TempDir Path dir) throws Exception {
        try (SealedServer server = SealedServer.start(dir)) {
            createConnections(server.glue());
            server.glue().testConnection(r -> r.connectionName("pg"));
            server.glue().testConnection(r -> r.connectionName("pg-basic"));
            assertThat(DataDirScan.files(dir)).extracting(path -> path.getFileName().toString())
                    .contains("catalog.db", "catalog.db-wal", "catalog.db-shm", "master.key");
            assertThat(DataDirScan.hits(dir, CANARIES)).as("while running").isEmpty();
        }
        assertThat(DataDirScan.hits(dir, CANARIES)).as("after stopping").isEmpty();
        assertThat(DataDirScan.modes(dir)).allSatisfy((path, mode) ->
                assertThat(mode).as(path).isEqualTo(Files.isDirectory(dir.resolve(path)) ? "rwx------" : "rw-------"));

        try (SealedServer server = SealedServer.start(dir)) {
            GlueClient glue = server.glue();
            assertThat(glue.getConnection(r -> r.name("pg")).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", PG_PASSWORD);
            glue.testConnection(r -> r.connectionName("pg"));
            glue.testConnection(r -> r.connectionName("pg-basic"));
            assertThat(glue.getConnection(r -> r.name("sftp")).connection().connectionPropertiesAsStrings())
                    .containsEntry("SFTP_PRIVATE_KEY", PRIVATE_KEY);
            // A rename reseals under the new name (the values are bound to it), and the test still logs in.
            glue.updateConnection(r -> r.name("pg").connectionInput(jdbc("pg-renamed", PG_PASSWORD)));
            assertThat(glue.getConnections(r -> r.hidePassword(false)).connectionList())
                    .filteredOn(c -> c.name().equals("pg-renamed")).singleElement()
                    .satisfies(c -> assertThat(c.connectionPropertiesAsStrings()).containsEntry("PASSWORD", PG_PASSWORD));
            glue.testConnection(r -> r.connectionName("pg-renamed"));
        }
        assertThat(DataDirScan.hits(dir, CANARIES)).isEmpty();
        // The stored credentials still open after a restart: the catalog underneath returns them to the tester.
        try (var catalog = TestCatalogs.open(dir)) {
            var sf = catalog.connections().get(new dev.dialtone.catalog.CatalogScope("000000000000", "us-east-1"), "sf")
                    .orElseThrow().definition().authenticationConfiguration().orElseThrow();
            assertThat(sf.oauth2Properties().orElseThrow().clientSecret()).contains(OAUTH_SECRET);
            assertThat(sf.oauth2Properties().orElseThrow().accessToken()).contains(ACCESS_TOKEN);
        }
    }

    @Test
    void withoutTheKeyFileTheServerRefusesToStartNamingTheFile(@TempDir Path dir) throws Exception {
        try (SealedServer server = SealedServer.start(dir)) {
            server.glue().createConnection(r -> r.connectionInput(jdbc("pg", PG_PASSWORD)));
        }
        Path key = dir.resolve("master.key");
        Path moved = Files.move(key, dir.resolveSibling(dir.getFileName() + "-master.key.moved"));
        try {
            assertThatThrownBy(() -> SealedServer.start(dir)).isInstanceOf(SecretsUnavailable.class)
                    .hasMessageContaining("the master key file " + key + " is missing")
                    .hasMessageContaining("--master-key-file");
            assertThat(key).as("no new key made in its place").doesNotExist();
        } finally {
            Files.move(moved, key);
        }
        try (SealedServer server = SealedServer.start(dir)) {
            assertThat(server.glue().getConnection(r -> r.name("pg")).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", PG_PASSWORD);
        }
    }

    @Test
    void aKeyFileNamedByTheOperatorIsUsedAndItsAbsenceNamed(@TempDir Path dir, @TempDir Path keys) throws Exception {
        Path keyFile = keys.resolve("dialtone.key");
        var keysConfig = new dev.dialtone.DialtoneConfig.Keys(java.util.Optional.of(keyFile), java.util.Optional.empty());
        try (SealedServer server = SealedServer.start(dir, config -> config.withKeys(keysConfig))) {
            server.glue().createConnection(r -> r.connectionInput(jdbc("pg", PG_PASSWORD)));
        }
        assertThat(keyFile).exists();
        assertThat(dir.resolve("master.key")).doesNotExist();
        assertThat(DataDirScan.modes(keys)).containsEntry("dialtone.key", "rw-------");
        Files.delete(keyFile);
        assertThatThrownBy(() -> SealedServer.start(dir, config -> config.withKeys(keysConfig)))
                .isInstanceOf(SecretsUnavailable.class).hasMessageContaining(keyFile.toString());
    }

    @Test
    void aWrongKeyStopsTheStartInsteadOfServingGarbage(@TempDir Path dir, @TempDir Path other) throws Exception {
        try (SealedServer server = SealedServer.start(dir)) {
            server.glue().createConnection(r -> r.connectionInput(jdbc("pg", PG_PASSWORD)));
        }
        Path key = dir.resolve("master.key");
        byte[] right = Files.readAllBytes(key);

        // Another catalog's key file: different key ids.
        try (SealedServer server = SealedServer.start(other)) {
            server.glue().getConnections(r -> r.hidePassword(true));
        }
        Files.write(key, Files.readAllBytes(other.resolve("master.key")));
        assertThatThrownBy(() -> SealedServer.start(dir)).isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining("is not in the master key file " + key)
                .hasMessageContaining("restore the file this catalog was sealed with");

        // The same key id with other key material.
        ObjectMapper json = new ObjectMapper();
        ObjectNode ring = (ObjectNode) json.readTree(right);
        byte[] otherMaterial = new byte[32];
        new java.security.SecureRandom().nextBytes(otherMaterial);
        ((ObjectNode) ring.get("Keys").get(0)).put("Key", Base64.getEncoder().encodeToString(otherMaterial));
        Files.write(key, json.writeValueAsBytes(ring));
        assertThatThrownBy(() -> SealedServer.start(dir)).isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining("is not the key this catalog was sealed with");

        Files.write(key, right);
        try (SealedServer server = SealedServer.start(dir)) {
            assertThat(server.glue().getConnection(r -> r.name("pg")).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", PG_PASSWORD);
        }
    }

    @Test
    void rotationUnderARunningServerKeepsItWorkingAndRetiresTheOldKey(@TempDir Path dir) throws Exception {
        String oldKeyId;
        try (SealedServer server = SealedServer.start(dir)) {
            GlueClient glue = server.glue();
            createConnections(glue);
            glue.createConnection(r -> r.connectionInput(jdbc("busy", PG_PASSWORD)));
            oldKeyId = new ObjectMapper().readTree(dir.resolve("master.key").toFile()).path("Primary").asText();

            AtomicBoolean rotating = new AtomicBoolean(true);
            AtomicInteger rounds = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                while (rotating.get() || rounds.get() < 3) {
                    try {
                        int round = rounds.incrementAndGet();
                        // GetConnections reads (and opens) every row from the catalog, not from the cache.
                        var listed = glue.getConnections(r -> r.hidePassword(false)).connectionList();
                        listed.stream().filter(c -> c.name().equals("pg")).forEach(c -> {
                            if (!PG_PASSWORD.equals(c.connectionPropertiesAsStrings().get("PASSWORD"))) {
                                failures.add("round " + round + ": pg's password came back wrong");
                            }
                        });
                        glue.updateConnection(r -> r.name("busy").connectionInput(jdbc("busy", PG_PASSWORD)));
                        if (round % 3 == 0) {
                            glue.testConnection(r -> r.connectionName("busy"));
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = new CommandLine(new RotateMasterKeyCommand(SealedServer.HERMETIC_AWS,
                    new PrintStream(output, true, StandardCharsets.UTF_8)))
                    .execute("--data-dir", dir.toString(), "--grace", "300ms");
            rotating.set(false);
            traffic.join();
            assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("retired " + oldKeyId);
            assertThat(failures).isEmpty();
            assertThat(rounds.get()).isGreaterThanOrEqualTo(3);

            var ring = new ObjectMapper().readTree(dir.resolve("master.key").toFile());
            String newKeyId = ring.path("Primary").asText();
            assertThat(newKeyId).isNotEqualTo(oldKeyId);
            assertThat(ring.path("Keys")).hasSize(1);
            assertThat(Files.readString(dir.resolve("master.key"))).doesNotContain(oldKeyId);
            try (SqlConnectionStore raw = EmbeddedCatalog.openForMaintenance(dir)) {
                assertThat(EmbeddedCatalog.keyIdsInUse(raw, TestCatalogs.keys(dir).existing())).containsExactly(newKeyId);
            }
            // The running server, which never restarted, seals and opens under the new key.
            glue.updateConnection(r -> r.name("busy").connectionInput(jdbc("busy", PG_PASSWORD)));
            glue.testConnection(r -> r.connectionName("busy"));
            glue.testConnection(r -> r.connectionName("pg"));
        }
        assertThat(DataDirScan.modes(dir)).containsEntry("master.key", "rw-------");
        assertThat(DataDirScan.hits(dir, CANARIES)).isEmpty();
        try (SealedServer server = SealedServer.start(dir)) {
            server.glue().testConnection(r -> r.connectionName("pg"));
            server.glue().testConnection(r -> r.connectionName("pg-basic"));
        }
    }
}
