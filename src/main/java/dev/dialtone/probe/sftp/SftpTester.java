package dev.dialtone.probe.sftp;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretValues;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tests {@code SFTP} connections with Apache MINA SSHD: SSH version and key exchange (with the host
 * key checked against a pinned fingerprint, or reported), login with a password or a private key,
 * then the SFTP subsystem lists a directory.
 */
public final class SftpTester implements ConnectionTester {
    static final String PRIVATE_KEY = "SFTP_PRIVATE_KEY";
    static final String PASSPHRASE = "SFTP_PRIVATE_KEY_PASSPHRASE";
    static final String FINGERPRINT = "SFTP_HOST_KEY_FINGERPRINT";
    static final String DIRECTORY = "SFTP_DIRECTORY";
    private static final int DEFAULT_PORT = 22;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern FINGERPRINT_FORM =
            Pattern.compile("(?i)(SHA256|SHA384|SHA512):[A-Za-z0-9+/]+=*|(MD5:)?([0-9a-f]{2}:){15}[0-9a-f]{2}");

    private final SecretStore secrets;

    public SftpTester(SecretStore secrets) {
        this.secrets = secrets;
    }

    @Override
    public String connectionType() {
        return "SFTP";
    }

    @Override
    public String displayName() {
        return "SFTP server";
    }

    @Override
    public String description() {
        return "Connects over SSH (Apache MINA SSHD), reports the server's version, key exchange and host key "
                + "(checked against " + FINGERPRINT + " when given), logs in with a password or a private key, and "
                + "lists a directory over SFTP.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of("BASIC");
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.required("HOST", "SSH server host name or IP address"),
                PropertySpec.port("PORT", "SSH server TCP port", DEFAULT_PORT),
                PropertySpec.optional("USERNAME", "User to log in as"),
                PropertySpec.secret("PASSWORD", "Password of USERNAME"),
                PropertySpec.secret(PRIVATE_KEY, "Private key of USERNAME, OpenSSH or PEM text (or 'privateKey' in "
                        + "the secret, for keys longer than a property allows)"),
                PropertySpec.secret(PASSPHRASE, "Passphrase of an encrypted " + PRIVATE_KEY),
                PropertySpec.optional("SECRET_ID", "Secret holding username and password and/or privateKey "
                        + "(and privateKeyPassphrase)"),
                PropertySpec.optional(FINGERPRINT, "Expected host key fingerprint, e.g. SHA256:... as "
                        + "'ssh-keygen -lf' prints it; when absent the test reports the server's"),
                PropertySpec.optional(DIRECTORY, "Directory to list; the user's home directory when absent"));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        String host = subject.property("HOST").orElseThrow().trim();
        if (!HOST.matcher(host).matches()) {
            throw new InvalidTestInput("HOST '" + host + "' is not a host name or IP address.");
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = subject.integer("PORT").orElseThrow();
        Optional<String> fingerprint = subject.property(FINGERPRINT).map(String::trim).filter(value -> !value.isEmpty());
        fingerprint.ifPresent(value -> {
            if (!FINGERPRINT_FORM.matcher(value).matches()) {
                throw new InvalidTestInput(FINGERPRINT + " '" + value + "' is not a host key fingerprint; give it as "
                        + "'ssh-keygen -lf' prints it, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s.");
            }
        });
        Optional<String> directory = subject.property(DIRECTORY).map(String::trim).filter(value -> !value.isEmpty());
        return new SftpPlan(host, port, credentials(subject), new HostKeyCheck(fingerprint), directory);
    }

    private SftpCredentials credentials(TestSubject subject) {
        Optional<AuthenticationConfiguration.BasicCredentials> basic = subject.authentication()
                .flatMap(AuthenticationConfiguration::basicCredentials);
        Optional<String> user = subject.property("USERNAME").or(() -> basic.flatMap(b -> b.username()));
        Optional<String> password = subject.property("PASSWORD").or(() -> basic.flatMap(b -> b.password()));
        Optional<String> keyText = subject.property(PRIVATE_KEY);
        Optional<String> passphrase = subject.property(PASSPHRASE);
        String keySource = PRIVATE_KEY;
        String passphraseSource = PASSPHRASE;

        Optional<String> secretId = subject.property("SECRET_ID")
                .or(() -> subject.authentication().flatMap(AuthenticationConfiguration::secretArn));
        if (secretId.isPresent() && (user.isEmpty() || (password.isEmpty() && keyText.isEmpty()))) {
            Map<String, String> values = secrets.read(secretId.get(), subject.permissions());
            user = user.or(() -> SecretValues.username(values));
            password = password.or(() -> SecretValues.password(values));
            if (keyText.isEmpty()) {
                keyText = SecretValues.first(values, "privateKey", "private_key");
                keySource = "the privateKey of secret '" + secretId.get() + "'";
                if (passphrase.isEmpty()) {
                    passphrase = SecretValues.first(values, "privateKeyPassphrase", "passphrase", "private_key_passphrase");
                    passphraseSource = "the privateKeyPassphrase of secret '" + secretId.get() + "'";
                }
            }
        }
        if (user.isEmpty() || (password.isEmpty() && keyText.isEmpty())) {
            throw new InvalidTestInput("SFTP connections need USERNAME with PASSWORD or " + PRIVATE_KEY
                    + ", or SECRET_ID; missing: " + (user.isEmpty() ? "USERNAME" : "PASSWORD or " + PRIVATE_KEY) + ".");
        }
        Optional<KeyPair> key = Optional.empty();
        if (keyText.isPresent()) {
            key = Optional.of(PrivateKeyReader.read(keyText.get(), passphrase, keySource, passphraseSource));
        }
        return SftpCredentials.of(user.get(), password, key, keyText, passphrase);
    }
}
