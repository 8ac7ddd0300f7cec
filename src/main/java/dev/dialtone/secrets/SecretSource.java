package dev.dialtone.secrets;

/** One place secrets are kept; returns the secret's text (a JSON object), never logs or echoes it. */
interface SecretSource {

    /**
     * @param name the id without its source prefix
     * @throws dev.dialtone.probe.InvalidTestInput naming {@code secretId} and the problem, never the value
     */
    String text(String secretId, String name);
}
