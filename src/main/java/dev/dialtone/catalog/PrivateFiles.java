package dev.dialtone.catalog;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the server's own user may read: the data directory (0700) and everything in it (0600).
 * Created that way, so they are never readable for a moment, and tightened when an older version left
 * them open. On a file system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the directory (and missing parents) as 0700, or tightens it to 0700. */
    public static void directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectories(dir);
            }
        }
        tighten(dir, DIRECTORY);
    }

    /** Creates an empty 0600 file if there is none, or tightens the existing one to 0600. */
    public static void file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (POSIX) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(file);
                }
                return;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Someone else made it: tightened below.
            }
        }
        tighten(file, FILE);
    }

    /** Tightens an existing file or directory; a missing one is left missing. */
    public static void tightenIfPresent(Path path) throws IOException {
        if (Files.exists(path)) {
            tighten(path, Files.isDirectory(path) ? DIRECTORY : FILE);
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
