package dev.dialtone.iam;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Who may call, decided once at start from where the server listens and what the operator gave.
 * Safe by default: any key is accepted only on a loopback address (the laptop), unless the operator
 * says otherwise in so many words.
 */
public enum AccessMode {
    /** A credentials file: every request must be signed by a principal it lists, wherever the server listens. */
    SIGNED,
    /** Loopback, no credentials file: any key is accepted, as LocalStack and moto do. */
    LAPTOP,
    /** Not loopback, no credentials file, and {@code --insecure-allow-anonymous}: anyone who can reach it. */
    INSECURE_ANONYMOUS;

    /**
     * @throws IllegalArgumentException when the server would listen beyond loopback with nobody's signature checked
     */
    public static AccessMode decide(String host, Optional<Path> credentialsFile, boolean insecureAllowAnonymous) {
        if (credentialsFile.isPresent()) {
            return SIGNED;
        }
        if (isLoopback(host)) {
            return LAPTOP;
        }
        if (insecureAllowAnonymous) {
            return INSECURE_ANONYMOUS;
        }
        throw new IllegalArgumentException("listening on " + host + ", which is not a loopback address, needs "
                + "--credentials-file FILE (DIALTONE_CREDENTIALS_FILE) so that every request is signed; "
                + "--insecure-allow-anonymous accepts any key from anyone who can reach it");
    }

    /** Whether every address the name stands for is a loopback one (a literal is never looked up). */
    static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            // Jetty will say it cannot bind; here it is simply not known to be loopback.
            return false;
        }
    }
}
