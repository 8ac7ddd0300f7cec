package dev.dialtone.cli;

import dev.dialtone.probe.TestSubject;
import java.util.Optional;

/**
 * One connection to test: a name for the report, and either an inline definition or (with an
 * endpoint) the name of a connection stored on a server.
 */
record TestCase(String name, String connectionType, Optional<TestSubject> subject) {
}
