package dev.dialtone.probe.rest;

import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SaaS types Dialtone ships as declarations (RegisterConnectionType's input shape, one resource file each under
 * {@code connection-types/}, with the vendor reference it follows in {@code _source}), tested by the REST engine.
 */
public final class BuiltInRestTypes {
    static final List<String> TYPES = List.of("SLACK", "STRIPE", "ZENDESK");

    private BuiltInRestTypes() {
    }

    public static List<RestTester> testers(SecretStore secrets, TlsClient.Settings tls, OriginOverrides overrides) {
        List<RestTester> testers = new ArrayList<>();
        for (String type : TYPES) {
            testers.add(RestTester.of(declaration(type), secrets, tls, overrides));
        }
        return testers;
    }

    static String declaration(String type) {
        String resource = "/connection-types/" + type + ".json";
        try (InputStream in = BuiltInRestTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
