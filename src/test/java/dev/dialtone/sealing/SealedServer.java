package dev.dialtone.sealing;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.glue.GlueClient;

/** A Dialtone on a data directory the test owns, started and stopped by the test, with an SDK client. */
record SealedServer(Dialtone dialtone, GlueClient glue) implements AutoCloseable {

    static final Map<String, String> HERMETIC_AWS = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
            "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDDIALTONETEST", "AWS_SECRET_ACCESS_KEY",
            "dialtone-test-only");

    static DialtoneConfig config(Path dataDir) {
        return new DialtoneConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(10), DialtoneConfig.Limits.DEFAULT)
                .withEnvironment(HERMETIC_AWS);
    }

    static SealedServer start(Path dataDir) throws Exception {
        return start(config(dataDir));
    }

    static SealedServer start(Path dataDir, UnaryOperator<DialtoneConfig> configure) throws Exception {
        return start(configure.apply(config(dataDir)));
    }

    static SealedServer start(DialtoneConfig config) throws Exception {
        Dialtone dialtone = Dialtone.start(config);
        return new SealedServer(dialtone, DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + dialtone.port())));
    }

    @Override
    public void close() throws Exception {
        glue.close();
        dialtone.close();
    }
}
