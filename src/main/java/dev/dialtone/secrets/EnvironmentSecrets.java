package dev.dialtone.secrets;

import dev.dialtone.probe.InvalidTestInput;
import java.util.Map;

/**
 * {@code SECRET_ID=env:NAME}: a JSON secret in an environment variable of the server. Only variables
 * whose name starts with the given prefix can be named, so a user cannot read the server's others
 * (its AWS keys, say) into a login sent to a host of their choosing.
 */
public final class EnvironmentSecrets implements SecretSource {
    private final Map<String, String> variables;
    private final String prefix;

    public EnvironmentSecrets(Map<String, String> variables, String prefix) {
        this.variables = Map.copyOf(variables);
        this.prefix = prefix;
    }

    @Override
    public String resource(String secretId, String name) {
        checkName(secretId, name);
        return "arn:dialtone:secret:env/" + name;
    }

    @Override
    public String text(String secretId, String name) {
        checkName(secretId, name);
        String value = variables.get(name);
        if (value == null) {
            throw new InvalidTestInput("Secret '" + secretId + "' was not found: the server has no environment variable "
                    + name + ".");
        }
        return value;
    }

    private void checkName(String secretId, String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidTestInput("Secret '" + secretId + "' does not name an environment variable: env: must be "
                    + "followed by a variable name such as " + prefix + "SALES.");
        }
        if (!name.startsWith(prefix)) {
            throw new InvalidTestInput("Secret '" + secretId + "' cannot be read: only environment variables whose name "
                    + "starts with " + prefix + " can hold secrets for tests.");
        }
    }
}
