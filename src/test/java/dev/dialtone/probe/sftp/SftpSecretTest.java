package dev.dialtone.probe.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.SftpServer;
import dev.dialtone.fixtures.TestKeys;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.Bulkhead;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.secrets.SecretStore;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SECRET_ID for SFTP: credentials, and keys too long for a property (a Glue property value holds
 * at most 1024 characters; an RSA key is longer), come from the secret store. Dialtone's server
 * has no store configured yet, so the probe is driven directly with one that holds a secret.
 */
class SftpSecretTest {
    private static final String PASSPHRASE = "Rsa-Secret-Passphrase-3e8b";
    private static SftpServer sftp;
    private static KeyPair rsa;
    private static ExecutorService workers;
    private static Probe probe;

    @BeforeAll
    static void start() throws Exception {
        sftp = new SftpServer();
        sftp.addUser("dave", "dave-password-unused", "ledger.csv");
        rsa = TestKeys.rsa(3072);
        sftp.authorizeKey("dave", rsa.getPublic());
        SecretStore store = (id, permissions) -> switch (id) {
            case "sftp/dave-key" -> Map.of("username", "dave", "privateKey", TestKeys.openSsh(rsa, PASSPHRASE),
                    "privateKeyPassphrase", PASSPHRASE);
            case "sftp/dave-password" -> Map.of("username", "dave", "password", "dave-password-unused");
            case "sftp/nothing-useful" -> Map.of("username", "dave");
            default -> throw new InvalidTestInput("SECRET_ID '" + id + "' does not exist.");
        };
        workers = Executors.newCachedThreadPool();
        probe = new Probe(new TesterRegistry(List.of(new SftpTester(store))),
                new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM), Duration.ofSeconds(5), workers, new Bulkhead(8, 8, 8));
    }

    @AfterAll
    static void stop() throws Exception {
        workers.shutdownNow();
        sftp.close();
    }

    private static ProbeReport test(String secretId) {
        return probe.test(new TestSubject("SFTP", Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(sftp.port()),
                "SECRET_ID", secretId), Optional.empty()));
    }

    @Test
    void anEncryptedRsaKeyTooLongForAPropertyLogsInFromTheSecret() {
        assertThat(TestKeys.openSsh(rsa, PASSPHRASE)).hasSizeGreaterThan(1024);
        ProbeReport report = test("sftp/dave-key");
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(report.message()).contains("user dave (publickey)", "directory / (1 entry)");
        assertThat(CapturedLogs.all()).doesNotContain(PASSPHRASE);
    }

    @Test
    void aPasswordFromTheSecretLogsIn() {
        ProbeReport report = test("sftp/dave-password");
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(report.message()).contains("user dave (password)");
    }

    @Test
    void aSecretWithoutPasswordOrKeyIsInvalidInput() {
        assertThatThrownBy(() -> test("sftp/nothing-useful"))
                .isInstanceOf(InvalidTestInput.class)
                .hasMessageContaining("missing: PASSWORD or SFTP_PRIVATE_KEY");
    }
}
