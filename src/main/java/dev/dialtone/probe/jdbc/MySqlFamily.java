package dev.dialtone.probe.jdbc;

import dev.dialtone.guard.DriverParameterPolicy;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.sql.SQLException;
import java.util.Optional;

/** What MySQL and MariaDB share: the dangerous parameters of both drivers, and server error codes. */
final class MySqlFamily {
    private MySqlFamily() {
    }

    static DriverParameterPolicy refusals(DriverParameterPolicy policy) {
        return policy
                .refuse("lets the server read files (or URLs) through the client", "allowLoadLocalInfile",
                        "allowLoadLocalInfileInPath", "allowUrlInLocalInfile", "allowLocalInfile")
                .refuse("lets an impostor server obtain the password", "allowPublicKeyRetrieval")
                .refuse("carries credentials in the URL; put them in USERNAME and PASSWORD", "user", "password");
    }

    /** Server error numbers are the same in both products, and do not depend on the server's language. */
    static Optional<StageFailure> classify(SQLException error, String product) {
        String reason = JdbcFailures.plainMessage(error) + " (error " + error.getErrorCode() + ")";
        return switch (error.getErrorCode()) {
            case 1045, 1698 -> Optional.of(new StageFailure(Stage.AUTHENTICATE,
                    "the server rejected the credentials: " + reason,
                    "Check USERNAME and PASSWORD."));
            case 1130 -> Optional.of(new StageFailure(Stage.AUTHENTICATE,
                    "the server does not accept logins from this host: " + reason,
                    "Grant the user access from Dialtone's address on the " + product + " server."));
            case 1049 -> Optional.of(new StageFailure(Stage.AUTHORIZE,
                    "the database does not exist: " + reason,
                    "Check DATABASE (or the database in JDBC_CONNECTION_URL)."));
            case 1044 -> Optional.of(new StageFailure(Stage.AUTHORIZE,
                    "the user may not use the database: " + reason,
                    "Grant the user privileges on the database, or check DATABASE."));
            case 1040, 1203 -> Optional.of(new StageFailure(Stage.HANDSHAKE,
                    "the server refused the session: " + reason,
                    "The " + product + " server has too many connections; try again or raise max_connections."));
            default -> Optional.empty();
        };
    }
}
