package dev.dialtone.probe.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC drivers the operator installed ({@code DIALTONE_DRIVER_DIR}): vendor drivers Dialtone
 * cannot ship (Oracle, Db2), or another version of a shipped one. Loaded once, at start, in a class
 * loader of their own that looks in the jars first, so an installed driver never mixes with a
 * shipped one; only Dialtone's own hooks (socket factories, trust manager) come from the server.
 * Nothing a user sends can add to it.
 */
public final class DriverDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverDirectory.class);
    public static final DriverDirectory NONE = new DriverDirectory(List.of(), Optional.empty());

    private final List<Installed> drivers;
    private final Optional<URLClassLoader> loader;

    /** One installed driver: its jar's file name, its class and an instance. */
    public record Installed(String jar, String className, Driver driver) {
        String origin() {
            return "installed " + jar;
        }
    }

    private DriverDirectory(List<Installed> drivers, Optional<URLClassLoader> loader) {
        this.drivers = List.copyOf(drivers);
        this.loader = loader;
    }

    /** Loads every driver the jars in {@code directory} declare (META-INF/services/java.sql.Driver). */
    public static DriverDirectory load(Optional<Path> directory) {
        if (directory.isEmpty()) {
            return NONE;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory.get())) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the driver directory " + directory.get() + " cannot be read", e);
        }
        if (jars.isEmpty()) {
            LOG.warn("the driver directory {} holds no .jar file", directory.get());
            return NONE;
        }
        URLClassLoader loader = new JarsFirstClassLoader(urls(jars), DriverDirectory.class.getClassLoader());
        List<Installed> drivers = new ArrayList<>();
        for (Path jar : jars) {
            for (String className : declaredDrivers(jar)) {
                try {
                    Class<?> type = Class.forName(className, true, loader);
                    Driver driver = (Driver) type.getDeclaredConstructor().newInstance();
                    drivers.add(new Installed(jar.getFileName().toString(), className, driver));
                    LOG.info("installed JDBC driver {} {}.{} from {}", className, driver.getMajorVersion(),
                            driver.getMinorVersion(), jar.getFileName());
                } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                    LOG.warn("the driver {} in {} cannot be loaded: {}", className, jar.getFileName(), e.toString());
                }
            }
        }
        return new DriverDirectory(drivers, Optional.of(loader));
    }

    /** The installed driver for {@code engine}, if the operator installed one. */
    Optional<Installed> serving(JdbcEngine engine) {
        return drivers.stream().filter(installed -> engine.driverClassNames().contains(installed.className()))
                .findFirst();
    }

    /**
     * The installed driver that a user's JDBC_DRIVER_JAR_URI (by its file name) and/or
     * JDBC_DRIVER_CLASS_NAME name; empty when they name anything else.
     */
    Optional<Installed> find(Optional<String> jarUri, Optional<String> className) {
        Optional<String> jarName = jarUri.map(uri -> uri.substring(uri.lastIndexOf('/') + 1));
        return drivers.stream()
                .filter(installed -> jarName.map(installed.jar()::equals).orElse(true))
                .filter(installed -> className.map(installed.className()::equals).orElse(true))
                .findFirst();
    }

    String describe() {
        return drivers.isEmpty() ? "none" : drivers.stream().map(installed -> installed.className() + " in "
                + installed.jar()).collect(Collectors.joining(", "));
    }

    public List<Installed> installed() {
        return drivers;
    }

    @Override
    public void close() throws IOException {
        if (loader.isPresent()) {
            loader.get().close();
        }
    }

    private static List<String> declaredDrivers(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services = file.getJarEntry("META-INF/services/java.sql.Driver");
            if (services == null) {
                LOG.warn("{} declares no JDBC driver (no META-INF/services/java.sql.Driver)", jar.getFileName());
                return names;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(services),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String name = line.replaceFirst("#.*", "").trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("{} is not a readable jar: {}", jar.getFileName(), e.toString());
        }
        return names;
    }

    private static URL[] urls(List<Path> jars) {
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Looks in the installed jars before the server's class path (so an installed pgjdbc is not the
     * shipped one), except for the platform and Dialtone's own classes, which drivers must share with
     * the server: Dialtone's socket factories and trust manager are what the drivers are handed.
     */
    private static final class JarsFirstClassLoader extends URLClassLoader {
        JarsFirstClassLoader(URL[] urls, ClassLoader parent) {
            super("dialtone-drivers", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null && !shared(name)) {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException notInJars) {
                        // Fall back to the server's class path.
                    }
                }
                if (type == null) {
                    type = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        private static boolean shared(String name) {
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("dev.dialtone.") || name.startsWith("org.slf4j.");
        }
    }
}
