package dev.dialtone.probe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.secrets.SecretStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The built-in declarations are read when a type is first asked about, not when the server starts. */
class BuiltInRestTypesTest {
    private static final SecretStore NO_SECRETS = (id, permissions) -> {
        throw new AssertionError("no secret is read here");
    };

    @Test
    void aBuiltInTesterIsNamedWithoutReadingItsDeclaration() {
        AtomicInteger reads = new AtomicInteger();
        RestTester slack = RestTester.declaredLater("SLACK", counted(reads, BuiltInRestTypes.declaration("SLACK")),
                NO_SECRETS, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, OriginOverrides.NONE);

        assertThat(slack.connectionType()).isEqualTo("SLACK");
        assertThat(slack.displayName()).isEqualTo("SLACK");
        assertThat(reads).as("declaration reads before any question about the type").hasValue(0);

        assertThat(slack.authenticationTypes()).contains("OAUTH2");
        assertThat(slack.registration()).isPresent();
        assertThat(slack.properties()).isNotEmpty();
        assertThat(reads).as("read once, then kept").hasValue(1);
    }

    @Test
    void threadsAskingAtOnceReadTheDeclarationOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        RestTester zendesk = RestTester.declaredLater("ZENDESK",
                counted(reads, BuiltInRestTypes.declaration("ZENDESK")), NO_SECRETS,
                TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, OriginOverrides.NONE);
        List<CompletableFuture<String>> askers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return zendesk.declaration().name();
                })).toList();
        start.countDown();
        for (CompletableFuture<String> asker : askers) {
            assertThat(asker.get()).isEqualTo("ZENDESK");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDeclarationFiledUnderAnotherTypesNameIsRefusedWhenRead() {
        RestTester misfiled = RestTester.declaredLater("ZENDESK", () -> BuiltInRestTypes.declaration("SLACK"),
                NO_SECRETS, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST, OriginOverrides.NONE);

        assertThatThrownBy(misfiled::properties).isInstanceOf(IllegalStateException.class)
                .hasMessage("the declaration of ZENDESK names SLACK");
    }

    @Test
    void everyBuiltInTesterReadsAsTheTypeItIsListedUnder() {
        List<RestTester> testers = BuiltInRestTypes.testers(NO_SECRETS, TlsClient.Settings.VERIFY_WITH_DEFAULT_TRUST,
                OriginOverrides.NONE);
        assertThat(testers).extracting(RestTester::connectionType).containsExactlyElementsOf(BuiltInRestTypes.names());
        for (RestTester tester : testers) {
            assertThat(tester.declaration().name()).isEqualTo(tester.connectionType());
        }
    }

    private static Supplier<String> counted(AtomicInteger reads, String json) {
        return () -> {
            reads.incrementAndGet();
            return json;
        };
    }
}
