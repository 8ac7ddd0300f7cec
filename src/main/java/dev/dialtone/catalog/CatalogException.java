package dev.dialtone.catalog;

/** The catalog could not do its job (I/O, corruption); answered as an internal error. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
