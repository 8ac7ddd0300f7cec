package dev.dialtone.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps sqlite-jdbc's native library beside the catalog. Left alone, the driver copies the library out of
 * its jar into the temporary directory on every start (checksumming it, and asking the OS what it is by
 * running {@code uname}), which is a tenth of Dialtone's start-up. Here that copy is made once per driver
 * version, platform and data directory, and later starts load it straight from there.
 *
 * <p>The copy lives in the operator's data directory, as private as the catalog itself, rather than in a
 * shared temporary directory. An operator's own {@code org.sqlite.lib.path} is left as it is; any failure
 * leaves the driver to its usual extraction.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    static synchronized void useCopyIn(Path dataDir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch"))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        Path dir = dataDir.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + platform);
        String name = System.mapLibraryName("sqlitejdbc");
        Path library = dir.resolve(name);
        try {
            PrivateFiles.directory(dir.getParent());
            PrivateFiles.directory(dir);
            if (!Files.isRegularFile(library)) {
                copyOut(dir, library);
            }
            PrivateFiles.tightenIfPresent(library);
            System.setProperty(PATH_PROPERTY, dir.toAbsolutePath().toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite-jdbc's native library stays with the driver's own extraction: {}", e.toString());
        }
    }

    /** Copies the library for this platform out of the driver's jar, whole or not at all. */
    private static void copyOut(Path dir, Path library) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in sqlite-jdbc");
            }
            Path partial = Files.createTempFile(dir, "partial-", ".tmp");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
