package dev.dialtone.probe.mongodb;

import com.mongodb.internal.dns.JndiDnsClient;
import com.mongodb.spi.dns.DnsClient;
import com.mongodb.spi.dns.DnsClientProvider;
import com.mongodb.spi.dns.DnsException;
import dev.dialtone.probe.ProbeSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The DNS client the driver is given for one mongodb+srv:// test. Its TXT and SRV queries go on to
 * the tester's client (the one the driver would use by itself, unless the tester was given one) and
 * the answers are kept: the TXT record's options, whose authSource is for the login Dialtone builds
 * itself (the driver applies it only to a credential of the URL), and the hosts the SRV record
 * names, which go in the report as soon as they are known, before the driver checks them.
 */
final class SrvLookup implements DnsClient {
    private final DnsClient dns;
    private final ProbeSession session;
    private final String host;
    private volatile String txt = "";

    SrvLookup(DnsClient dns, ProbeSession session, String host) {
        this.dns = dns;
        this.session = session;
        this.host = host;
    }

    /** What the driver uses when it is given no DnsClient: a service-loaded provider's client, else JNDI's. */
    static DnsClient driverDefault() {
        return DriverDefault.CLIENT;
    }

    @Override
    public List<String> getResourceRecordData(String name, String type) throws DnsException {
        List<String> answer = dns.getResourceRecordData(name, type);
        if (type.equals("TXT") && answer.size() == 1) {
            // As the driver reads it: the spaces DNS puts between the strings of one record are not part of it.
            txt = answer.get(0).replaceAll("\\s", "");
        } else if (type.equals("SRV") && !answer.isEmpty()) {
            session.detail("srv", host + " → " + answer.stream().map(SrvLookup::target).collect(Collectors.joining(", ")));
        }
        return answer;
    }

    /** The options of the host's TXT record (after the driver read them), if it has one. */
    Optional<String> txt() {
        return Optional.of(txt).filter(options -> !options.isEmpty());
    }

    /** The TXT record's authSource (the last one given, as the driver reads it). */
    Optional<String> authSource() {
        Optional<String> authSource = Optional.empty();
        for (String option : txt.split("[&;]")) {
            int equals = option.indexOf('=');
            if (equals > 0 && option.substring(0, equals).equalsIgnoreCase("authSource")) {
                authSource = Optional.of(URLDecoder.decode(option.substring(equals + 1), StandardCharsets.UTF_8))
                        .filter(source -> !source.isEmpty());
            }
        }
        return authSource;
    }

    /** "priority weight port target." as host:port; any other text as it is. */
    private static String target(String record) {
        String[] fields = record.trim().split("\\s+");
        if (fields.length != 4) {
            return record;
        }
        String target = fields[3].endsWith(".") ? fields[3].substring(0, fields[3].length() - 1) : fields[3];
        return target + ":" + fields[2];
    }

    private static final class DriverDefault {
        static final DnsClient CLIENT = ServiceLoader.load(DnsClientProvider.class).findFirst()
                .map(DnsClientProvider::create).orElseGet(JndiDnsClient::new);
    }
}
