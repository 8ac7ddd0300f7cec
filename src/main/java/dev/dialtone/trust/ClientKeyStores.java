package dev.dialtone.trust;

import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The client keystores a connection names for mutual TLS ({@code KAFKA_CLIENT_KEYSTORE}): a JKS or
 * PKCS#12 file at a location {@link CertificateLocations} allows, holding one private key and its
 * certificate chain. Wrong passwords and keystores without a key are reported in words, never with a
 * password in them.
 */
public final class ClientKeyStores {
    private final CertificateLocations locations;

    public ClientKeyStores(CertificateLocations locations) {
        this.locations = locations;
    }

    /** A private key and the certificate chain that presents it, leaf first. */
    public record ClientKey(PrivateKey key, List<X509Certificate> chain) {
        public ClientKey {
            chain = List.copyOf(chain);
        }

        /** The certificate only: a private key's own text can carry its secret numbers. */
        @Override
        public String toString() {
            return "ClientKey[" + certificate().getSubjectX500Principal().getName() + ", key=****]";
        }

        /** The leaf certificate: what the server sees. */
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** A key manager that presents this key and chain, for a TLS client. */
        public X509KeyManager keyManager() {
            try {
                // The in-memory store only carries the key to the factory; its password protects nothing.
                char[] password = "in-memory".toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                for (KeyManager manager : factory.getKeyManagers()) {
                    if (manager instanceof X509KeyManager x509) {
                        return x509;
                    }
                }
                throw new IllegalStateException("no X.509 key manager in this JVM");
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("the JVM cannot build a key manager", e);
            }
        }
    }

    /**
     * The key in the keystore at {@code location}.
     *
     * @param storePassword the keystore's password
     * @param keyPassword   the key's password (often the keystore's)
     * @throws InvalidTestInput naming the property, the location and the problem
     */
    public ClientKey load(String property, String location, char[] storePassword, char[] keyPassword,
            Permissions permissions) {
        String where = CertificateLocations.describe(property, location);
        byte[] bytes = locations.read(property, location, permissions);
        KeyStore store;
        try {
            // The PKCS12 type reads JKS files too (keystore.type.compat, on by default since Java 9).
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), storePassword);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new InvalidTestInput(where + " could not be opened: the keystore password "
                        + "(KAFKA_CLIENT_KEYSTORE_PASSWORD) is wrong.");
            }
            if (CertificateLocations.isS3(location)) {
                throw CertificateLocations.unusableS3Object(property, location, "not a JKS or PKCS#12 keystore");
            }
            throw new InvalidTestInput(where + " is not a JKS or PKCS#12 keystore, or is damaged.");
        } catch (GeneralSecurityException e) {
            throw new InvalidTestInput(where + " could not be read as a keystore: " + e.getClass().getSimpleName() + ".");
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new InvalidTestInput(where + " holds no private key: a client keystore needs the client's key "
                        + "and certificate.");
            }
            if (keyAliases.size() > 1) {
                throw new InvalidTestInput(where + " holds " + keyAliases.size() + " private keys (" + String.join(", ",
                        keyAliases) + "); a client keystore for a test must hold exactly one.");
            }
            String alias = keyAliases.get(0);
            Key key;
            try {
                key = store.getKey(alias, keyPassword);
            } catch (UnrecoverableKeyException e) {
                throw new InvalidTestInput(where + ": the key '" + alias + "' could not be unlocked: the key password "
                        + "(KAFKA_CLIENT_KEY_PASSWORD, or the keystore password when it is not set) is wrong.");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new InvalidTestInput(where + ": the entry '" + alias + "' has no certificate chain.");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate x509)) {
                    throw new InvalidTestInput(where + ": the entry '" + alias + "' holds a non-X.509 certificate.");
                }
                certificates.add(x509);
            }
            return new ClientKey(privateKey, certificates);
        } catch (GeneralSecurityException e) {
            throw new InvalidTestInput(where + " could not be read as a keystore: " + e.getClass().getSimpleName() + ".");
        }
    }
}
