package dev.dialtone.probe.http;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends one HTTP request through the test's {@link dev.dialtone.probe.net.Dialer}, with TLS by
 * {@link TlsClient} for https, and classifies what goes wrong by stage.
 *
 * <p>Why not Nimbus' own transport: {@code HTTPRequest.send()} uses {@code HttpURLConnection},
 * which takes an {@code SSLSocketFactory} for https but opens plain sockets itself, resolves names
 * itself and follows its own proxy settings; the JDK {@code HttpClient} takes no socket factory at
 * all. Either way some socket would bypass the dialer (its egress check, its CONNECT timing, the
 * deadline that closes it). So Nimbus builds every request and parses every answer, and this class
 * plays the part of Nimbus' {@code HTTPRequestSender}, writing the HTTP/1.1 bytes itself
 * ({@link Http11}) over a dialed socket. It is not plugged in as an {@code HTTPRequestSender}
 * because that interface can only throw IOException, and a failure here must carry its stage.
 *
 * <p>Stages: RESOLVE and CONNECT come from the dialer, TLS from {@link TlsClient}; HANDSHAKE lasts
 * from the request until the server's status line (HTTP has no greeting: a peer that says nothing,
 * or answers in another protocol, fails there); then the caller's stage (AUTHENTICATE for the token
 * endpoint, AUTHORIZE for the REST API). Redirects are never followed: a 3xx is returned as it came.
 */
public final class DialedHttp {
    private final ProbeSession session;
    private final TlsClient.Settings tls;
    // The dialer reports only the last connection; a test makes several, to different endpoints.
    private final Set<String> connections = new LinkedHashSet<>();

    public DialedHttp(ProbeSession session, TlsClient.Settings tls) {
        this.session = session;
        this.tls = tls;
    }

    /**
     * Sends {@code request} to {@code endpoint} and returns the answer, whatever its status.
     *
     * @param answered the stage the test is in once the server answers with HTTP
     * @param role     what the endpoint is, for messages ("the token endpoint")
     * @param property the setting that names the endpoint, for hints ("TokenUrl")
     */
    public HTTPResponse exchange(EndpointUrl endpoint, ReadOnlyHTTPRequest request, Stage answered, String role,
            String property) throws StageFailure {
        return exchange(endpoint, out -> Http11.write(out, request, endpoint.authority()), Http11::readRest, answered,
                role, property);
    }

    /**
     * Sends a request given by its parts and returns the answer as bytes, whatever its status; stages as
     * {@link #exchange(EndpointUrl, ReadOnlyHTTPRequest, Stage, String, String)}.
     */
    public Http11.Answer send(EndpointUrl endpoint, String method, java.net.URI uri,
            java.util.Map<String, List<String>> headers, byte[] body, Stage answered, String role, String property)
            throws StageFailure {
        return exchange(endpoint, out -> Http11.write(out, method, uri, headers, body, endpoint.authority()),
                Http11::readAnswer, answered, role, property);
    }

    private interface RequestWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    private interface AnswerReader<T> {
        T read(InputStream in, Http11.StatusLine status) throws IOException;
    }

    private <T> T exchange(EndpointUrl endpoint, RequestWriter writer, AnswerReader<T> reader, Stage answered,
            String role, String property) throws StageFailure {
        String where = role + " " + endpoint.origin();
        try (Socket socket = connect(endpoint, role, where, property)) {
            Socket stream = endpoint.https()
                    ? TlsClient.handshake(session, socket, endpoint.host(), endpoint.port(), tls) : socket;
            session.enter(Stage.HANDSHAKE);
            stream.setSoTimeout(session.socketTimeoutMillis());
            writer.write(new BufferedOutputStream(stream.getOutputStream()));
            InputStream in = new BufferedInputStream(stream.getInputStream());
            Http11.StatusLine status;
            try {
                status = Http11.readStatus(in);
            } catch (Http11.NotHttpException e) {
                throw new StageFailure(Stage.HANDSHAKE, where + " did not answer with HTTP (" + e.getMessage() + ")",
                        "Check that " + property + " names an HTTP" + (endpoint.https() ? "S" : "")
                                + " endpoint and port.");
            } catch (IOException e) {
                throw new StageFailure(Stage.HANDSHAKE, where + " " + failed(e), "Check " + property
                        + ", and that the service behind it is up.");
            }
            session.enter(answered);
            try {
                return reader.read(in, status);
            } catch (IOException e) {
                throw new StageFailure(answered, where + " began an HTTP " + status.code() + " answer, then "
                        + failed(e), "Check " + property + ", and that the service behind it is healthy.");
            }
        } catch (IOException e) {
            // Writing the request failed, or closing did: the connection was lost before an answer.
            throw new StageFailure(session.stage(), "the connection to " + where + " failed: " + e.getMessage(),
                    "Check " + property + ".");
        }
    }

    /** A failed read, as a predicate of the endpoint. */
    private static String failed(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "did not answer in time";
        }
        if (e instanceof EOFException) {
            return e.getMessage();
        }
        if (e instanceof Http11.MalformedAnswerException) {
            return "sent a malformed answer (" + e.getMessage() + ")";
        }
        return "failed: " + e.getMessage();
    }

    /** Every resolved address in turn (plain http: loopback ones only) until one accepts. */
    private Socket connect(EndpointUrl endpoint, String role, String where, String property) throws StageFailure {
        Dialer.AddressChoice choice = endpoint.https() ? Dialer.AddressChoice.ALL : addresses -> {
            List<InetAddress> loopback = addresses.stream().filter(InetAddress::isLoopbackAddress).toList();
            if (loopback.isEmpty()) {
                throw new StageFailure(Stage.RESOLVE, "'" + endpoint.host() + "' resolved to "
                        + addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                        + ", not a loopback address, and plain http is allowed only to loopback",
                        "Use https in " + property + ".");
            }
            return loopback;
        };
        Dialer.Opened opened = session.dialer().openAny(session, new Dialer.Target(endpoint.host(), endpoint.port(),
                where, "Check " + property + ", and that the service behind it is up and reachable from this server."),
                choice);
        String ip = opened.address().getHostAddress();
        connections.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + endpoint.port()
                + (endpoint.host().equals(ip) ? "" : " (" + endpoint.host() + ")") + " for " + role);
        session.detail("connected to", String.join(", ", connections));
        return opened.socket();
    }
}
