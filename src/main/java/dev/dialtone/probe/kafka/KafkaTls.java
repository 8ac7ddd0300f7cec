package dev.dialtone.probe.kafka;

import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.trust.CaCertificates;
import dev.dialtone.trust.ClientKeyStores.ClientKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * TLS to the brokers: the CAs to trust ({@code KAFKA_CUSTOM_CERT}, else the JVM's trust store) and the
 * client key to present ({@code KAFKA_CLIENT_KEYSTORE}), for both the dialer's own handshakes and the
 * Admin client. The Admin client gets them as PEM text in its configuration, never as a file path, so
 * nothing of the test lands on disk.
 */
record KafkaTls(Optional<List<X509Certificate>> customCas, Optional<ClientKey> clientKey, Set<String> passwords) {
    static final KafkaTls DEFAULT_TRUST = new KafkaTls(Optional.empty(), Optional.empty(), Set.of());

    /**
     * @param passwords the keystore's passwords: never used past loading, but redacted from every message
     */
    KafkaTls {
        customCas = customCas.map(List::copyOf);
        passwords = Set.copyOf(passwords);
    }

    /** Full verification (chain and host name) against the custom CAs or the JVM's, with the client key if any. */
    TlsClient.Settings settings() {
        return new TlsClient.Settings(true, customCas.map(CaCertificates::anchors), Optional.empty(),
                clientKey.map(ClientKey::keyManager));
    }

    /** The Admin client's ssl.* settings for the same trust and key. */
    void configure(Properties config) {
        config.put("ssl.endpoint.identification.algorithm", "https");
        customCas.ifPresent(cas -> {
            config.put("ssl.truststore.type", "PEM");
            config.put("ssl.truststore.certificates", pem(cas));
        });
        clientKey.ifPresent(key -> {
            config.put("ssl.keystore.type", "PEM");
            config.put("ssl.keystore.certificate.chain", pem(key.chain()));
            // Unencrypted PKCS#8, held in memory only; the client takes it when ssl.key.password is not set.
            config.put("ssl.keystore.key", pem("PRIVATE KEY", key.key().getEncoded()));
        });
    }

    /** Never the key or the passwords, should a record of the test ever be printed. */
    @Override
    public String toString() {
        return "KafkaTls[" + describe() + ", passwords=****]";
    }

    /** What the report says about trust and the client certificate. */
    String describe() {
        return "trusting " + customCas.map(cas -> "KAFKA_CUSTOM_CERT (" + cas.get(0).getSubjectX500Principal().getName()
                + (cas.size() > 1 ? " and " + (cas.size() - 1) + " more" : "") + ")").orElse("the JVM's CAs")
                + clientKey.map(key -> ", presenting client certificate "
                        + key.certificate().getSubjectX500Principal().getName()).orElse("");
    }

    /** The configured client certificate as messages name it: subject and issuer. */
    Optional<String> clientCertificate() {
        return clientKey.map(key -> key.certificate().getSubjectX500Principal().getName() + ", issued by "
                + key.certificate().getIssuerX500Principal().getName());
    }

    private static String pem(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(pem("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
            }
        }
        return text.toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
