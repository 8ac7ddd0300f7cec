package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The driver's native library is copied beside the catalog once, byte for byte, and then only pointed at. */
class SqliteNativeLibraryTest {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    @Test
    void theLibraryIsCopiedOnceIntoTheDataDirectoryAndTheDriverIsPointedAtIt(@TempDir Path dataDir) throws Exception {
        // The JVM loaded the library long ago (other tests opened catalogs); only the properties are at stake here.
        String path = System.clearProperty(PATH);
        String name = System.clearProperty(NAME);
        try {
            SqliteNativeLibrary.useCopyIn(dataDir);
            Path dir = Path.of(System.getProperty(PATH));
            Path library = dir.resolve(System.getProperty(NAME));
            assertThat(dir).startsWith(dataDir.resolve("native"));
            assertThat(dir.getFileName().toString()).startsWith("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-");
            byte[] shipped;
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath()
                    + "/" + LibraryLoaderUtil.getNativeLibName())) {
                shipped = in.readAllBytes();
            }
            assertThat(Files.readAllBytes(library)).isEqualTo(shipped);
            try (var files = Files.list(dir)) {
                assertThat(files).as("no partial copy left behind").containsExactly(library);
            }

            // A second start finds the copy and leaves it untouched.
            long modified = Files.getLastModifiedTime(library).toMillis();
            System.clearProperty(PATH);
            System.clearProperty(NAME);
            SqliteNativeLibrary.useCopyIn(dataDir);
            assertThat(Path.of(System.getProperty(PATH)).resolve(System.getProperty(NAME))).isEqualTo(library);
            assertThat(Files.getLastModifiedTime(library).toMillis()).isEqualTo(modified);

            // An operator's own setting wins.
            System.setProperty(PATH, "/opt/sqlite");
            SqliteNativeLibrary.useCopyIn(dataDir);
            assertThat(System.getProperty(PATH)).isEqualTo("/opt/sqlite");
        } finally {
            restore(PATH, path);
            restore(NAME, name);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
