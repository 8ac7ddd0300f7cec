package dev.dialtone.probe.jdbc;

import java.security.KeyStore;
import java.util.Optional;

/**
 * Glue's TLS properties of a JDBC connection.
 *
 * @param enforce      {@code JDBC_ENFORCE_SSL=true}: TLS with full verification is mandatory
 * @param trustAnchors the CAs loaded from {@code CUSTOM_JDBC_CERT}
 * @param certString   {@code CUSTOM_JDBC_CERT_STRING}: the name (or, for Oracle, the DN) the certificate must carry
 * @param skip         {@code SKIP_CUSTOM_JDBC_CERT_VALIDATION=true}: encrypt without verifying
 */
public record TlsRequest(boolean enforce, Optional<KeyStore> trustAnchors, Optional<String> certString, boolean skip) {
    /** Whether any property asks for verified TLS. */
    boolean asksForTls() {
        return enforce || trustAnchors.isPresent() || certString.isPresent();
    }

    /** The property that asks for TLS, for messages. */
    String askingProperty() {
        return enforce ? "JDBC_ENFORCE_SSL=true" : trustAnchors.isPresent() ? "CUSTOM_JDBC_CERT" : "CUSTOM_JDBC_CERT_STRING";
    }
}
