package dev.dialtone.catalog;

/** The shared catalog's database could not be reached or logged in to at start (an operator's matter: one line). */
public final class CatalogUnreachable extends RuntimeException {
    public CatalogUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
