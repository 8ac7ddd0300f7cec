package dev.dialtone.probe.kafka;

import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Turns what kafka-clients' Admin client threw into the stage it belongs to: the exception type
 * says it (SASL and TLS failures, authorization errors), else the stage the test had reached.
 */
final class KafkaFailures {
    static final String CREDENTIALS_HINT = "Check the user and password (KAFKA_SASL_SCRAM_USERNAME and "
            + "KAFKA_SASL_SCRAM_PASSWORD, KAFKA_SASL_PLAIN_USERNAME and KAFKA_SASL_PLAIN_PASSWORD, or the secret of "
            + "SECRET_ID) and KAFKA_SASL_MECHANISM.";

    private KafkaFailures() {
    }

    /**
     * @param error   what the Admin call failed with (the cause of the ExecutionException)
     * @param call    the Admin call, e.g. "describeCluster"
     * @param reached the stage the test was in
     */
    static StageFailure classify(Throwable error, String call, Stage reached) {
        String message = message(error);
        if (error instanceof SaslAuthenticationException) {
            return new StageFailure(Stage.AUTHENTICATE, "the broker rejected the credentials: " + message,
                    CREDENTIALS_HINT);
        }
        if (error instanceof SslAuthenticationException) {
            return new StageFailure(Stage.TLS, "the TLS handshake failed: " + message,
                    "Check the brokers' certificates and KAFKA_SSL_ENABLED.");
        }
        if (error instanceof AuthenticationException) {
            return new StageFailure(Stage.AUTHENTICATE, "authentication failed: " + message, CREDENTIALS_HINT);
        }
        if (error instanceof AuthorizationException) {
            return new StageFailure(Stage.AUTHORIZE, "the user may not run " + call + ": " + message,
                    "Grant the user DESCRIBE on the cluster and on the topics it reads (Kafka ACLs).");
        }
        if (error instanceof UnsupportedVersionException) {
            return new StageFailure(Stage.HANDSHAKE, "the brokers do not support " + call + ": " + message,
                    "Check the brokers' Kafka version.");
        }
        if (error instanceof TimeoutException) {
            return new StageFailure(reached, "the cluster did not answer " + call + " in time: " + message,
                    "Check that every broker is up and reachable at its advertised address.");
        }
        return new StageFailure(reached, call + " failed: " + error.getClass().getSimpleName() + ": " + message,
                "Check the broker's log.");
    }

    private static String message(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        text = text.replaceAll("\\s+", " ").trim();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
