package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.StageFailure;
import java.security.cert.CertificateException;

/**
 * Thrown by Dialtone's trust manager inside a driver's TLS handshake, carrying the explanation
 * (issuer, names, dates) through the driver's exception wrapping to the failure classification.
 */
final class ExplainedTlsFailure extends CertificateException {
    private final transient StageFailure failure;

    ExplainedTlsFailure(StageFailure failure) {
        super(failure.reason());
        this.failure = failure;
    }

    StageFailure failure() {
        return failure;
    }
}
