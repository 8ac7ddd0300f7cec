package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.Connection;
import dev.dialtone.catalog.ConnectionStatus;
import dev.dialtone.catalog.ConnectionStore;
import dev.dialtone.guard.NotAuthorized;
import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.AuthenticationRequirement;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.TesterRegistry;
import dev.dialtone.probe.NotTestable;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeBusy;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.ProbeStopping;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.TestSubject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * TestConnection: tests a stored connection by name, or an inline {@code TestConnectionInput},
 * for real. Success is {@code {}}; a failure says at which stage and why. A test by name records
 * its result on the connection; an inline test stores nothing.
 */
public final class TestConnection implements GlueOperation {
    private static final int MAX_STATUS_REASON = 16384;
    private final ConnectionStore store;
    private final Probe probe;
    private final Clock clock;
    private final boolean serverSecretsWithoutAuthentication;
    private final LiveTests live;
    private final RegisteredTypes types;

    public TestConnection(ConnectionStore store, Probe probe, Clock clock) {
        this(store, probe, clock, false);
    }

    public TestConnection(ConnectionStore store, Probe probe, Clock clock, boolean serverSecretsWithoutAuthentication) {
        this(store, probe, clock, serverSecretsWithoutAuthentication, new LiveTests());
    }

    /**
     * @param serverSecretsWithoutAuthentication whether unauthenticated callers may use the server's secrets and
     *                                           S3 objects ({@code --allow-server-secrets})
     * @param live                               where tests a client asked to watch report their stages
     */
    public TestConnection(ConnectionStore store, Probe probe, Clock clock, boolean serverSecretsWithoutAuthentication,
            LiveTests live) {
        this(store, probe, clock, serverSecretsWithoutAuthentication, live, Optional.empty());
    }

    /** @param types the types registered per catalog (RegisterConnectionType), tested from their declarations */
    public TestConnection(ConnectionStore store, Probe probe, Clock clock, boolean serverSecretsWithoutAuthentication,
            LiveTests live, Optional<RegisteredTypes> types) {
        this.types = types.orElse(null);
        this.store = store;
        this.live = live;
        this.probe = probe;
        this.clock = clock;
        this.serverSecretsWithoutAuthentication = serverSecretsWithoutAuthentication;
    }

