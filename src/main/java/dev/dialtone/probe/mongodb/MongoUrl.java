package dev.dialtone.probe.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.spi.dns.DnsClient;
import dev.dialtone.probe.InvalidTestInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A checked {@code CONNECTION_URL}: parsed by the driver's own {@link ConnectionString}, after its
 * options were held against an allow-list. Refused, naming the option: credentials in the URL
 * (they belong in USERNAME/PASSWORD, which are hidden and redacted); authentication mechanisms that
 * use this server's own identity (MONGODB-AWS, MONGODB-OIDC, GSSAPI, MONGODB-X509); a SOCKS proxy
 * (it would dial a host the egress policy never sees); options that read local files; turning
 * certificate checks off unless SKIP_CERT_VALIDATION says so; and any option not known here.
 *
 * <p>A mongodb+srv:// URL is checked without asking DNS anything: the driver reads the options of
 * the host's TXT record when it parses such a URL, and that lookup is made when the test runs
 * ({@link #withTxtRecord}), under its deadline.
 *
 * @param text             the URL without the authentication options, which Dialtone applies through a
 *                         credential of its own
 * @param connectionString the driver's parse of {@code text}, for mongodb+srv:// without the TXT record's options
 */
record MongoUrl(String text, ConnectionString connectionString, Optional<String> mechanism,
        Optional<String> authSource) {
    /** Answers the TXT query of a mongodb+srv:// URL's parse with no record: the URL is checked, DNS is not asked. */
    private static final DnsClient NO_LOOKUP = (name, type) -> List.of();

    private static final Set<String> ALLOWED = Set.of("appname", "replicaset", "directconnection", "loadbalanced",
            "tls", "ssl", "connecttimeoutms", "sockettimeoutms", "serverselectiontimeoutms", "heartbeatfrequencyms",
            "timeoutms", "readpreference", "readpreferencetags", "maxstalenessseconds", "readconcernlevel",
            "retryreads", "retrywrites", "w", "wtimeoutms", "journal", "compressors", "zlibcompressionlevel",
            "uuidrepresentation", "srvservicename", "srvmaxhosts", "maxpoolsize", "minpoolsize", "maxidletimems",
            "maxlifetimems", "waitqueuetimeoutms", "maxconnecting", "localthresholdms", "servermonitoringmode");
    private static final Set<String> INSECURE_TLS = Set.of("tlsinsecure", "tlsallowinvalidhostnames",
            "tlsallowinvalidcertificates", "sslinvalidhostnameallowed");
    private static final Set<String> LOCAL_FILES = Set.of("tlscafile", "tlscertificatekeyfile",
            "tlscertificatekeyfilepassword", "tlscrlfile");
    private static final Set<String> PROXY = Set.of("proxyhost", "proxyport", "proxyusername", "proxypassword");
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    private static final Map<String, String> REFUSED_MECHANISMS = Map.of(
            "MONGODB-AWS", "it authenticates with AWS credentials the driver finds in this server's environment or "
                    + "instance metadata, not with credentials of the connection",
            "MONGODB-OIDC", "it fetches a token for this server's own cloud identity (ENVIRONMENT), or needs a "
                    + "callback that a URL cannot give",
            "GSSAPI", "Kerberos reads this server's Kerberos configuration, ticket cache or keytab",
            "MONGODB-X509", "it presents this server's own TLS client certificate from its key store",
            "MONGODB-CR", "MongoDB removed it; use SCRAM-SHA-256");

    /** @param skipCertValidation SKIP_CERT_VALIDATION=true: TLS options that turn checks off are accepted */
    static MongoUrl parse(String url, boolean skipCertValidation) {
        String text = url.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("mongodb://") && !lower.startsWith("mongodb+srv://")) {
            throw new InvalidTestInput("CONNECTION_URL must start with mongodb:// or mongodb+srv://.");
        }
        int hostsStart = text.indexOf("://") + 3;
        int hostsEnd = firstOf(text, hostsStart, '/', '?');
        if (text.substring(hostsStart, hostsEnd).contains("@")) {
            throw new InvalidTestInput("CONNECTION_URL must not carry credentials: give them in USERNAME and PASSWORD "
                    + "(or SECRET_ID), which are hidden and never echoed.");
        }
        int query = text.indexOf('?', hostsEnd);
        Map<String, String> options = query < 0 ? Map.of() : options(text.substring(query + 1));
        Optional<String> mechanism = Optional.ofNullable(options.get("authmechanism")).map(m -> m.toUpperCase(Locale.ROOT));
        mechanism.ifPresent(MongoUrl::checkMechanism);
        Optional<String> authSource = Optional.ofNullable(options.get("authsource")).filter(source -> !source.isEmpty());
        StringJoiner kept = new StringJoiner("&");
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            if (key.equals("authmechanism") || key.equals("authsource")) {
                continue;
            }
            check(key, skipCertValidation);
            kept.add(key + "=" + option.getValue());
        }
        String forDriver = (query < 0 ? text : text.substring(0, query)) + (kept.length() == 0 ? "" : "?" + kept);
        try {
            return new MongoUrl(forDriver, new ConnectionString(forDriver, NO_LOOKUP), mechanism, authSource);
        } catch (IllegalArgumentException e) {
            throw new InvalidTestInput("CONNECTION_URL is not a valid MongoDB connection string: " + e.getMessage() + ".");
        }
    }

    private static void check(String key, boolean skipCertValidation) {
        if (ALLOWED.contains(key) || (skipCertValidation && INSECURE_TLS.contains(key))) {
            return;
        }
        String reason;
        if (INSECURE_TLS.contains(key)) {
            reason = "it turns certificate or host-name checks off; set SKIP_CERT_VALIDATION to true as well if that "
                    + "is really meant";
        } else if (LOCAL_FILES.contains(key)) {
            reason = "it names a file on this server";
        } else if (PROXY.contains(key)) {
            reason = "a proxy would connect to the database on Dialtone's behalf, out of sight of its egress policy";
        } else if (key.equals("authmechanismproperties")) {
            reason = "the mechanisms that take properties (GSSAPI, MONGODB-AWS, MONGODB-OIDC) are not accepted";
        } else {
            reason = "Dialtone does not know it";
        }
        throw new InvalidTestInput("CONNECTION_URL option '" + key + "' is not accepted: " + reason + ".");
    }

    private static void checkMechanism(String mechanism) {
        if (MECHANISMS.contains(mechanism)) {
            return;
        }
        String why = REFUSED_MECHANISMS.getOrDefault(mechanism, "it is not one Dialtone knows");
        throw new InvalidTestInput("CONNECTION_URL authMechanism '" + mechanism + "' is not accepted: " + why
                + ". Accepted: " + String.join(", ", MECHANISMS) + ".");
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : query.split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String key = (equals < 0 ? part : part.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (key.contains("%")) {
                // The allow-list compares names as written; an encoded name could mean anything.
                throw new InvalidTestInput("CONNECTION_URL option names must not be percent-encoded ('" + key + "').");
            }
            if (options.put(key, equals < 0 ? "" : part.substring(equals + 1)) != null) {
                throw new InvalidTestInput("CONNECTION_URL gives option '" + key + "' twice.");
            }
        }
        return options;
    }

    private static int firstOf(String text, int from, char... stops) {
        int end = text.length();
        for (char stop : stops) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return end;
    }

    /**
     * The driver's parse of the URL with the options of the host's TXT record, looked up through {@code dns}
     * (mongodb+srv://; a mongodb:// URL has none).
     *
     * @throws com.mongodb.MongoException    the TXT lookup failed, or the record has options the driver refuses
     * @throws IllegalArgumentException the TXT record's options do not go with the URL's
     */
    ConnectionString withTxtRecord(DnsClient dns) {
        return srv() ? new ConnectionString(text, dns) : connectionString;
    }

    boolean srv() {
        return connectionString.isSrvProtocol();
    }

    boolean tls() {
        return Boolean.TRUE.equals(connectionString.getSslEnabled()) || srv();
    }

    Optional<String> database() {
        return Optional.ofNullable(connectionString.getDatabase()).filter(name -> !name.isEmpty());
    }

    /** The hosts as written (for SRV: the name whose SRV record lists them). */
    List<String> hosts() {
        return connectionString.getHosts();
    }
}
