package dev.dialtone.probe.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.HostResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.KafkaAdminClient;

/**
 * Creates kafka-clients' Admin client with a host resolver of ours that answers only the names the
 * dialer has checked, with exactly the addresses that accepted its connections.
 *
 * <p>Why: the Admin client opens its own NIO channels, so no socket factory can route it through the
 * dialer. What it can be given is a {@link HostResolver}; with it, whatever a broker advertises to the
 * Admin, the client can only reach addresses that already passed the egress policy (no second DNS
 * answer, no name we did not check). kafka-clients exposes that hook only through a package-private
 * factory, so it is reached by reflection; the lookup runs when the tester is built, so a
 * kafka-clients upgrade that drops it fails at startup and in the tests, never silently.
 *
 * <p>What the egress policy therefore covers: every address of every name the Admin client can dial
 * (each was dialled through the dialer first, and the client gets no other answer). What it does not
 * cover is the port: the client takes ports from the metadata brokers send it, so a broker could name
 * a checked host with another port to the Admin client than it named to our own Metadata request.
 */
final class PinnedAdminFactory {
    private final Method createInternal;

    PinnedAdminFactory() {
        try {
            Class<?> timeouts = Class.forName(KafkaAdminClient.class.getName() + "$TimeoutProcessorFactory");
            createInternal = KafkaAdminClient.class.getDeclaredMethod("createInternal", AdminClientConfig.class,
                    timeouts, HostResolver.class);
            createInternal.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this kafka-clients version has no Admin factory that takes a host "
                    + "resolver; the KAFKA tester cannot pin the Admin client's addresses", e);
        }
    }

    /** An Admin client that can dial only {@code checked} (host name to addresses). */
    Admin create(Properties config, Map<String, List<InetAddress>> checked) {
        try {
            // A null TimeoutProcessorFactory is what Admin.create passes too: the default one.
            return (Admin) createInternal.invoke(null, new AdminClientConfig(config), null, new CheckedNames(checked));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the Admin client could not be created", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the Admin client factory is not accessible", e);
        }
    }

    /** Answers only names the dialer checked; any other name is unknown to the Admin client. */
    static final class CheckedNames implements HostResolver {
        private final Map<String, InetAddress[]> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        CheckedNames(Map<String, List<InetAddress>> checked) {
            checked.forEach((host, addresses) -> this.checked.put(host, addresses.toArray(InetAddress[]::new)));
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = checked.get(host.toLowerCase(Locale.ROOT));
            if (addresses == null) {
                throw new UnknownHostException(host + " was not checked by Dialtone's dialer, so the Kafka client may "
                        + "not connect to it");
            }
            return addresses.clone();
        }
    }
}
