package dev.dialtone.probe.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoDriverInformation;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.internal.Clusters;
import com.mongodb.client.internal.MongoClientImpl;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.internal.build.MongoDriverVersion;
import com.mongodb.internal.connection.Cluster;
import com.mongodb.internal.thread.AsyncClientExecutor;
import com.mongodb.spi.dns.DnsClient;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;

/**
 * One MongoDB test with the driver's synchronous client, every socket dialled through the Dialer:
 * the monitors' handshake (hello) is HANDSHAKE; a {@code ping} on a pooled connection, which logs
 * in first, is AUTHENTICATE; listing the collections of the URL's database (or the databases the
 * user may see) is AUTHORIZE. Every wait is bounded by the deadline and the client is always closed.
 *
 * <p>What the egress policy covers: every host the driver dials, including replica-set members the
 * server announces and hosts from an SRV record, is resolved and checked by the Dialer when its
 * socket is opened. The SRV and TXT lookups of a mongodb+srv:// URL are DNS queries the driver makes
 * to this server's resolvers (JNDI, unless the tester was given a DnsClient), like any name lookup:
 * the policy does not see them, but sees every address they lead to before it is dialled. Both are
 * made when the test runs, under its deadline, at RESOLVE; the report names the hosts the SRV record
 * gave ({@code srv}) and the TXT record's options ({@code txt}), whose authSource applies to the
 * login unless the URL gives one.
 */
final class MongoPlan implements TestPlan {
    // The driver's timeouts are set past the deadline: the probe's deadline must be what fires.
    private static final int SLACK_MILLIS = 1_000;
    private static final int LISTED = 1_000;
    private static final String APPLICATION_NAME = "Dialtone connection test";

    private final MongoUrl url;
    private final MongoCredentials credentials;
    private final TlsClient.Settings tls;
    private final Optional<DnsClient> dns;

    /** @param dns where the SRV and TXT lookups of a mongodb+srv:// URL go; empty for the driver's own DNS client */
    MongoPlan(MongoUrl url, MongoCredentials credentials, TlsClient.Settings tls, Optional<DnsClient> dns) {
        this.url = url;
        this.credentials = credentials;
        this.tls = tls;
        this.dns = dns;
    }

    @Override
    public String destination() {
        return (url.srv() ? "mongodb+srv://" : "mongodb://") + String.join(",", url.hosts())
                + url.database().map(name -> "/" + name).orElse("");
    }

    @Override
    public Set<String> secrets() {
        return credentials.password().map(Set::of).orElse(Set.of());
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        session.forwardOnly();
        Optional<SrvLookup> srv = url.srv()
                ? Optional.of(new SrvLookup(dns.orElseGet(SrvLookup::driverDefault), session, url.hosts().get(0)))
                : Optional.empty();
        ConnectionString connection = withTxtRecord(session, srv);
        Optional<String> authSource = url.authSource().or(() -> srv.flatMap(SrvLookup::authSource));
        ClusterWatch watch = new ClusterWatch();
        try (MongoClient client = client(session, watch, connection, authSource, srv)) {
            ClusterDescription cluster = awaitHandshake(session, watch);
            session.enter(Stage.AUTHENTICATE);
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            describe(session, cluster, client);
            session.enter(Stage.AUTHORIZE);
            list(session, client);
        } catch (MongoInterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailure(session.stage(), "the test was abandoned at its deadline", "");
        } catch (MongoException e) {
            throw MongoFailures.classify(e, session, url.database(), credentials.present());
        }
    }

    /** The URL with the options of its TXT record, for mongodb+srv:// (whose driver parse looks the record up). */
    private ConnectionString withTxtRecord(ProbeSession session, Optional<SrvLookup> srv) throws StageFailure {
        if (srv.isEmpty()) {
            return url.connectionString();
        }
        try {
            ConnectionString connection = url.withTxtRecord(srv.get());
            srv.get().txt().ifPresent(options -> session.detail("txt", options));
            return connection;
        } catch (MongoException | IllegalArgumentException e) {
            throw MongoFailures.txtRecord(e);
        }
    }

    private MongoClient client(ProbeSession session, ClusterWatch watch, ConnectionString connection,
            Optional<String> authSource, Optional<SrvLookup> srv) {
        long beyondDeadline = session.remainingMillis() + (long) SLACK_MILLIS;
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(beyondDeadline, TimeUnit.MILLISECONDS)
                        .addClusterListener(watch))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) beyondDeadline, TimeUnit.MILLISECONDS)
                        .readTimeout((int) beyondDeadline, TimeUnit.MILLISECONDS));
        if (connection.getApplicationName() == null) {
            builder.applicationName(APPLICATION_NAME);
        }
        srv.ifPresent(builder::dnsClient);
        credentials.toDriver(url.mechanism(), authSource, url.database()).ifPresent(builder::credential);
        MongoClientSettings settings = builder.build();
        MongoDriverInformation driver = MongoDriverInformation.builder().driverName("sync").build();
        DialedStreamFactoryFactory streams = new DialedStreamFactoryFactory(session, tls);
        // What MongoClients.create does, with Dialtone's stream factory instead of the default one.
        Cluster cluster = Clusters.createCluster(settings, driver, streams, AsyncClientExecutor.NO_OP);
        return new MongoClientImpl(cluster, driver, settings, streams, AsyncClientExecutor.NO_OP);
    }

    private ClusterDescription awaitHandshake(ProbeSession session, ClusterWatch watch) throws StageFailure {
        try {
            return watch.answered().get(session.remainingMillis() + (long) SLACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailure(session.stage(), "the test was abandoned at its deadline", "");
        } catch (TimeoutException e) {
            throw new StageFailure(Stage.HANDSHAKE, "no server answered the MongoDB handshake in time",
                    "Check the hosts and ports of CONNECTION_URL.");
        } catch (ExecutionException e) {
            throw MongoFailures.classify(e.getCause(), session, url.database(), credentials.present());
        }
    }

    private void describe(ProbeSession session, ClusterDescription cluster, MongoClient client) {
        Document build = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
        Object version = build.get("version");
        session.detail("server", "MongoDB " + (version == null ? "(version not reported)" : version));
        ServerDescription answered = cluster.getServerDescriptions().stream().filter(ServerDescription::isOk)
                .findFirst().orElseThrow();
        session.detail("topology", cluster.getType() + " (" + answered.getAddress() + " is " + answered.getType()
                + ", wire version " + answered.getMaxWireVersion() + ")");
        session.detail("driver", "MongoDB Java driver " + MongoDriverVersion.VERSION);
        session.detail("user", credentials.user().map(user -> user + url.mechanism().map(m -> " (" + m + ")").orElse(""))
                .orElse("none (no USERNAME or SECRET_ID: the server was not asked to authenticate)"));
    }

    private void list(ProbeSession session, MongoClient client) {
        int count = 0;
        if (url.database().isPresent()) {
            for (String ignored : client.getDatabase(url.database().get()).listCollectionNames()) {
                if (++count >= LISTED) {
                    break;
                }
            }
            session.detail("database", url.database().get() + " (" + amount(count, "collection") + ")");
        } else {
            for (String ignored : client.listDatabases().nameOnly(true).authorizedDatabasesOnly(true)
                    .map(database -> database.getString("name"))) {
                if (++count >= LISTED) {
                    break;
                }
            }
            session.detail("databases", amount(count, "database") + " visible to the user");
        }
    }

    private static String amount(int count, String noun) {
        return (count >= LISTED ? "at least " : "") + count + " " + noun + (count == 1 ? "" : "s");
    }
}
