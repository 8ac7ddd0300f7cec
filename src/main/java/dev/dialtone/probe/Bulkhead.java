package dev.dialtone.probe;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Limits tests in flight, globally and per destination (host:port), with a bounded wait: a flood
 * of tests to one black-holed host fills its own small compartment and nobody else's, and past
 * the queue the answer is an immediate refusal instead of a pile-up.
 */
public final class Bulkhead {
    private final int maxInFlight;
    private final int maxPerDestination;
    private final int maxWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    // Only destinations with tests in flight have an entry, so the map cannot grow without bound.
    private final Map<String, Integer> perDestination = new HashMap<>();
    private int inFlight;
    private int waiting;

    public Bulkhead(int maxInFlight, int maxPerDestination, int maxWaiting) {
        this.maxInFlight = maxInFlight;
        this.maxPerDestination = maxPerDestination;
        this.maxWaiting = maxWaiting;
    }

    /** A held place; closing it gives it back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** A test could not get a place. */
    public static final class Full extends Exception {
        public Full(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Takes a place for a test to {@code destination}, waiting at most {@code waitMillis}.
     *
     * @throws Full when the waiting queue is full, or no place freed up in time
     */
    public Permit acquire(String destination, long waitMillis) throws Full, InterruptedException {
        lock.lock();
        try {
            if (!canRun(destination)) {
                if (waiting >= maxWaiting) {
                    throw new Full("Dialtone is running " + inFlight + " connection tests and " + waiting
                            + " more are waiting, the most it allows; try again shortly.");
                }
                waiting++;
                try {
                    long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
                    while (!canRun(destination)) {
                        if (nanos <= 0) {
                            throw new Full(atDestinationLimit(destination)
                                    ? "Too many connection tests to " + destination + " are already running (at most "
                                            + maxPerDestination + " at once); try again shortly."
                                    : "Dialtone is running as many connection tests as it allows (" + maxInFlight
                                            + "); try again shortly.");
                        }
                        nanos = freed.awaitNanos(nanos);
                    }
                } finally {
                    waiting--;
                }
            }
            inFlight++;
            perDestination.merge(destination, 1, Integer::sum);
            return () -> release(destination);
        } finally {
            lock.unlock();
        }
    }

    /** Tests holding a place now. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Tests waiting for a place now. */
    public int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    private boolean canRun(String destination) {
        return inFlight < maxInFlight && !atDestinationLimit(destination);
    }

    private boolean atDestinationLimit(String destination) {
        return perDestination.getOrDefault(destination, 0) >= maxPerDestination;
    }

    private void release(String destination) {
        lock.lock();
        try {
            inFlight--;
            perDestination.computeIfPresent(destination, (key, count) -> count > 1 ? count - 1 : null);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
