package dev.dialtone.probe.rest;

import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;

/** Makes the tester of a registered type from its stored declaration, with the server's secrets and overrides. */
public final class RestTesters {
    private final SecretStore secrets;
    private final TlsClient.Settings tls;
    private final OriginOverrides overrides;

    public RestTesters(SecretStore secrets, TlsClient.Settings tls, OriginOverrides overrides) {
        this.secrets = secrets;
        this.tls = tls;
        this.overrides = overrides;
    }

    /** @param declaration RegisterConnectionType's input, as stored */
    public RestTester tester(String declaration) {
        return RestTester.of(declaration, secrets, tls, overrides);
    }

    /** Whether a connection type's name is one RegisterConnectionType gives (Glue: it starts with REST-). */
    public static boolean isRegisteredName(String connectionType) {
        return connectionType.regionMatches(true, 0, "REST-", 0, 5);
    }
}
