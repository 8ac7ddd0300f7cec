package dev.dialtone.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What an operation tells the audit trail about its request beyond what the wire knows: the
 * resources it acted on and, for a connection test, where the test went and how far it got. The
 * wire writes it once the answer is known, whatever the answer. One request's thread fills it.
 */
public final class AuditNote {
    private final List<String> resources = new ArrayList<>(2);
    private String destination;
    private String stage;
    private String testOutcome;
    private String catalog;
    private String connectionType;
    private String address;

    /** A resource ARN the request names (noted once, in order). */
    public void resource(String arn) {
        if (!resources.contains(arn)) {
            resources.add(arn);
        }
    }

    /** The test's destination (host:port, as the probe reports it), the stage it reached and its outcome. */
    public void test(String destination, Optional<String> stage, String outcome) {
        this.destination = destination;
        this.stage = stage.orElse(null);
        this.testOutcome = outcome;
    }

    /** The catalog (account id) the request acted in, for the request's log line. */
    public void catalog(String catalogId) {
        this.catalog = catalogId;
    }

    /**
     * The connection type tested, as the client gave it (logged; metrics use the tester's own name), and the
     * host:port the test dialled.
     */
    public void tested(String type, String hostAndPort) {
        this.connectionType = type;
        this.address = hostAndPort;
    }

    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    public Optional<String> catalog() {
        return Optional.ofNullable(catalog);
    }

    public Optional<String> connectionType() {
        return Optional.ofNullable(connectionType);
    }

    public List<String> resources() {
        return Collections.unmodifiableList(resources);
    }

    public Optional<String> destination() {
        return Optional.ofNullable(destination);
    }

    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    public Optional<String> testOutcome() {
        return Optional.ofNullable(testOutcome);
    }
}
