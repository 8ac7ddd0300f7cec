package dev.dialtone.trust;

import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CA certificates a connection names as trusted ({@code CUSTOM_JDBC_CERT}, {@code KAFKA_CUSTOM_CERT}),
 * read from a location {@link CertificateLocations} allows.
 */
public final class CaCertificates {
    private final CertificateLocations locations;

    public CaCertificates(CertificateLocations locations) {
        this.locations = locations;
    }

    /**
     * The certificates at {@code location}, as trust anchors.
     *
     * @param property the connection property that named it, for messages
     * @throws InvalidTestInput naming the property, the location and the problem
     */
    public KeyStore load(String property, String location, Permissions permissions) {
        return anchors(certificates(property, location, permissions));
    }

    /** The certificates at {@code location}, in file order; at least one. */
    public List<X509Certificate> certificates(String property, String location, Permissions permissions) {
        byte[] bytes = locations.read(property, location, permissions);
        List<X509Certificate> certificates = parse(bytes);
        if (certificates.isEmpty() && CertificateLocations.isS3(location)) {
            throw CertificateLocations.unusableS3Object(property, location, "no X.509 certificate in it");
        }
        if (certificates.isEmpty()) {
            throw new InvalidTestInput(CertificateLocations.describe(property, location)
                    + " holds no X.509 certificate (PEM or DER expected).");
        }
        return certificates;
    }

    /** Every X.509 certificate in PEM or DER {@code bytes}; empty when there is none or they do not parse. */
    static List<X509Certificate> parse(byte[] bytes) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509").generateCertificates(in);
            for (Certificate certificate : parsed) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
        } catch (CertificateException | IOException e) {
            certificates.clear();
        }
        return certificates;
    }

    /** A trust store holding exactly {@code certificates}. */
    public static KeyStore anchors(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JVM cannot build a trust store", e);
        }
    }
}
