package dev.dialtone.catalog;

/** Glue's {@code ConnectionStatus}: the outcome of the last test of a stored connection. */
public enum ConnectionStatus {
    READY, IN_PROGRESS, FAILED
}
