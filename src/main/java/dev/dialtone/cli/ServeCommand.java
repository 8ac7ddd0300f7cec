package dev.dialtone.cli;

import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Glue-compatible server (settings also from DIALTONE_* environment variables).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on (DIALTONE_PORT; default 4599).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (DIALTONE_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--data-dir", description = "Directory of the catalog file (DIALTONE_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--test-timeout", description = "Deadline of one test, e.g. 10s (DIALTONE_TEST_TIMEOUT; default 10s).")
    String testTimeout;

    @Override
    public Integer call() throws Exception {
        DialtoneConfig config = DialtoneConfig.fromEnvironment(System.getenv());
        if (port != null) {
            config = config.withPort(port);
        }
        if (host != null) {
            config = config.withHost(host);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (testTimeout != null) {
            config = config.withTestTimeout(DialtoneConfig.parseDuration(testTimeout));
        }
        Dialtone dialtone = Dialtone.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dialtone.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "dialtone-shutdown"));
        stopped.await();
        return 0;
    }
}
