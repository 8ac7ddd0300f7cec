package dev.dialtone;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.jdbc.DriverDirectory;
import dev.dialtone.secrets.EnvironmentSecrets;
import dev.dialtone.secrets.FileSecrets;
import dev.dialtone.secrets.SecretSources;
import dev.dialtone.secrets.SecretStore;
import dev.dialtone.secrets.SecretsManagerSecrets;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.trust.CertificateLocations;
import dev.dialtone.trust.ClientKeyStores;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * What the testers share and their owner closes: the secret store (SECRET_ID), CA certificates and
 * client keystores (CUSTOM_JDBC_CERT, KAFKA_CUSTOM_CERT, KAFKA_CLIENT_KEYSTORE) and the installed JDBC
 * drivers, all as the configuration's sources say.
 */
public final class ProbeResources implements AutoCloseable {
    private final SecretsManagerSecrets secretsManager;
    private final SecretStore secrets;
    private final CertificateLocations locations;
    private final CaCertificates certificates;
    private final ClientKeyStores keyStores;
    private final DriverDirectory drivers;
    private final AwsSettings aws;

    private ProbeResources(AwsSettings aws, SecretsManagerSecrets secretsManager, SecretStore secrets, CertificateLocations locations,
            DriverDirectory drivers) {
        this.secretsManager = secretsManager;
        this.secrets = secrets;
        this.locations = locations;
        this.certificates = new CaCertificates(locations);
        this.keyStores = new ClientKeyStores(locations);
        this.drivers = drivers;
        this.aws = aws;
    }

    public static ProbeResources open(DialtoneConfig config) {
        DialtoneConfig.Sources sources = config.sources();
        AwsSettings aws = new AwsSettings(sources.environment(), awsCallTimeout(config), sources.awsDefaultCredentials());
        SecretsManagerSecrets secretsManager = new SecretsManagerSecrets(aws);
        SecretStore secrets = SecretSources.of(
                new EnvironmentSecrets(sources.environment(), DialtoneConfig.SECRET_VARIABLE_PREFIX),
                new FileSecrets(sources.secretsDir()), secretsManager, sources.secretsTtl(), Clock.systemUTC());
        return new ProbeResources(aws, secretsManager, secrets, new CertificateLocations(sources.certDir(), aws),
                DriverDirectory.load(sources.driverDir()));
    }

    /** Calls to AWS (secrets, CA certificates) happen before a test starts; they get at most half its deadline. */
    private static Duration awsCallTimeout(DialtoneConfig config) {
        Duration half = config.testTimeout().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    }

    public SecretStore secrets() {
        return secrets;
    }

    public CaCertificates certificates() {
        return certificates;
    }

    public ClientKeyStores keyStores() {
        return keyStores;
    }

    /** The AWS settings of the server's environment: regions, endpoint overrides, the server's own identity. */
    public AwsSettings aws() {
        return aws;
    }

    public DriverDirectory drivers() {
        return drivers;
    }

    @Override
    public void close() throws IOException {
        try {
            secretsManager.close();
            locations.close();
        } finally {
            drivers.close();
        }
    }
}
