package dev.dialtone.cli;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.aws.AwsSettings;
import dev.dialtone.sealing.KmsKeys;
import dev.dialtone.sealing.MasterKeyRotation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dialtone rotate-master-key}: a new master key for the catalog's secrets, while the server runs
 * (see {@link MasterKeyRotation} for how the running server keeps working throughout).
 */
@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = "Seal the catalog's secrets under a new master key, without stopping the server: the new key "
                + "is added to the key file, every data key is rewrapped under it, then the old key is removed.")
public final class RotateMasterKeyCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "The catalog's data directory (DIALTONE_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--master-key-file", description = "The master key file the server uses "
            + "(DIALTONE_MASTER_KEY_FILE; default <data-dir>/master.key).")
    Path masterKeyFile;

    @Option(names = "--kms-key-id", description = "Generate the new master key with this AWS KMS key (also to move "
            + "from a key in the file to KMS); default: the new key is kept in the file (DIALTONE_KMS_KEY_ID).")
    String kmsKeyId;

    @Option(names = "--grace", defaultValue = "2s", description = "How long running servers get to finish writes "
            + "sealed under the old key before the rewrap (default ${DEFAULT-VALUE}).")
    String grace;

    private final Map<String, String> environment;
    private final PrintStream out;

    public RotateMasterKeyCommand() {
        this(System.getenv(), System.out);
    }

    public RotateMasterKeyCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(environment);
        Path dir = dataDir != null ? dataDir : config.dataDir();
        Path file = masterKeyFile != null ? masterKeyFile : config.keys().file(dir);
        Optional<String> kms = kmsKeyId != null ? Optional.of(kmsKeyId) : config.keys().kmsKeyId();
        Duration wait = grace.trim().equals("0") ? Duration.ZERO : DialtoneConfig.parseDuration(grace);
        try (KmsKeys keys = new KmsKeys(new AwsSettings(config.sources().environment(), Duration.ofSeconds(5)))) {
            MasterKeyRotation.Result result = MasterKeyRotation.rotate(dir, file, kms, () -> keys, wait,
                    line -> out.println("dialtone rotate-master-key: " + line));
            out.println("dialtone rotate-master-key: done, " + result.primary() + " is the master key of " + dir);
        }
        return 0;
    }
}
