package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.redshift.util.RedshiftException;
import com.amazon.redshift.util.ServerErrorMessage;
import com.microsoft.sqlserver.jdbc.SQLServerException;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLRecoverableException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each engine's real error codes land in the right stage. SQL Server and Redshift errors are built
 * with the drivers' own exception classes; Oracle's and Db2's drivers are not shipped, so theirs are
 * the standard SQLException types those drivers throw, with the codes and states they set.
 */
class EngineErrorClassificationTest {
    private static final JdbcTls PLAIN = new JdbcTls(false, false, false, false, Optional.empty(), "db", "");

    private static StageFailure classify(SQLException error, JdbcEngine engine, Stage stage) {
        return JdbcFailures.classify(error, engine, PLAIN, new TlsObservation(), Optional.empty(), stage);
    }

    /** mssql-jdbc builds these from the server's error token; its constructor is package-private. */
    private static SQLServerException sqlServerError(String message, String state, int number) throws Exception {
        Constructor<SQLServerException> constructor = SQLServerException.class.getDeclaredConstructor(String.class,
                String.class, int.class, Throwable.class);
        constructor.setAccessible(true);
        return constructor.newInstance(message, state, number, null);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "Login failed for user 'etl'.|18456|S0001|AUTHENTICATE|rejected the credentials",
        "Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication.|18452|S0001|AUTHENTICATE|Windows logins",
        "Login failed for user 'etl' because the account is currently locked out.|18486|S0001|AUTHENTICATE|locked out",
        "Login failed for user 'etl'. Reason: The password of the account has expired.|18487|S0001|AUTHENTICATE|expired",
        "Cannot open database \"sales\" requested by the login. The login failed.|4060|S0001|AUTHORIZE|cannot be opened",
        "The server principal \"etl\" is not able to access the database \"sales\" under the current security context.|916|S0001|AUTHORIZE|may not use the database",
        "Could not connect because the maximum number of '100' user connections has already been reached.|17809|S0001|HANDSHAKE|refused the session"
    })
    void sqlServerErrorNumbers(String message, int number, String state, Stage stage, String reason) throws Exception {
        StageFailure failure = classify(sqlServerError(message, state, number), new SqlServerEngine(), Stage.AUTHENTICATE);
        assertThat(failure.stage()).isEqualTo(stage);
        assertThat(failure.reason()).contains(reason).contains("(error " + number + ")");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "28000|password authentication failed for user \"etl\"|AUTHENTICATE|rejected the credentials",
        "3D000|database \"nosuch\" does not exist|AUTHORIZE|does not exist",
        "42501|permission denied for database dev|AUTHORIZE|may not use the database",
        "08004|the server refused the connection|HANDSHAKE|Amazon Redshift handshake"
    })
    void redshiftServerErrors(String state, String message, Stage stage, String reason) {
        RedshiftException error = new RedshiftException(new ServerErrorMessage("SFATAL\0C" + state + "\0M" + message
                + "\0"));
        assertThat(error.getSQLState()).isEqualTo(state);
        StageFailure failure = classify(error, new RedshiftEngine(), Stage.AUTHENTICATE);
        assertThat(failure.stage()).isEqualTo(stage);
        assertThat(failure.reason()).contains(reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "ORA-01017: invalid username/password; logon denied|1017|72000|AUTHENTICATE|rejected the credentials",
        "ORA-28000: The account is locked.|28000|72000|AUTHENTICATE|locked",
        "ORA-28001: the password has expired|28001|72000|AUTHENTICATE|expired",
        "ORA-01045: user ETL lacks CREATE SESSION privilege; logon denied|1045|72000|AUTHORIZE|may not open a session",
        "Listener refused the connection with the following error: ORA-12514, TNS:listener does not currently know of service requested in connect descriptor|12514|08006|HANDSHAKE|does not know the service name",
        "Listener refused the connection with the following error: ORA-12505, TNS:listener does not currently know of SID given in connect descriptor|12505|08006|HANDSHAKE|does not know the SID",
        "IO Error: The Network Adapter could not establish the connection (CONNECTION_ID=abc) ORA-12541|17002|08006|CONNECT|no Oracle listener"
    })
    void oracleErrorNumbers(String message, int code, String state, Stage stage, String reason) {
        SQLException error = code >= 12000 || code == 17002 ? new SQLRecoverableException(message, state, code)
                : new SQLException(message, state, code);
        StageFailure failure = classify(error, new OracleEngine(), Stage.AUTHENTICATE);
        assertThat(failure.stage()).isEqualTo(stage);
        assertThat(failure.reason()).contains(reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[jcc][t4][2013][11249][4.33.31] Connection authorization failure occurred. Reason: User ID or Password invalid. ERRORCODE=-4214, SQLSTATE=28000|-4214|28000|AUTHENTICATE",
        "[jcc][t4][201][11237][4.33.31] Connection authorization failure occurred. Reason: Password expired. ERRORCODE=-4214, SQLSTATE=28000|-4214|28000|AUTHENTICATE",
        "User \"ETL\" does not have the CONNECT privilege. SQLCODE=-1060, SQLSTATE=08004|-1060|08004|AUTHORIZE",
        "The database alias name or database name \"NOSUCH\" could not be found. SQLSTATE=42705|-1013|42705|AUTHORIZE"
    })
    void db2SqlCodes(String message, int code, String state, Stage stage) {
        SQLException error = state.startsWith("28") ? new SQLInvalidAuthorizationSpecException(message, state, code)
                : new SQLException(message, state, code);
        StageFailure failure = classify(error, new Db2Engine(), Stage.AUTHENTICATE);
        assertThat(failure.stage()).isEqualTo(stage);
        assertThat(failure.reason()).contains("SQLCODE " + code);
    }
}
