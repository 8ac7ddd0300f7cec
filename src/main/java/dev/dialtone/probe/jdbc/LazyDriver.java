package dev.dialtone.probe.jdbc;

import java.sql.Driver;
import java.util.function.Supplier;

/**
 * One driver instance per engine, created on first use: start-up loads no driver classes, and
 * tests reuse the instance (pgjdbc, for one, reads its default-properties resources once per
 * instance, which costs milliseconds on a large class path).
 */
final class LazyDriver {
    private final Supplier<Driver> factory;
    private volatile Driver driver;

    LazyDriver(Supplier<Driver> factory) {
        this.factory = factory;
    }

    Driver get() {
        Driver current = driver;
        if (current == null) {
            synchronized (this) {
                current = driver;
                if (current == null) {
                    current = factory.get();
                    driver = current;
                }
            }
        }
        return current;
    }
}
