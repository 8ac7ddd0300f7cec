package dev.dialtone.probe.rest;

import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SaaS types Dialtone ships as declarations (RegisterConnectionType's input shape, one resource file each under
 * {@code connection-types/}, with the vendor reference it follows in {@code _source}), tested by the REST engine.
 * Which files there are is {@code connection-types/index.txt}, one type a line: a jar cannot be listed portably,
 * and a test holds the index and the folder to the same names.
 */
public final class BuiltInRestTypes {
    private static final String FOLDER = "/connection-types/";
    private static final List<String> TYPES = readIndex();

    private BuiltInRestTypes() {
    }

    /** The built-in SaaS types, in the index's order. */
    public static List<String> names() {
        return TYPES;
    }

    public static List<RestTester> testers(SecretStore secrets, TlsClient.Settings tls, OriginOverrides overrides) {
        List<RestTester> testers = new ArrayList<>();
        for (String type : TYPES) {
            testers.add(RestTester.declaredLater(type, () -> declaration(type), secrets, tls, overrides));
        }
        return testers;
    }

    /** A built-in type's declaration, parsed. */
    public static RestDeclaration declarationOf(String type) {
        return RestDeclaration.parse(declaration(type));
    }

    static String declaration(String type) {
        try (InputStream in = open(FOLDER + type + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readIndex() {
        List<String> types = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(open(FOLDER + "index.txt"),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String type = line.strip();
                if (!type.isEmpty() && !type.startsWith("#")) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(types);
    }

    private static InputStream open(String resource) {
        InputStream in = BuiltInRestTypes.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return in;
    }
}
