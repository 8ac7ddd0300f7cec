package dev.dialtone.iam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The principals of the operator's credentials file, kept current: the file is read at start (a
 * malformed one stops the server) and checked again every second, so a user or a policy can be added
 * without a restart. A change that does not parse is logged once, as one WARN line, and the last good
 * reading stays in force.
 */
public final class CredentialsWatcher implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsWatcher.class);

    private final Path file;
    private final AtomicReference<Principals> current = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    // Digests, not contents: the file holds secret keys, and only "did it change?" is needed.
    private volatile byte[] lastSeen;

    private CredentialsWatcher(Path file, Principals first, byte[] digest, Duration interval) {
        this.file = file;
        this.current.set(first);
        this.lastSeen = digest;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dialtone-credentials");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @throws IllegalArgumentException when the file cannot be read or is malformed: one line naming the file and
     *                                  the problem
     */
    public static CredentialsWatcher start(Path file, Duration interval) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("credentials file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("credentials file " + file + " cannot be read: " + e.getMessage());
        }
        Principals principals;
        try {
            principals = CredentialsFile.parse(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials file " + file + ": " + e.getMessage());
        }
        return new CredentialsWatcher(file, principals, digest(content), interval);
    }

    public Principals principals() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    private void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            byte[] missing = new byte[0];
            if (!Arrays.equals(lastSeen, missing)) {
                lastSeen = missing;
                LOG.warn("credentials file {} cannot be read ({}); the last good reading stays in force", file,
                        e.getClass().getSimpleName());
            }
            return;
        }
        byte[] digest = digest(content);
        if (Arrays.equals(digest, lastSeen)) {
            return;
        }
        lastSeen = digest;
        try {
            Principals principals = CredentialsFile.parse(content);
            current.set(principals);
            LOG.info("credentials file {} re-read: {} principal{}", file, principals.size(),
                    principals.size() == 1 ? "" : "s");
        } catch (IllegalArgumentException e) {
            LOG.warn("credentials file {} changed but is malformed ({}); the last good reading stays in force", file,
                    e.getMessage());
        }
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
