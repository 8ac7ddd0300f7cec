package dev.dialtone.probe.kafka;

/** Counts the threads kafka-clients' Admin client starts (one network thread per client). */
final class KafkaThreads {
    private KafkaThreads() {
    }

    static long adminClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("kafka-admin-client-thread"))
                .count();
    }
}
