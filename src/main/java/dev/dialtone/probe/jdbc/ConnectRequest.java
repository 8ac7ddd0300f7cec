package dev.dialtone.probe.jdbc;

import java.util.Map;

/**
 * Everything an engine needs to build its driver properties for one test.
 *
 * @param parameters    the user's driver parameters, already through the engine's allow-list
 * @param timeoutMillis the drivers' own timeouts (past the probe's deadline, which must fire first)
 */
public record ConnectRequest(JdbcTarget target, Map<String, String> parameters, String user, String password,
        int timeoutMillis, JdbcTls tls) {

    public ConnectRequest {
        parameters = Map.copyOf(parameters);
    }

    @Override
    public String toString() {
        // Never print the password, whoever logs a request.
        return "ConnectRequest[" + target + ", user=" + user + "]";
    }
}
