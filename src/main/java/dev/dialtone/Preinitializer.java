package dev.dialtone;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.UUID;

/**
 * Readies, on a start-up thread, what the catalog's opening needs next and would otherwise set up itself on the
 * start's longest path: the JDK's default SecureRandom (HikariCP names each connection with a random UUID),
 * Jackson's ObjectMapper (and the JDK date formats it builds), and the JCE's AES-GCM (the master key is unsealed
 * with it). Each is mostly class initialisation, done once per JVM whoever asks first, so doing it here in
 * parallel takes it off the catalog thread. The idea is Spring Boot's BackgroundPreinitializer. Nothing is kept:
 * a step that fails is simply done again, and reported, where it is really needed.
 */
final class Preinitializer {
    private static final List<Runnable> STEPS = List.of(
            UUID::randomUUID,
            com.fasterxml.jackson.databind.ObjectMapper::new,
            Preinitializer::aesGcm);

    private Preinitializer() {
    }

    static void run() {
        for (Runnable step : STEPS) {
            try {
                step.run();
            } catch (RuntimeException | LinkageError e) {
                // Its real use reports it.
            }
        }
    }

    private static void aesGcm() {
        try {
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            // Its real use reports it.
        }
    }
}
