package dev.dialtone.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * A signal that whoever asked for a test no longer waits for it (the HTTP client hung up). The
 * probe listens and abandons the test at once, releasing its socket and thread.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    /** Never cancelled: for callers that always wait (the CLI). */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code listener} on cancellation (at once when already cancelled). */
    public void onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }
}
