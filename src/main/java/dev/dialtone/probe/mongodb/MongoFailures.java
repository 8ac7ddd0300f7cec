package dev.dialtone.probe.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.spi.dns.DnsException;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the driver threw (on the test's thread, or on a monitor thread and handed over by
 * {@link ClusterWatch}) into the stage it belongs to. What the dialer saw (RESOLVE, CONNECT) is
 * certain; then a TLS failure explained on the way; then the driver's exception types.
 */
final class MongoFailures {
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;
    /** How the driver refuses an SRV record that names a host outside the SRV host's domain. */
    private static final Pattern OUTSIDE_DOMAIN = Pattern.compile(
            "The SRV host name '([^']+)' resolved to a host '([^']+)' that does not (share domain name|have at least "
                    + "one more domain level)");

    private MongoFailures() {
    }

    /**
     * @param database         the URL's database, if it names one
     * @param credentialsGiven whether credentials were given (USERNAME/PASSWORD or SECRET_ID), so the driver logged in
     */
    static StageFailure classify(Throwable error, ProbeSession session, Optional<String> database,
            boolean credentialsGiven) {
        Optional<StageFailure> network = session.networkFailure();
        if (network.isPresent()) {
            return network.get();
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DialedStreamFactoryFactory.StageFailureException carried) {
                return carried.failure();
            }
        }
        if (error instanceof ClusterWatch.SrvLookupException) {
            return srvRecord(error.getCause());
        }
        if (error instanceof MongoSecurityException security) {
            String detail = security.getCause() instanceof MongoCommandException command
                    ? command.getErrorMessage() + " (code " + command.getErrorCode() + " " + command.getErrorCodeName() + ")"
                    // The driver's own message only repeats the credential's description; the cause says what went
                    // wrong (e.g. "Server signature was invalid.": the server could not prove it knows the password).
                    : Optional.ofNullable(security.getCause()).map(Throwable::getMessage).orElse(security.getMessage());
            boolean rejected = security.getCause() instanceof MongoCommandException command
                    && command.getErrorCode() == AUTHENTICATION_FAILED;
            if (String.valueOf(detail).contains("Server signature was invalid")) {
                return new StageFailure(Stage.AUTHENTICATE, "the login failed: " + detail + " The server took the "
                        + "login but could not prove it knows the user's password, so it is not the server that "
                        + "holds this user", "Check that CONNECTION_URL points at the right server (and that no "
                        + "proxy or impostor answers in its place); the password was not sent in clear.");
            }
            return new StageFailure(Stage.AUTHENTICATE, (rejected ? "the server rejected the credentials: "
                    : "the login failed: ") + detail, "Check USERNAME, PASSWORD and the authSource of CONNECTION_URL.");
        }
        if (error instanceof MongoCommandException command && command.getErrorCode() == UNAUTHORIZED
                && !credentialsGiven) {
            return new StageFailure(Stage.AUTHORIZE, "the server requires authentication and no credentials were "
                    + "given: " + command.getErrorMessage() + " (code " + command.getErrorCode() + " "
                    + command.getErrorCodeName() + ")", "Set USERNAME and PASSWORD, or SECRET_ID, to a user of the "
                    + "server (with authSource in CONNECTION_URL if the user is defined in another database than the "
                    + "URL's).");
        }
        if (error instanceof MongoCommandException command && command.getErrorCode() == UNAUTHORIZED) {
            return new StageFailure(Stage.AUTHORIZE, "the user may not list " + database.map(name -> "the collections "
                    + "of database '" + name + "'").orElse("the databases") + ": " + command.getErrorMessage(),
                    "Grant the user a role on the database (read, or listCollections), or check the database in "
                            + "CONNECTION_URL.");
        }
        if (error instanceof MongoCommandException command) {
            return new StageFailure(session.stage(), "the server answered with an error: " + command.getErrorMessage()
                    + " (code " + command.getErrorCode() + " " + command.getErrorCodeName() + ")",
                    "Check the connection properties against the server's configuration.");
        }
        Stage stage = session.stage();
        if (error instanceof MongoSocketReadTimeoutException) {
            return new StageFailure(stage, "the server did not answer in time", "Check that CONNECTION_URL points at "
                    + "a MongoDB server that is not overloaded.");
        }
        if (stage == Stage.HANDSHAKE || stage == Stage.CONNECT || stage == Stage.RESOLVE) {
            String reason = error instanceof MongoSocketReadException
                    ? "the server closed the connection without answering the MongoDB handshake (hello)"
                    : notMongo(error).orElse("the server did not complete the MongoDB handshake (hello): "
                            + error.getMessage());
            return new StageFailure(Stage.HANDSHAKE, reason,
                    "Check that the host and port of CONNECTION_URL are those of a MongoDB server.");
        }
        return new StageFailure(stage, error.getClass().getSimpleName() + ": " + error.getMessage(),
                "Check the connection properties against the server's configuration.");
    }

    /**
     * The driver's SRV lookup of a mongodb+srv:// host failed (no record, DNS failed), or it refused the record: a
     * host it names must be under the domain of the SRV host, lest a forged record send the client elsewhere.
     */
    private static StageFailure srvRecord(Throwable driver) {
        Matcher outside = OUTSIDE_DOMAIN.matcher(String.valueOf(driver.getMessage()));
        if (outside.find()) {
            String srvHost = outside.group(1);
            // The driver's rule: the parent domain of a host of three or more labels, else the host itself.
            String domain = srvHost.split("\\.").length >= 3 ? srvHost.substring(srvHost.indexOf('.') + 1) : srvHost;
            return new StageFailure(Stage.RESOLVE, "the SRV record of " + srvHost + " names " + outside.group(2)
                    + ", which is not a host under its domain " + domain + ": the MongoDB driver refuses such a "
                    + "record, and nothing was dialled", "Fix the SRV record to name hosts under " + domain
                    + ", or use a mongodb:// URL listing the hosts.");
        }
        return new StageFailure(Stage.RESOLVE, "the SRV lookup of the mongodb+srv:// host failed: " + withDnsError(driver),
                "Check the host in CONNECTION_URL, and that this server's DNS serves its SRV record (or use a "
                        + "mongodb:// URL listing the hosts).");
    }

    /** The TXT record of a mongodb+srv:// host, which the driver reads before the SRV record, could not be had or used. */
    static StageFailure txtRecord(RuntimeException driver) {
        if (driver.getCause() instanceof DnsException) {
            return new StageFailure(Stage.RESOLVE, "the TXT lookup of the mongodb+srv:// host failed: "
                    + withDnsError(driver), "Check the host in CONNECTION_URL, and that this server's DNS answers "
                    + "for it.");
        }
        return new StageFailure(Stage.RESOLVE, "the TXT record of the mongodb+srv:// host cannot be used: "
                + driver.getMessage(), "A TXT record of the host may give only authSource, replicaSet and "
                + "loadBalanced, once, in a way that goes with the options of CONNECTION_URL.");
    }

    /** The driver's message (without its full stop: the report adds one), with what DNS answered if it left it out. */
    private static String withDnsError(Throwable driver) {
        String message = String.valueOf(driver.getMessage()).replaceAll("\\.+$", "");
        Throwable dns = driver.getCause();
        if (dns == null || dns.getMessage() == null || message.contains(dns.getMessage())) {
            return message;
        }
        return message + " (" + dns.getMessage() + ")";
    }

    /**
     * A reply whose announced length is absurd is usually another protocol: the driver reads the first four
     * bytes as a little-endian length, so they are turned back into the text the server sent ("HTTP" for a
     * web server, "SSH-" for SSH).
     */
    private static Optional<String> notMongo(Throwable error) {
        Matcher length = Pattern.compile("reply message length (\\d+) is greater")
                .matcher(String.valueOf(error.getMessage()));
        if (!length.find()) {
            return Optional.empty();
        }
        long value = Long.parseLong(length.group(1));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) ((value >> (8 * i)) & 0xff);
            if (c < 0x20 || c > 0x7e) {
                return Optional.of("the server's answer to the MongoDB handshake (hello) is not MongoDB's "
                        + "wire protocol (it announced a " + value + "-byte reply)");
            }
            text.append(c);
        }
        String start = text.toString();
        String protocol = start.startsWith("HTTP") ? ": the port speaks HTTP" : start.startsWith("SSH-")
                ? ": the port speaks SSH" : "";
        return Optional.of("the server answered the MongoDB handshake (hello) with text starting with '"
                + start + "'" + protocol + ", not like a MongoDB server");
    }
}
