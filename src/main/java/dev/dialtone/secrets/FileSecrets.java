package dev.dialtone.secrets;

import dev.dialtone.probe.InvalidTestInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code SECRET_ID=file:NAME}: a JSON secret in a file of the operator's secrets directory. The name
 * is a plain file name; anything that could leave the directory (a path, {@code ..}, a link out of
 * it) is refused before the file is opened.
 */
public final class FileSecrets implements SecretSource {
    private static final long LARGEST = 64 * 1024;
    private final Optional<Path> directory;

    public FileSecrets(Optional<Path> directory) {
        this.directory = directory;
    }

    @Override
    public String resource(String secretId, String name) {
        checkName(secretId, name);
        return "arn:dialtone:secret:file/" + name;
    }

    private void checkName(String secretId, String name) {
        if (directory.isEmpty()) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: this Dialtone has no secrets directory "
                    + "(DIALTONE_SECRETS_DIR) configured.");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,254}") || name.contains("..")) {
            throw new InvalidTestInput("Secret '" + secretId + "' is not a plain file name: file: must be followed by "
                    + "the name of a file in the secrets directory, without '/', '\\' or '..'.");
        }
    }

    @Override
    public String text(String secretId, String name) {
        checkName(secretId, name);
        try {
            Path root = directory.get().toRealPath();
            Path file = root.resolve(name);
            if (!Files.exists(file)) {
                throw new InvalidTestInput("Secret '" + secretId + "' was not found in the secrets directory.");
            }
            Path real = file.toRealPath();
            // A link pointing elsewhere would read outside the directory.
            if (!real.getParent().equals(root) || !Files.isRegularFile(real)) {
                throw new InvalidTestInput("Secret '" + secretId + "' is not a file of the secrets directory.");
            }
            if (Files.size(real) > LARGEST) {
                throw new InvalidTestInput("Secret '" + secretId + "' is larger than " + LARGEST / 1024
                        + " KiB; it must be a small JSON object.");
            }
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' was not found in the secrets directory.");
        } catch (IOException e) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read from the secrets directory: "
                    + e.getClass().getSimpleName() + ".");
        }
    }
}
