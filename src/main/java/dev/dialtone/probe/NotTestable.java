package dev.dialtone.probe;

/**
 * Dialtone cannot run a test of this connection type (one it knows but cannot test, or one it does not know).
 * Unlike {@link InvalidTestInput}, it says nothing about the connection, so nothing is recorded on it.
 */
public final class NotTestable extends RuntimeException {
    public NotTestable(String message) {
        super(message, null, false, false);
    }
}
