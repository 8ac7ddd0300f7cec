package dev.dialtone.glue;

/**
 * Which connection properties hold secrets, and so are dropped by {@code HidePassword=true}: every
 * key ending in PASSWORD, and whatever the type's tester declares secret.
 */
@FunctionalInterface
public interface SecretKeys {
    boolean isSecret(String connectionType, String key);
}
