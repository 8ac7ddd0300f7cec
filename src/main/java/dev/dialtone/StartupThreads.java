package dev.dialtone;

import java.util.concurrent.Executor;

/**
 * Where the start-up's independent pieces run side by side (logging, the catalog, the listener, the built-in
 * types): each is mostly class initialisation on one thread, so on two cores running them together takes a third
 * or more off the time to the first answer. Daemon threads: a start that fails does not wait for them.
 */
public final class StartupThreads {
    /** Runs each task on a new daemon thread of its own. */
    public static final Executor EACH_ON_ITS_OWN = task -> {
        Thread thread = new Thread(task, "dialtone-startup");
        thread.setDaemon(true);
        thread.start();
    };

    private StartupThreads() {
    }

    /** See {@link Preinitializer}. */
    public static void preinitialize() {
        Preinitializer.run();
    }
}
