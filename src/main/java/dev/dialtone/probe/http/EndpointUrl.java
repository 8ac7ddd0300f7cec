package dev.dialtone.probe.http;

import dev.dialtone.probe.InvalidTestInput;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint Dialtone may send OAuth2 credentials or a bearer token to: {@code https}, or plain
 * {@code http} only to a loopback host (local development, tests). The rule is decided from the URL
 * alone, before any name is looked up or any socket opened.
 */
public record EndpointUrl(URI uri, boolean https, String host, int port) {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses a URL a user gave (at plan time), or explains, naming {@code property}, why it cannot be used. */
    public static EndpointUrl parse(String text, String property) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidTestInput(property + " is not a valid URL: " + e.getReason() + ".");
        }
        return of(uri, property).orElseThrow(() -> new InvalidTestInput(problem(uri, property)));
    }

    /** The endpoint, when {@code uri} is one Dialtone may call. */
    public static Optional<EndpointUrl> of(URI uri, String property) {
        if (problem(uri, property) != null) {
            return Optional.empty();
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        return Optional.of(new EndpointUrl(uri, https, uri.getHost(), port));
    }

    /** Why {@code uri} may not be called, or null when it may. Never echoes more than scheme and host. */
    public static String problem(URI uri, String property) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return property + " must be an absolute https:// URL with a host name.";
        }
        if (uri.getRawUserInfo() != null) {
            return property + " must not carry credentials before the host name; give them in the OAuth2 "
                    + "properties, where they are kept secret.";
        }
        if (uri.getRawFragment() != null) {
            return property + " must not have a #fragment.";
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return property + " http://" + uri.getHost() + " is not https: Dialtone sends OAuth2 credentials and "
                    + "tokens only over https (plain http only to loopback addresses, for local development).";
        }
        return null;
    }

    /** Whether {@code host} names this machine: {@code localhost} or a loopback IP literal (no lookup is made). */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        if (!ipv6 && !IPV4_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            // A literal address: getByName parses it and never asks DNS.
            return InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** scheme://host[:port], the form shown in reports (paths and queries of a token URL are left out). */
    public String origin() {
        boolean defaultPort = port == (https ? 443 : 80);
        return (https ? "https" : "http") + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** The origin and path, without query: what a report says about a token endpoint. */
    public String withoutQuery() {
        return origin() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The Host header value. */
    public String authority() {
        boolean defaultPort = port == (https ? 443 : 80);
        return host + (defaultPort ? "" : ":" + port);
    }

    /** {@code path} (absolute, starting with /) on this endpoint's origin. */
    public URI at(String path) {
        return URI.create(origin() + path);
    }
}
