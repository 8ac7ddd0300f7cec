package dev.dialtone.catalog;

import java.util.Locale;

/**
 * Which connection properties hold secrets, and so are sealed at rest. The server passes the testers'
 * own declarations (the same rule HidePassword applies); the catalog does not keep a list of its own.
 */
@FunctionalInterface
public interface SecretProperties {

    boolean isSecret(String connectionType, String key);

    /** Glue's own rule, for a catalog opened without testers (tools, tests): every key ending in PASSWORD. */
    SecretProperties PASSWORDS = (type, key) -> key.trim().toUpperCase(Locale.ROOT).endsWith("PASSWORD");
}
