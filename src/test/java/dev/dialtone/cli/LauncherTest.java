package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.TempDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The launcher's two decisions that a start depends on: which jar holds the server (the launcher jar's
 * {@code Class-Path}, else the jar itself), and whether an archive the first run wrote is whole before it gets its
 * final name (a real archive dumped by a child JVM, then damaged and cut short).
 */
class LauncherTest {

    /** The program the archive is dumped from: loads a few classes and ends. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println(List.of(args).size());
        }
    }

    @Test
    void theServerJarIsTheOneTheLauncherJarsClassPathNamesBesideIt() throws Exception {
        Path dir = TempDir.scratch("dialtone-launcher-jars");
        Path server = jar(dir.resolve("dialtone-all.jar"), null);
        Path launcher = jar(dir.resolve("dialtone.jar"), "dialtone-all.jar");

        assertThat(Launcher.serverJar(launcher)).isEqualTo(server);
        assertThat(Launcher.serverJar(server)).isEqualTo(server); // the server's jar run directly
    }

    @Test
    void aClassPathThatIsNotOneJarBesideTheLauncherIsRefusedSoTheServerRunsInThisJvm() throws Exception {
        Path dir = TempDir.scratch("dialtone-launcher-jars");
        jar(dir.resolve("a.jar"), null);
        jar(dir.resolve("b.jar"), null);

        assertThatThrownBy(() -> Launcher.serverJar(jar(dir.resolve("missing.jar"), "dialtone-all.jar")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Launcher.serverJar(jar(dir.resolve("two.jar"), "a.jar b.jar")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anArchiveIsKeptOnlyWhenAJvmMapsItWithEveryChecksumRight() throws Exception {
        Path dir = TempDir.scratch("dialtone-launcher-archive");
        Path app = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(app))) {
            copyClass(Hello.class.getName().replace('.', '/'), out);
        }
        Path archive = dir.resolve("app.jsa");
        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-XX:+UseSerialGC", "-cp", app.toString(), Hello.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(dump.waitFor()).isZero();
        assertThat(archive).isRegularFile();

        assertThat(Launcher.mapsWhole(archive, app)).isTrue();

        Path damaged = dir.resolve("damaged.jsa");
        Files.copy(archive, damaged);
        try (var file = Files.newByteChannel(damaged, StandardOpenOption.WRITE)) {
            file.position(Files.size(damaged) / 2); // inside a mapped region, past the header
            file.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        }
        assertThat(Launcher.mapsWhole(damaged, app)).isFalse();

        Path cutShort = dir.resolve("short.jsa");
        try (InputStream in = Files.newInputStream(archive); OutputStream out = Files.newOutputStream(cutShort)) {
            out.write(in.readNBytes((int) Files.size(archive) / 3)); // a dump that ended early: crashes a JVM mapping it
        }
        assertThat(Launcher.mapsWhole(cutShort, app)).isFalse();

        Path otherJar = jar(dir.resolve("other.jar"), null); // an archive is valid only for the jar it was made from
        assertThat(Launcher.mapsWhole(archive, otherJar)).isFalse();
    }

    @Test
    void aLauncherJarCopiedWithoutTheServersJarSaysSoInOneLine() throws Exception {
        Path dir = TempDir.scratch("dialtone-launcher-alone");
        Path launcher = dir.resolve("dialtone.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "dialtone-all.jar"); // not there
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(launcher), manifest)) {
            for (String name : List.of("Launcher", "Launcher$1", "Launcher$2")) { // what the assembly puts in
                copyClass("dev/dialtone/cli/" + name, out);
            }
        }
        Path output = dir.resolve("output.txt");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", launcher.toString(), "serve").redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(run.waitFor()).isEqualTo(1);
        assertThat(Files.readString(output)).isEqualTo("dialtone: " + launcher + " is the launcher alone; the server's "
                + "jar it names (dialtone-all.jar) must be beside it. Copy both, or run java -jar dialtone-all.jar on "
                + "its own." + System.lineSeparator());
    }

    /** Copies a compiled class of this build into {@code out}. */
    private static void copyClass(String internalName, JarOutputStream out) throws IOException {
        String entry = internalName + ".class";
        out.putNextEntry(new JarEntry(entry));
        try (InputStream in = LauncherTest.class.getClassLoader().getResourceAsStream(entry)) {
            in.transferTo(out);
        }
    }

    private static Path jar(Path path, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), manifest)) {
            out.putNextEntry(new JarEntry("empty.txt"));
        }
        return path;
    }
}
