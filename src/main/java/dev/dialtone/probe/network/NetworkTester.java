package dev.dialtone.probe.network;

import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.net.TlsClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tests {@code NETWORK} connections: can this server reach HOST:PORT? Resolves every address,
 * connects to them in turn until one answers, and negotiates TLS when asked.
 */
public final class NetworkTester implements ConnectionTester {
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("https", 443, "http", 80, "tls", 443);

    @Override
    public String connectionType() {
        return "NETWORK";
    }

    @Override
    public String displayName() {
        return "Network reachability";
    }

    @Override
    public String description() {
        return "Resolves the host, reports every address, opens a TCP connection to the first that answers, "
                + "and negotiates TLS when asked.";
    }

    @Override
    public List<String> authenticationTypes() {
        return List.of();
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                PropertySpec.optional("HOST", "Host name or IP address to reach (with PORT)"),
                PropertySpec.port("PORT", "TCP port to reach (with HOST)"),
                PropertySpec.optional("CONNECTION_URL", "Instead of HOST and PORT: tcp://, tls:// or https:// URL"),
                PropertySpec.flag("TLS", "Negotiate TLS after connecting (https:// and tls:// URLs imply it)", false),
                PropertySpec.flag("SKIP_CERT_VALIDATION", "With TLS: encrypt without verifying the certificate",
                        false));
    }

    @Override
    public TestPlan plan(TestSubject subject) {
        Optional<String> url = subject.property("CONNECTION_URL");
        String host;
        int port;
        boolean tls = subject.flag("TLS");
        if (url.isPresent()) {
            URI uri = parse(url.get());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            host = uri.getHost();
            port = uri.getPort() > 0 ? uri.getPort() : Optional.ofNullable(DEFAULT_PORTS.get(scheme))
                    .orElseThrow(() -> new InvalidTestInput("CONNECTION_URL needs a port for scheme '" + scheme + "'."));
            tls = tls || scheme.equals("https") || scheme.equals("tls");
        } else {
            if (subject.property("HOST").isEmpty() || subject.integer("PORT").isEmpty()) {
                throw new InvalidTestInput("NETWORK tests need HOST and PORT, or CONNECTION_URL (for example "
                        + "tcp://db.internal:5432).");
            }
            host = subject.property("HOST").get().trim();
            port = subject.integer("PORT").get();
        }
        boolean verify = !subject.flag("SKIP_CERT_VALIDATION");
        return new NetworkPlan(host, port, tls ? Optional.of(new TlsClient.Settings(verify, Optional.empty(),
                Optional.empty())) : Optional.empty());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new InvalidTestInput("CONNECTION_URL must look like tcp://host:port (got '" + url + "').");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidTestInput("CONNECTION_URL is not a valid URL: " + e.getMessage() + ".");
        }
    }
}
