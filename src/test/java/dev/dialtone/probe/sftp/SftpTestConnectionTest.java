package dev.dialtone.probe.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.LiveThreads;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SftpServer;
import dev.dialtone.fixtures.Slammer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/** SFTP against a real Apache MINA SSHD server with SFTP on loopback, through the AWS SDK GlueClient. */
class SftpTestConnectionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(DEADLINE);
    private static final String PASSWORD = "Sftp-Pw-5b2e";
    private static final String WRONG_PASSWORD = "Wrong-Sftp-9d3f";
    private static final String PASSPHRASE = "Key-Passphrase-71ac";
    private static final String[] CLIENT_THREADS = {DialingIoServiceFactory.THREAD_POOL, "SshClient"};
    private static SftpServer sftp;
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void start() throws Exception {
        sftp = new SftpServer();
        sftp.addUser("alice", PASSWORD, "orders.csv", "returns.csv");
        sftp.addUser("bob", "bob-password-unused");
        java.nio.file.Files.createDirectories(sftp.addUser("carol", "carol-password-unused").resolve("incoming"));
    }

    @AfterAll
    static void stop() throws Exception {
        sftp.close();
    }

    private Map<String, String> login(String user, String password) {
        Map<String, String> properties = new HashMap<>();
        properties.put("HOST", "localhost");
        properties.put("PORT", String.valueOf(sftp.port()));
        properties.put("USERNAME", user);
        properties.put("PASSWORD", password);
        return properties;
    }

    private void test(Map<String, String> properties) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("SFTP")
                .connectionPropertiesWithStrings(properties)));
    }

    @Test
    void aPasswordLoginListsTheHomeDirectoryAndReportsVersionKeyExchangeAndTheUnpinnedHostKey() {
        glue.createConnection(r -> r.connectionInput(c -> c.name("sftp-ok").connectionType("SFTP")
                .connectionPropertiesWithStrings(login("alice", PASSWORD))));
        glue.testConnection(r -> r.connectionName("sftp-ok"));
        Connection connection = glue.getConnection(r -> r.name("sftp-ok")).connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason())
                .contains("connected to 127.0.0.1:" + sftp.port() + " (localhost)")
                .containsPattern("server SSH-2\\.0-APACHE-SSHD-\\S+")
                .containsPattern("key exchange \\S+ \\(strict\\), cipher \\S+")
                .containsPattern("host key ecdsa-sha2-nistp\\d+ " + Pattern.quote(sftp.hostKeyFingerprint())
                        + " \\(not pinned: set SFTP_HOST_KEY_FINGERPRINT to require it\\)")
                .contains("user alice (password)")
                .contains("directory / (2 entries)")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aPinnedFingerprintThatMatchesIsReportedAsMatching() {
        Map<String, String> properties = login("alice", PASSWORD);
        properties.put("SFTP_HOST_KEY_FINGERPRINT", sftp.hostKeyFingerprint());
        properties.put("SFTP_DIRECTORY", "/");
        glue.createConnection(r -> r.connectionInput(c -> c.name("sftp-pinned").connectionType("SFTP")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName("sftp-pinned"));
        assertThat(glue.getConnection(r -> r.name("sftp-pinned")).connection().statusReason())
                .contains(sftp.hostKeyFingerprint() + " (matches SFTP_HOST_KEY_FINGERPRINT)");
    }

    @Test
    void aWrongFingerprintFailsAtHandshakeNamingBothFingerprints() {
        String pinned = "SHA256:" + "A".repeat(43);
        Map<String, String> properties = login("alice", PASSWORD);
        properties.put("SFTP_HOST_KEY_FINGERPRINT", pinned);
        assertThatThrownBy(() -> test(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: the server's host key "
                        + "ecdsa-sha2-nistp\\d+ SHA256:\\S+ does not match SFTP_HOST_KEY_FINGERPRINT "
                        + "SHA256:A{43}\\. If the server's key was changed on purpose.*")
                .hasMessageContaining(sftp.hostKeyFingerprint() + " does not match");
    }

    @Test
    void aWrongPasswordFailsAtAuthenticateWithoutEchoingIt() {
        assertThatThrownBy(() -> test(login("alice", WRONG_PASSWORD)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHENTICATE after \\d+ ms: the server rejected the "
                        + "credentials of user 'alice' \\(methods tried: password\\)\\. Check USERNAME and PASSWORD\\..*")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(CapturedLogs.all()).contains("failed at AUTHENTICATE").doesNotContain(WRONG_PASSWORD, PASSWORD);
    }

    static Stream<Arguments> keyFormats() {
        return Stream.of(
                Arguments.of("OpenSSH Ed25519", (KeyFormat) key -> TestKeys.openSsh(key, null), false, true),
                Arguments.of("OpenSSH Ed25519, encrypted", (KeyFormat) key -> TestKeys.openSsh(key, PASSPHRASE), true, true),
                Arguments.of("OpenSSH ECDSA", (KeyFormat) key -> TestKeys.openSsh(key, null), false, false),
                Arguments.of("PEM EC", (KeyFormat) key -> TestKeys.traditionalPem(key, null), false, false),
                Arguments.of("PEM EC, encrypted", (KeyFormat) key -> TestKeys.traditionalPem(key, PASSPHRASE), true, false),
                Arguments.of("PKCS#8 EC", (KeyFormat) key -> TestKeys.pkcs8(key, null), false, false),
                Arguments.of("PKCS#8 EC, encrypted", (KeyFormat) key -> TestKeys.pkcs8(key, PASSPHRASE), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFormats")
    void aPrivateKeyLogsIn(String format, KeyFormat writer, boolean encrypted, boolean ed25519) {
        KeyPair key = ed25519 ? TestKeys.ed25519() : TestKeys.ecP256();
        sftp.authorizeKey("bob", key.getPublic());
        String keyText = writer.write(key);
        Map<String, String> properties = new HashMap<>();
        properties.put("HOST", "127.0.0.1");
        properties.put("PORT", String.valueOf(sftp.port()));
        properties.put("USERNAME", "bob");
        properties.put("SFTP_PRIVATE_KEY", keyText);
        if (encrypted) {
            properties.put("SFTP_PRIVATE_KEY_PASSPHRASE", PASSPHRASE);
        }
        String name = "sftp-key-" + format.replaceAll("[^A-Za-z0-9]+", "-");
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("SFTP")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName(name));
        assertThat(glue.getConnection(r -> r.name(name)).connection().statusReason())
                .contains("user bob (publickey)").contains("directory / (0 entries)");
        assertThat(CapturedLogs.all()).doesNotContain(PASSPHRASE);
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsAtAuthenticate() {
        assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", String.valueOf(sftp.port()),
                "USERNAME", "bob", "SFTP_PRIVATE_KEY", TestKeys.openSsh(TestKeys.ed25519(), null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("(methods tried: publickey)")
                .hasMessageContaining("authorizes the public key of SFTP_PRIVATE_KEY");
    }

    @Test
    void aMissingDirectoryFailsAtAuthorizeNamingIt() {
        Map<String, String> properties = login("alice", PASSWORD);
        properties.put("SFTP_DIRECTORY", "/no/such/dir");
        assertThatThrownBy(() -> test(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at AUTHORIZE after \\d+ ms: the directory '/no/such/dir' "
                        + "does not exist\\. Check SFTP_DIRECTORY\\..*");
    }

    @Test
    void aNamedDirectoryIsListed() {
        Map<String, String> properties = login("carol", "carol-password-unused");
        properties.put("SFTP_DIRECTORY", "incoming");
        glue.createConnection(r -> r.connectionInput(c -> c.name("sftp-dir").connectionType("SFTP")
                .connectionPropertiesWithStrings(properties)));
        glue.testConnection(r -> r.connectionName("sftp-dir"));
        assertThat(glue.getConnection(r -> r.name("sftp-dir")).connection().statusReason())
                .contains("directory /incoming (0 entries)");
    }

    @Test
    void aClosedPortFailsAtConnect() {
        int closed = Ports.free();
        Map<String, String> properties = login("alice", PASSWORD);
        properties.put("PORT", String.valueOf(closed));
        assertThatThrownBy(() -> test(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("Connection test failed at CONNECT after \\d+ ms: TCP connection to 127\\.0\\.0\\.1:"
                        + closed + " \\(localhost\\) was refused.*");
    }

    @Test
    void aServerThatHangsUpFailsAtHandshake() throws Exception {
        try (Slammer slammer = new Slammer()) {
            Map<String, String> properties = login("alice", PASSWORD);
            properties.put("PORT", String.valueOf(slammer.port()));
            assertThatThrownBy(() -> test(properties))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching("Connection test failed at HANDSHAKE after \\d+ ms: the server closed the "
                            + "connection without sending an SSH version line\\. Check that PORT is the port of an SSH "
                            + "server\\..*");
        }
    }

    @Test
    void anHttpPortFailsAtHandshakeQuotingWhatItAnswered() {
        Map<String, String> properties = login("alice", PASSWORD);
        properties.put("PORT", String.valueOf(SERVER.port()));
        assertThatThrownBy(() -> test(properties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at HANDSHAKE")
                .hasMessageContaining("the server did not answer with an SSH version line; it sent 'HTTP/1.1 400");
    }

    @Test
    void aTarpitTimesOutAtHandshakeAndTheClientLeavesNoThreadOrSocketBehind() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            Map<String, String> properties = login("alice", PASSWORD);
            properties.put("PORT", String.valueOf(tarpit.port()));
            long start = System.nanoTime();
            assertThatThrownBy(() -> test(properties))
                    .isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("did not finish within the 3000 ms deadline")
                    .hasMessageContaining("stuck at HANDSHAKE")
                    .hasMessageNotContaining(PASSWORD);
            // The answer comes at the deadline; the margin absorbs a loaded 2-core machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(2));
            assertThat(tarpit.accepted()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(tarpit.closedByClient()).as("the abandoned socket is closed").isEqualTo(1);
                assertThat(SERVER.dialtone().probe().running()).as("the abandoned test has ended").isZero();
                assertThat(LiveThreads.named(CLIENT_THREADS)).as("MINA client threads").isEmpty();
            });
        }
    }

    @Test
    void aFinishedTestLeavesNoClientThreadBehind() {
        test(login("alice", PASSWORD));
        assertThatThrownBy(() -> test(login("alice", WRONG_PASSWORD))).isInstanceOf(InvalidInputException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(LiveThreads.named(CLIENT_THREADS)).as("MINA client threads").isEmpty());
    }

    @Test
    void unreadableKeysAndMalformedFingerprintsAreRefusedBeforeAnySocketOpens() throws Exception {
        try (Tarpit canary = new Tarpit()) {
            String port = String.valueOf(canary.port());
            String encrypted = TestKeys.openSsh(TestKeys.ed25519(), PASSPHRASE);
            assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", port, "USERNAME", "bob",
                    "SFTP_PRIVATE_KEY", encrypted)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("SFTP_PRIVATE_KEY is encrypted: give its passphrase in SFTP_PRIVATE_KEY_PASSPHRASE.");
            assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", port, "USERNAME", "bob",
                    "SFTP_PRIVATE_KEY", TestKeys.pkcs8(TestKeys.ecP256(), PASSPHRASE),
                    "SFTP_PRIVATE_KEY_PASSPHRASE", "not-the-passphrase")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("SFTP_PRIVATE_KEY_PASSPHRASE does not decrypt SFTP_PRIVATE_KEY")
                    .hasMessageNotContaining("not-the-passphrase");
            assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", port, "USERNAME", "bob",
                    "SFTP_PRIVATE_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ public-key-not-private")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("SFTP_PRIVATE_KEY is not a private key");
            Map<String, String> badFingerprint = login("alice", PASSWORD);
            badFingerprint.put("PORT", port);
            badFingerprint.put("SFTP_HOST_KEY_FINGERPRINT", "yes-trust-it");
            assertThatThrownBy(() -> test(badFingerprint))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("SFTP_HOST_KEY_FINGERPRINT 'yes-trust-it' is not a host key fingerprint");
            assertThatThrownBy(() -> test(Map.of("HOST", "localhost", "PORT", port, "USERNAME", "bob")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("SFTP connections need USERNAME with PASSWORD or SFTP_PRIVATE_KEY, or SECRET_ID; "
                            + "missing: PASSWORD or SFTP_PRIVATE_KEY.");
            assertThat(canary.accepted()).as("no socket was opened").isZero();
        }
    }

    @FunctionalInterface
    interface KeyFormat {
        String write(KeyPair key);
    }
}
