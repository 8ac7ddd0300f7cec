package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.PostgresServer;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InternalServiceException;

/**
 * The shared catalog's PostgreSQL stops under load: every request still answers, fast, with
 * InternalServiceException (500, which SDKs retry), the catalog's ping says it is down, and when PostgreSQL
 * is back the node serves again by itself, with every write it acknowledged before.
 */
class CatalogOutageTest {
    // A PostgreSQL of its own: the suite's shared one must not go down.
    private static final PostgresServer POSTGRES = start();
    private static final SharedCatalogDatabase CATALOG = SharedCatalogDatabase.create(POSTGRES);
    /** Generous: the bound is about one second (the pool's connection timeout); this is correctness, not speed. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    @RegisterExtension
    @Order(1)
    static final DialtoneExtension NODE = new DialtoneExtension(Duration.ofSeconds(2), DialtoneConfig.Limits.DEFAULT,
            CATALOG::node);

    private static PostgresServer start() {
        try {
            return PostgresServer.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    private record Answer(String outcome, long millis, String created) {
    }

    private static ConnectionInput network(String name) {
        return ConnectionInput.builder().name(name).connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1")).build();
    }

    @Test
    void anOutageAnswersFastInternalErrorsAndTheNodeRecoversByItself() throws Exception {
        GlueClient glue = NODE.glue();
        glue.createConnection(r -> r.connectionInput(network("before-outage")));
        assertThat(NODE.dialtone().catalog().ping(Duration.ofSeconds(1))).isTrue();

        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            boolean writer = t % 2 == 0;
            load.submit(() -> {
                while (running.get()) {
                    String name = writer ? "w-" + sequence.incrementAndGet() : null;
                    long start = System.nanoTime();
                    String outcome;
                    try {
                        if (writer) {
                            glue.createConnection(r -> r.connectionInput(network(name)));
                        } else {
                            glue.getConnection(r -> r.name("before-outage"));
                        }
                        outcome = "ok";
                    } catch (GlueException e) {
                        outcome = e.awsErrorDetails().errorCode() + " " + e.statusCode();
                    } catch (RuntimeException e) {
                        outcome = e.toString();
                    }
                    answers.add(new Answer(outcome, (System.nanoTime() - start) / 1_000_000,
                            "ok".equals(outcome) ? name : null));
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> count(answers, "ok") >= 20);
            POSTGRES.stop();
            int failedBefore = count(answers, "InternalServiceException 500");
            await().atMost(Duration.ofSeconds(20)).until(() -> count(answers, "InternalServiceException 500")
                    >= failedBefore + 12);

            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> glue.getConnection(r -> r.name("before-outage")))
                        .isInstanceOf(InternalServiceException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
            }
            long pingStart = System.nanoTime();
            assertThat(NODE.dialtone().catalog().ping(Duration.ofSeconds(1))).as("readiness").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - pingStart)).isLessThan(Duration.ofMillis(1500));

            POSTGRES.startAgain();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> glue.getConnection(r -> r.name("before-outage")) != null);
            int okAfter = count(answers, "ok");
            await().atMost(Duration.ofSeconds(20)).until(() -> count(answers, "ok") >= okAfter + 20);
        } finally {
            running.set(false);
            load.shutdown();
            load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(NODE.dialtone().catalog().ping(Duration.ofSeconds(1))).isTrue();

        List<Answer> all = List.copyOf(answers);
        assertThat(all).extracting(Answer::outcome).as("nothing but successes and InternalServiceException")
                .containsOnly("ok", "InternalServiceException 500");
        assertThat(all).allSatisfy(answer -> assertThat(answer.millis()).as("no request hangs")
                .isLessThan(BOUND.toMillis()));
        // Every create the node acknowledged, before, during or after the outage, is in the catalog.
        for (Answer answer : all) {
            if (answer.created() != null) {
                assertThat(glue.getConnection(r -> r.name(answer.created())).connection().name())
                        .isEqualTo(answer.created());
            }
        }
    }

    private static int count(Queue<Answer> answers, String outcome) {
        return (int) answers.stream().filter(answer -> answer.outcome().equals(outcome)).count();
    }
}
