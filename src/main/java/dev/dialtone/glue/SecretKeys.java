package dev.dialtone.glue;

/**
 * Which connection properties hold secrets, and so are dropped by {@code HidePassword=true} (and kept
 * encrypted at rest): the server passes {@code TesterRegistry::isSecret}, the one rule (the type's tester's
 * declarations, and {@code guard.SecretPropertyNames} for keys whose form names a secret).
 */
@FunctionalInterface
public interface SecretKeys {
    boolean isSecret(String connectionType, String key);
}
