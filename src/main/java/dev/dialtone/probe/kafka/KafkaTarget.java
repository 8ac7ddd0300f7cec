package dev.dialtone.probe.kafka;

import java.util.List;
import java.util.Optional;

/** What a KAFKA test reaches: the bootstrap servers, whether TLS is on, and the SASL identity if any. */
record KafkaTarget(List<BootstrapServer> servers, boolean tls, Optional<SaslCredentials> sasl) {

    KafkaTarget {
        servers = List.copyOf(servers);
    }

    /** Kafka's name for the combination: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    String securityProtocol() {
        return (sasl.isPresent() ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
    }
}
