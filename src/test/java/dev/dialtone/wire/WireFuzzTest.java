package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever is sent to any operation the server answers (generated from the operation's own request shape,
 * then broken in one of {@link HostileRequests.Mutation}'s ways), the answer is a JSON 1.1 success or an error the
 * operation's model (or every AWS service) lists, never a 5xx, and the server keeps answering.
 */
class WireFuzzTest {
    private static DialtoneExtension.Standalone server;
    private static List<String> operations;
    private static final AtomicInteger SENT = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        server = DialtoneExtension.standalone(Duration.ofSeconds(5), DialtoneConfig.Limits.DEFAULT);
        operations = server.dialtone().operationNames();
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void everyAnswerIsAJson11SuccessOrAModeledErrorAndNever5xx(@ForAll("requests") HostileRequests.Request request)
            throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request.raw().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        WireAnswers.assertWellFormed(answer, WireAnswers.operation(request.target(), operations), request);
        if (SENT.incrementAndGet() % 50 == 0) {
            WireAnswers.assertStillAnswering(server.port());
        }
    }

    @Property(tries = 1)
    void everyOperationOfTheServerHasAnErrorListAndAShape() {
        assertThat(operations).isNotEmpty().allSatisfy(operation -> {
            assertThat(AllowedErrors.MODELED).containsKey(operation);
            assertThat(HostileRequests.requestFields(operation)).as(operation + " in the SDK model").isNotEmpty()
                    .isNotNull();
        });
    }

    @Provide
    Arbitrary<HostileRequests.Request> requests() {
        return Combinators.combine(Arbitraries.of(operations), Arbitraries.of(HostileRequests.Mutation.class),
                Arbitraries.longs()).as((operation, mutation, seed) ->
                HostileRequests.generate(operation, mutation, new Random(seed)));
    }
}
