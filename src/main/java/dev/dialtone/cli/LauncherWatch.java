package dev.dialtone.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the server when the launcher that started it dies, even by {@code kill -9}: a supervisor that killed the
 * launcher expects the server gone, and an orphaned server would keep the port. The launcher gives the server a pipe
 * as its standard input and never writes to it; only the launcher holds the pipe's other end, so the kernel closes it
 * when the launcher ends, however it ends, and the read here returns end-of-file at once (no polling of the parent).
 * The server then stops exactly as on SIGTERM (readiness false, tests drained within the bound, exit 0).
 */
final class LauncherWatch {
    /** Set by the launcher on the server it starts: "stdin" means standard input is the launcher's pipe. */
    static final String PIPE = "dialtone.launcherPipe";

    private LauncherWatch() {
    }

    /** Starts watching when this JVM was started by a launcher that gave it the pipe; otherwise does nothing. */
    static void startIfLaunched() {
        if ("stdin".equals(System.getProperty(PIPE))) {
            watch(System.in, () -> {
                System.err.println("dialtone: the launcher ended; stopping");
                // SIGTERM to itself: the serve command's own handler drains and exits (before it is installed, the
                // JVM's default handling of SIGTERM stops it).
                sun.misc.Signal.raise(new sun.misc.Signal("TERM"));
            });
        }
    }

    /** Reads {@code pipe} to its end on a daemon thread, then runs {@code launcherGone}. */
    static Thread watch(InputStream pipe, Runnable launcherGone) {
        Thread watcher = new Thread(() -> {
            byte[] ignored = new byte[64];
            try {
                while (pipe.read(ignored) >= 0) {
                    // The launcher writes nothing; anything read is discarded.
                }
            } catch (IOException e) {
                // A broken pipe means the same: the launcher is gone.
            }
            launcherGone.run();
        }, "launcher-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
