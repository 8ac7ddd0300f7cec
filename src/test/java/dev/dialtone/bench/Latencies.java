package dev.dialtone.bench;

import java.util.Arrays;

/** Percentiles of a set of measured durations, in microseconds. */
final class Latencies {
    private final long[] sortedMicros;

    Latencies(long[] nanos) {
        this.sortedMicros = Arrays.stream(nanos).map(n -> n / 1000).sorted().toArray();
    }

    long percentile(double p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))];
    }

    long p50() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    int count() {
        return sortedMicros.length;
    }

    long max() {
        return sortedMicros[sortedMicros.length - 1];
    }

    static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
