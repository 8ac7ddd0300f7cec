package dev.dialtone.probe.kafka;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;

/**
 * AUTHORIZE through kafka-clients' own Admin client, as the test's identity: describeCluster (with
 * the operations the user may run on the cluster) and listTopics (the topics it may see). The
 * client is built from checked parts only, bounded by the test's deadline, and closed at once.
 */
final class AdminCheck {
    // The client's own timeouts lie past the deadline: the probe's deadline is what fires, so a stall is
    // reported as a timeout naming the stage, never as a client error racing it.
    private static final int TIMEOUT_SLACK_MILLIS = 1_000;

    private final PinnedAdminFactory factory;

    AdminCheck(PinnedAdminFactory factory) {
        this.factory = factory;
    }

    void run(ProbeSession session, KafkaTarget target, Map<String, List<InetAddress>> checked) throws StageFailure {
        session.enter(Stage.AUTHORIZE);
        Admin admin = factory.create(config(target, session.remainingMillis() + TIMEOUT_SLACK_MILLIS), checked);
        String call = "describeCluster";
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions()
                    .includeAuthorizedOperations(true));
            Set<AclOperation> operations = get(cluster.authorizedOperations(), session);
            call = "listTopics";
            Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), session);
            session.detail("cluster operations", operations == null || operations.isEmpty() ? "none"
                    : operations.stream().map(AclOperation::name).collect(Collectors.toCollection(TreeSet::new))
                            .toString());
            session.detail("topics visible", topics.isEmpty()
                    ? "0 (the cluster has none, or the user may DESCRIBE none)"
                    : topics.size() + " (" + preview(topics) + ")");
        } catch (ExecutionException e) {
            throw KafkaFailures.classify(e.getCause(), call, session.stage());
        } catch (TimeoutException e) {
            throw KafkaFailures.classify(new org.apache.kafka.common.errors.TimeoutException(e.getMessage()), call,
                    session.stage());
        } catch (InterruptedException e) {
            // The probe gave up at its deadline and has answered already; just release everything.
            Thread.currentThread().interrupt();
            throw new StageFailure(session.stage(), "the test was abandoned at its deadline", "");
        } finally {
            // Zero: abandon whatever is in flight now; the client's network thread ends at once.
            admin.close(Duration.ZERO);
        }
    }

    private static <T> T get(KafkaFuture<T> future, ProbeSession session)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(session.remainingMillis() + TIMEOUT_SLACK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String preview(Set<String> topics) {
        List<String> sorted = topics.stream().sorted().limit(10).toList();
        return String.join(", ", sorted) + (topics.size() > sorted.size() ? ", ..." : "");
    }

    /**
     * The whole client configuration, from parsed and checked parts only: no user-supplied key ever
     * reaches the client, so no config provider, login module, callback class or URL can be named.
     */
    static Properties config(KafkaTarget target, int timeoutMillis) {
        Properties config = new Properties();
        config.put("bootstrap.servers", target.servers().stream().map(BootstrapServer::toString)
                .collect(Collectors.joining(",")));
        config.put("client.id", "dialtone-" + UUID.randomUUID().toString().substring(0, 8));
        config.put("security.protocol", target.securityProtocol());
        target.tls().ifPresent(tls -> tls.configure(config));
        target.sasl().ifPresent(sasl -> {
            config.put("sasl.mechanism", sasl.mechanism());
            config.put("sasl.jaas.config", sasl.jaasConfig());
        });
        String timeout = String.valueOf(timeoutMillis);
        config.put("request.timeout.ms", timeout);
        config.put("default.api.timeout.ms", timeout);
        config.put("socket.connection.setup.timeout.ms", timeout);
        config.put("socket.connection.setup.timeout.max.ms", timeout);
        config.put("retry.backoff.ms", "50");
        config.put("retry.backoff.max.ms", "500");
        config.put("reconnect.backoff.ms", "50");
        config.put("reconnect.backoff.max.ms", "500");
        // No JMX reporter (one MBean per test would pile up) and no metrics pushed to the brokers.
        config.put("metric.reporters", "");
        config.put("enable.metrics.push", "false");
        return config;
    }
}
