package dev.dialtone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream goes to a terminal, so progress can be drawn live or printed plainly. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Java 17 can only say whether stdin and stdout both are terminals ({@code System.console()});
     * progress goes to stderr, so on Linux the file descriptor's target is read instead.
     */
    static boolean isTerminal(int fileDescriptor) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fileDescriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
