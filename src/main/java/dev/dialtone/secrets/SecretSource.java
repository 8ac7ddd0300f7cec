package dev.dialtone.secrets;

/** One place secrets are kept; returns the secret's text (a JSON object), never logs or echoes it. */
interface SecretSource {

    /**
     * The resource ARN a caller's policy must allow before the secret is read; checks the name's form.
     *
     * @param name the id without its source prefix
     * @throws dev.dialtone.probe.InvalidTestInput when the name cannot name a secret of this source
     */
    String resource(String secretId, String name);

    /**
     * @param name the id without its source prefix
     * @throws dev.dialtone.probe.InvalidTestInput naming {@code secretId} and the problem, never the value
     */
    String text(String secretId, String name);
}
