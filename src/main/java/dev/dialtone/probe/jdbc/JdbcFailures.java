package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a driver's SQLException into the stage it belongs to. Order matters: what the dialer saw
 * (RESOLVE, CONNECT) is certain; then the engine's own error codes; then standard SQLState
 * classes; then the exception types in the cause chain; last, the stage the session was in.
 */
final class JdbcFailures {
    private JdbcFailures() {
    }

    static StageFailure classify(SQLException error, JdbcEngine engine, JdbcTls tls, TlsObservation observation,
            ProbeSession session) {
        return classify(error, engine, tls, observation, session.networkFailure(), session.stage());
    }

    /**
     * @param network what the dialer saw, if it failed
     * @param stage   the stage the test was in when the driver gave up
     */
    static StageFailure classify(SQLException error, JdbcEngine engine, JdbcTls tls, TlsObservation observation,
            Optional<StageFailure> network, Stage stage) {
        if (network.isPresent()) {
            return network.get();
        }
        // Dialtone's trust manager already explained what was wrong with the certificate.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExplainedTlsFailure explained) {
                return explained.failure();
            }
        }
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String message = serverMessage(error);
        // Every driver refuses with an 08xxx "SSL required but not supported" when the server has no TLS.
        String upper = message.toUpperCase(Locale.ROOT);
        // (08P01 is not that: the answer to the TLS request was not the protocol's at all.)
        if (tls.required() && observation.certificate().isEmpty() && (state.startsWith("08") || state.isEmpty())
                && !state.equals("08P01")
                && (upper.contains("SSL") || upper.contains("TLS") || upper.contains("ENCRYPT"))
                && !hasCause(error, SSLException.class)) {
            return new StageFailure(Stage.TLS, "the server does not offer TLS, but the connection requires it: "
                    + message, "Enable TLS on the " + engine.displayName()
                    + " server, or drop the TLS requirement (JDBC_ENFORCE_SSL, sslmode / sslMode / encrypt) if the "
                    + "network is trusted.");
        }
        Optional<StageFailure> byEngine = engine.classify(error);
        if (byEngine.isPresent()) {
            return byEngine.get();
        }
        if (state.startsWith("28")) {
            return new StageFailure(Stage.AUTHENTICATE, "the server rejected the credentials: " + message,
                    "Check USERNAME and PASSWORD.");
        }
        if (state.equals("3D000")) {
            return new StageFailure(Stage.AUTHORIZE, "the database does not exist: " + message,
                    "Check DATABASE (or the database in JDBC_CONNECTION_URL).");
        }
        if (state.equals("42501")) {
            return new StageFailure(Stage.AUTHORIZE, "the user may not use the database: " + message,
                    "Grant the user CONNECT on the database (and USAGE on the schema), or check DATABASE.");
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return new StageFailure(Stage.RESOLVE, "the host name could not be resolved: " + cause.getMessage(),
                        "Check HOST (or the host in JDBC_CONNECTION_URL).");
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return new StageFailure(Stage.CONNECT, "the TCP connection failed: " + cause.getMessage(),
                        "Check HOST and PORT, and that the server is listening.");
            }
            if (cause instanceof SSLException ssl) {
                return TlsClient.failure(ssl, observation.certificate(), tls.expectedName());
            }
            if (cause instanceof SocketTimeoutException) {
                return new StageFailure(stage, "the server did not answer in time: " + cause.getMessage(),
                        "Check that HOST and PORT point at a " + engine.displayName() + " server that is not overloaded.");
            }
        }
        // Connection-class errors before the login completed: the server hung up or spoke another protocol.
        if (stage == Stage.HANDSHAKE || state.startsWith("08")) {
            return new StageFailure(Stage.HANDSHAKE, "the server did not complete the " + engine.displayName()
                    + " handshake: " + message, "Check that HOST and PORT point at a " + engine.displayName()
                    + " server, and that it is not overloaded or shutting down.");
        }
        if (stage == Stage.RESOLVE || stage == Stage.CONNECT) {
            // The driver gave up before it dialled (bad URL parts it parsed itself).
            stage = Stage.CONNECT;
        }
        return new StageFailure(stage, message, "Check the connection properties against the "
                + engine.displayName() + " server's configuration.");
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The driver's message, cleaned, with the SQLState when there is one. */
    static String serverMessage(SQLException error) {
        String message = plainMessage(error);
        String state = error.getSQLState();
        return state == null || state.isEmpty() ? message : message + " (SQLState " + state + ")";
    }

    /**
     * The driver's message without severity and connection-id prefixes, a multi-line server message
     * (DETAIL, HINT) on one line, and no final period (the caller continues the sentence).
     */
    static String plainMessage(SQLException error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message = message.replaceFirst("^(FATAL|ERROR):\\s*", "").replaceFirst("^\\(conn=\\d+\\)\\s*", "")
                .replaceAll("\\s+", " ").trim();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
