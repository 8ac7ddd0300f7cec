package dev.dialtone.probe;

import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.net.DialerRelay;
import dev.dialtone.probe.net.Dialer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedDatabases;
import dev.dialtone.guard.EgressPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The relay for drivers without a socket hook (Oracle thin, Db2 JCC): a driver that connects to the
 * relay's loopback port reaches the server through the dialer, which sees, times and polices the
 * real destination. Shown with pgjdbc given no socket factory.
 */
class DialerRelayTest {
    private final PostgresServer pg = SharedDatabases.postgres();

    private static Properties login(PostgresServer pg) {
        Properties properties = new Properties();
        properties.setProperty("user", pg.superuser());
        properties.setProperty("password", pg.superuserPassword());
        properties.setProperty("sslmode", "disable");
        return properties;
    }

    @Test
    void aDriverReachesTheServerThroughTheDialer() throws Exception {
        ProbeSession session = new ProbeSession(new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM),
                Duration.ofSeconds(10), stage -> { });
        try (DialerRelay relay = DialerRelay.open(session, "db.dialtone.test", pg.port());
                Connection connection = new org.postgresql.Driver().connect("jdbc:postgresql://" + relay.localHost()
                        + ":" + relay.localPort() + "/postgres", login(pg));
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            assertThat(session.details()).containsEntry("connected to", "127.0.0.1:" + pg.port() + " (db.dialtone.test)");
            assertThat(session.timings()).extracting(StageTiming::stage).contains(Stage.RESOLVE, Stage.CONNECT);
        }
    }

    @Test
    void aClosedPortIsACONNECTFailureOfTheDialer() throws Exception {
        ProbeSession session = new ProbeSession(new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM),
                Duration.ofSeconds(10), stage -> { });
        int closed = Ports.free();
        try (DialerRelay relay = DialerRelay.open(session, "127.0.0.1", closed)) {
            assertThatThrownBy(() -> new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:"
                    + relay.localPort() + "/postgres", login(pg))).isInstanceOf(SQLException.class);
            assertThat(session.networkFailure()).hasValueSatisfying(failure -> {
                assertThat(failure.stage()).isEqualTo(Stage.CONNECT);
                assertThat(failure.reason()).contains("127.0.0.1:" + closed + " was refused");
            });
        }
    }

    @Test
    void theEgressPolicyDecidesWhatTheRelayDials() throws Exception {
        EgressPolicy refuseAll = (host, address, port) -> Optional.of("test policy refuses " + host);
        ProbeSession session = new ProbeSession(new Dialer(refuseAll, HostResolver.SYSTEM), Duration.ofSeconds(10), stage -> { });
        try (DialerRelay relay = DialerRelay.open(session, "db.dialtone.test", pg.port())) {
            assertThatThrownBy(() -> new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:"
                    + relay.localPort() + "/postgres", login(pg))).isInstanceOf(SQLException.class);
            assertThat(session.refusal()).contains("test policy refuses db.dialtone.test");
        }
    }
}
