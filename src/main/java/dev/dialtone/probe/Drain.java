package dev.dialtone.probe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tests being answered, so a stopping server can let them finish within a bound and then stop the rest: each
 * stopped test's caller gets its answer at once instead of a connection cut under it.
 */
final class Drain {
    private final Set<Stop> active = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition left = lock.newCondition();
    private volatile boolean begun;
    private volatile boolean stopping;

    /** One test being answered; {@link #close()} when its report is made. */
    final class Stop implements AutoCloseable {
        private final Runnable halt;
        private volatile boolean stopped;

        private Stop(Runnable halt) {
            this.halt = halt;
        }

        /** Whether the drain stopped this test (rather than the client hanging up). */
        boolean stopped() {
            return stopped;
        }

        private void stop() {
            stopped = true;
            halt.run();
        }

        @Override
        public void close() {
            active.remove(this);
            lock.lock();
            try {
                left.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    Stop enter(Runnable halt) {
        Stop stop = new Stop(halt);
        active.add(stop);
        // A test that got past the check just before the drain began, and in here after its bound ran out.
        if (stopping) {
            stop.stop();
        }
        return stop;
    }

    boolean begun() {
        return begun;
    }

    int active() {
        return active.size();
    }

    int run(Duration bound) throws InterruptedException {
        begun = true;
        long deadline = System.nanoTime() + bound.toNanos();
        lock.lock();
        try {
            long nanos;
            while (!active.isEmpty() && (nanos = deadline - System.nanoTime()) > 0) {
                // Bounded wait: a test that entered between the check and the wait signals nobody.
                left.awaitNanos(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        } finally {
            lock.unlock();
        }
        stopping = true;
        int stopped = 0;
        for (Stop stop : Set.copyOf(active)) {
            stop.stop();
            stopped++;
        }
        return stopped;
    }
}
