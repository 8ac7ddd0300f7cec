package dev.dialtone.probe.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a KAFKA test reaches: the bootstrap servers, TLS (when on) and the SASL identity if any. */
record KafkaTarget(List<BootstrapServer> servers, Optional<KafkaTls> tls, Optional<SaslCredentials> sasl) {

    KafkaTarget {
        servers = List.copyOf(servers);
    }

    /** The values no message may carry: the SASL password and the keystore's passwords. */
    Set<String> secrets() {
        Set<String> secrets = new HashSet<>();
        sasl.ifPresent(credentials -> secrets.add(credentials.password()));
        tls.ifPresent(settings -> secrets.addAll(settings.passwords()));
        return Set.copyOf(secrets);
    }

    /** Kafka's name for the combination: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    String securityProtocol() {
        return (sasl.isPresent() ? "SASL_" : "") + (tls.isPresent() ? "SSL" : "PLAINTEXT");
    }
}