    @Override
    public String name() {
        return "TestConnection";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        Optional<String> watchedId = context.liveTestId().map(LiveTests::checkedId);
        LiveTests.Watch watch = watchedId.isEmpty() ? LiveTests.Watch.NONE
                : live.begin(context.caller(), watchedId.get(), request.has("ConnectionName")
                        ? "connection " + request.string("ConnectionName", StringRule.NAME).orElse("")
                        : "inline test");
        try {
            return invoke(request, context, watch);
        } catch (GlueException e) {
            watch.ended(e.code(), e.getMessage());
            throw e;
        } catch (NotAuthorized e) {
            watch.ended(ErrorCode.ACCESS_DENIED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            watch.ended(ErrorCode.INTERNAL_SERVICE, "The test ended with an internal error; the server log has the "
                    + "details under request id " + context.requestId() + ".");
            throw e;
        }
    }

    private ObjectNode invoke(Members request, RequestContext context, LiveTests.Watch watch) {
        CatalogScope catalog = Catalogs.scope(request, context);
        Optional<String> name = request.string("ConnectionName", StringRule.NAME);
        Optional<Members> inline = request.object("TestConnectionInput");
        if (name.isPresent() && inline.isPresent()) {
            throw GlueException.invalidInput("Only one of ConnectionName or TestConnectionInput may be provided.");
        }
        if (name.isEmpty() && inline.isEmpty()) {
            throw GlueException.invalidInput("Either ConnectionName or TestConnectionInput must be provided.");
        }
        Permissions access = ServerSideAccess.forCaller(context.caller(), serverSecretsWithoutAuthentication);
        if (inline.isPresent()) {
            Catalogs.noteCatalog(context, catalog);
            Authorization.testInline(context, catalog);
            TestSubject subject = inlineSubject(inline.get(), access);
            try {
                return answer(run(subject, catalog, context, watch));
            } catch (NotTestable notTestable) {
                throw GlueException.invalidInput(notTestable.getMessage());
            }
        }
        Catalogs.noteConnection(context, catalog, name.get());
        Authorization.testStored(context, catalog, name.get());
        Connection stored = store.get(catalog, name.get()).orElseThrow(() -> Catalogs.notFound(name.get(), catalog));
        TestSubject subject = new TestSubject(stored.definition().connectionType(),
                stored.definition().connectionProperties(), stored.definition().authenticationConfiguration(), access);
        ProbeReport report;
        try {
            requireAuthentication(probe.testers(), subject, "Connection");
            report = run(subject, catalog, context, watch);
        } catch (NotTestable notTestable) {
            // Dialtone could not run the test: that says nothing about the connection, so its status stays.
            throw GlueException.invalidInput(notTestable.getMessage());
        } catch (GlueException untestable) {
            if (untestable.code() == ErrorCode.INVALID_INPUT) {
                Instant now = clock.instant();
                record(stored, ConnectionStatus.FAILED, untestable.getMessage(), now,
                        TestReportJson.untestable(subject.connectionType(), untestable.getMessage(), now));
            }
            throw untestable;
        } catch (NotAuthorized refused) {
            // The caller may not use a secret or object the connection names: recorded, nothing was read or dialled.
            Instant now = clock.instant();
            record(stored, ConnectionStatus.FAILED, refused.getMessage(), now,
                    TestReportJson.untestable(subject.connectionType(), refused.getMessage(), now));
            throw refused;
        }
        Instant now = clock.instant();
        record(stored, report.succeeded() ? ConnectionStatus.READY : ConnectionStatus.FAILED, report.message(), now,
                TestReportJson.of(report, now));
        return answer(report);
    }

    /**
     * CreateConnection's validation of a new connection of a registered type, as Glue's ValidateCredentials: the
     * test by name, its result recorded on the connection; the status it now has.
     */
    ConnectionStatus validateNew(Connection stored, RequestContext context) {
        Permissions access = ServerSideAccess.forCaller(context.caller(), serverSecretsWithoutAuthentication);
        TestSubject subject = new TestSubject(stored.definition().connectionType(),
                stored.definition().connectionProperties(), stored.definition().authenticationConfiguration(), access);
        ProbeReport report;
        try {
            report = run(subject, stored.catalog(), context, LiveTests.Watch.NONE);
        } catch (NotTestable | NotAuthorized refused) {
            Instant now = clock.instant();
            record(stored, ConnectionStatus.FAILED, refused.getMessage(), now,
                    TestReportJson.untestable(subject.connectionType(), refused.getMessage(), now));
            return ConnectionStatus.FAILED;
        } catch (GlueException e) {
            if (e.code() != ErrorCode.INVALID_INPUT) {
                throw e;
            }
            Instant now = clock.instant();
            record(stored, ConnectionStatus.FAILED, e.getMessage(), now,
                    TestReportJson.untestable(subject.connectionType(), e.getMessage(), now));
            return ConnectionStatus.FAILED;
        }
        Instant now = clock.instant();
        ConnectionStatus status = report.succeeded() ? ConnectionStatus.READY : ConnectionStatus.FAILED;
        record(stored, status, report.message(), now, TestReportJson.of(report, now));
        return status;
    }

    /**
     * A type's declared need for an AuthenticationConfiguration, checked before the test with the owner named as
     * Glue names it ("[TestConnectionInput.AuthenticationConfiguration is required.] …").
     */
    static void requireAuthentication(TesterRegistry testers, String connectionType, boolean hasAuthentication,
            String owner, AuthenticationRequirement.Moment moment) {
        testers.missingAuthentication(connectionType, hasAuthentication, owner, moment).ifPresent(missing -> {
            throw GlueException.invalidInput(missing);
        });
    }

    private static void requireAuthentication(TesterRegistry testers, TestSubject subject, String owner) {
        requireAuthentication(testers, subject.connectionType(), subject.authentication().isPresent(), owner,
                AuthenticationRequirement.Moment.TESTED);
    }

    private TestSubject inlineSubject(Members input, Permissions access) {
        String type = input.requiredString("ConnectionType", StringRule.NAME);
        TestSubject subject = new TestSubject(type, ConnectionInputReader.connectionProperties(input),
                input.object("AuthenticationConfiguration").map(ConnectionInputReader::authentication), access);
        requireAuthentication(probe.testers(), subject, "TestConnectionInput");
        return subject;
    }

    @Override
    public boolean watchesHangups() {
        return true;
    }

    /** Runs the test; a type Dialtone cannot test is thrown as {@link NotTestable} for the caller to answer. */
    private ProbeReport run(TestSubject subject, CatalogScope catalog, RequestContext context,
            LiveTests.Watch watch) {
        try {
            ProbeReport report;
            if (types != null && RegisteredTypes.isRegisteredName(subject.connectionType())) {
                // Read from the catalog for this test: a type deleted or registered on another node holds here.
                report = probe.test(types.tester(catalog, subject.connectionType())
                        .orElseThrow(() -> types.unknown(catalog, subject.connectionType())), subject,
                        context.cancellation(), watch);
            } else {
                report = probe.test(subject, context.cancellation(), watch);
            }
            watch.finished(report);
            context.audit().test(report.destination(), stageReached(report).map(Stage::name),
                    report.outcome().name());
            context.audit().tested(report.connectionType(), report.address());
            return report;
        } catch (InvalidTestInput invalid) {
            throw GlueException.invalidInput(invalid.getMessage());
        } catch (ProbeBusy busy) {
            throw new GlueException(ErrorCode.RESOURCE_NUMBER_LIMIT_EXCEEDED, busy.getMessage());
        } catch (ProbeStopping stopping) {
            throw new GlueException(ErrorCode.SERVICE_UNAVAILABLE, stopping.getMessage());
        }
    }

    /** The stage that failed, or else the last one the test ran (none when it was refused before dialling). */
    private static Optional<Stage> stageReached(ProbeReport report) {
        if (report.failedStage().isPresent()) {
            return report.failedStage();
        }
        return report.stages().isEmpty() ? Optional.empty()
                : Optional.of(report.stages().get(report.stages().size() - 1).stage());
    }

    private void record(Connection stored, ConnectionStatus status, String reason, Instant when, ObjectNode report) {
        String bounded = reason.length() > MAX_STATUS_REASON ? reason.substring(0, MAX_STATUS_REASON) : reason;
        store.recordTest(stored.catalog(), stored.name(), stored.revision(), status, bounded, when, report.toString());
    }

    private static ObjectNode answer(ProbeReport report) {
        return switch (report.outcome()) {
            case SUCCEEDED -> JsonNodeFactory.instance.objectNode();
            case FAILED -> throw GlueException.invalidInput(report.message());
            case TIMED_OUT -> throw new GlueException(ErrorCode.OPERATION_TIMEOUT, report.message());
            case REFUSED -> throw new GlueException(ErrorCode.ACCESS_DENIED, report.message());
        };
    }
}
