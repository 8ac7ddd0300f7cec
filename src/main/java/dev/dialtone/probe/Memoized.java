package dev.dialtone.probe;

import java.util.function.Supplier;

/**
 * A value made once, by the first thread that asks for it, and then shared: what start-up should not make until
 * something needs it (a JDBC driver instance, a built-in type's parsed declaration). If making it fails, the next
 * caller tries again.
 */
public final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Memoized(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = factory.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
