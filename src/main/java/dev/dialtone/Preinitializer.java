package dev.dialtone;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.UUID;

/**
 * Readies, on a start-up thread, what the listener's and the catalog's set-up need next and would otherwise set up
 * themselves on the start's longest paths: the JDK's list of every locale (Jetty's MIME table asks for it, ~50 ms),
 * the default SecureRandom (HikariCP names each connection with a random UUID), Jackson's ObjectMapper (and the JDK
 * date formats it builds), and the JCE's AES-GCM (the master key is unsealed with it). Each is mostly class
 * initialisation, done once per JVM whoever asks first, so doing it here in parallel takes it off those threads. The idea is Spring Boot's BackgroundPreinitializer. Nothing is kept:
 * a step that fails is simply done again, and reported, where it is really needed.
 */
final class Preinitializer {
    private static final List<Runnable> STEPS = List.of(
            java.util.Locale::getAvailableLocales,
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
