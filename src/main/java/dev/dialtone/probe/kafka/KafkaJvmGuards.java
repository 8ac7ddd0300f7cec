package dev.dialtone.probe.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM-wide switches kafka-clients reads from system properties to refuse dangerous
 * configuration: only our two login modules, no automatic config providers ({@code ${file:...}},
 * {@code ${env:...}}), no OAUTHBEARER URL or file. Dialtone never passes a user's key to the client,
 * so these are a second line; an operator's own setting is kept.
 */
final class KafkaJvmGuards {
    static final Map<String, String> GUARDS;

    static {
        Map<String, String> guards = new LinkedHashMap<>();
        guards.put("org.apache.kafka.allowed.login.modules", "org.apache.kafka.common.security.plain.PlainLoginModule,"
                + "org.apache.kafka.common.security.scram.ScramLoginModule");
        // An empty list allows no provider class at all.
        guards.put("org.apache.kafka.automatic.config.providers", "");
        guards.put("org.apache.kafka.sasl.oauthbearer.allowed.urls", "");
        guards.put("org.apache.kafka.sasl.oauthbearer.allowed.files", "");
        GUARDS = Map.copyOf(guards);
    }

    private KafkaJvmGuards() {
    }

    /** Sets each guard the operator has not set. */
    static synchronized void install() {
        GUARDS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
