package dev.dialtone.probe.jdbc;

import java.util.Optional;

/** Where one test connects: checked host, port and database (an Oracle SID when {@code sid}). */
public record JdbcTarget(String host, int port, Optional<String> database, boolean sid) {
}
