package dev.dialtone.probe.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Origins the REST engine sends to another origin (sandboxes, API gateways, tests): {@code
 * https://api.stripe.com=http://127.0.0.1:9000} maps scheme, host and port; the path and query are kept. The
 * egress policy applies to the address the new origin names, as to any other.
 */
public final class OriginOverrides {
    public static final OriginOverrides NONE = new OriginOverrides(Map.of());
    private final Map<String, String> byOrigin;

    private OriginOverrides(Map<String, String> byOrigin) {
        this.byOrigin = Map.copyOf(byOrigin);
    }

    /**
     * @param specs each {@code from=to}, both origins (scheme://host[:port])
     * @throws IllegalArgumentException naming the spec that is not of that form
     */
    public static OriginOverrides parse(List<String> specs) {
        Map<String, String> byOrigin = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.isBlank()) {
                continue;
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("origin override '" + spec + "' must be of the form "
                        + "https://api.example.com=http://127.0.0.1:9000");
            }
            byOrigin.put(origin(spec.substring(0, equals).trim(), spec), origin(spec.substring(equals + 1).trim(),
                    spec));
        }
        return new OriginOverrides(byOrigin);
    }

    private static String origin(String text, String spec) {
        try {
            URI uri = new URI(text);
            String path = uri.getRawPath();
            if (uri.getScheme() == null || uri.getHost() == null || (path != null && !path.isEmpty()
                    && !path.equals("/")) || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("origin override '" + spec + "': " + text
                        + " is not an origin (scheme://host[:port], no path)");
            }
            return normalised(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("origin override '" + spec + "': " + e.getMessage());
        }
    }

    private static String normalised(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The URL on its overriding origin, when one is configured for its origin. */
    public Optional<Overridden> apply(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String from = normalised(uri);
        String to = byOrigin.get(from);
        if (to == null) {
            return Optional.empty();
        }
        String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Optional.of(new Overridden(URI.create(to + rest), from + " -> " + to));
    }

    /** A URL moved to another origin, and the override that did it, for the report. */
    public record Overridden(URI uri, String override) {
    }

    public boolean isEmpty() {
        return byOrigin.isEmpty();
    }
}
