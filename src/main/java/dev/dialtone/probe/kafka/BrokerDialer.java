package dev.dialtone.probe.kafka;

import dev.dialtone.probe.net.Dialer;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.net.TlsClient;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * Reaches one broker address through the dialer: RESOLVE, CONNECT (each address in turn until one
 * accepts, as Kafka clients do), TLS when asked, and ApiVersions (HANDSHAKE). Remembers every
 * address that accepted, which is all the Admin client is later allowed to dial.
 */
final class BrokerDialer {
    private static final String TLS_OFF_HINT = "KAFKA_SSL_ENABLED is true (Glue's default when it is not set), but "
            + "this port does not speak TLS: set KAFKA_SSL_ENABLED to false for a PLAINTEXT or SASL_PLAINTEXT "
            + "listener, or use the port of the broker's SSL or SASL_SSL listener.";

    private final ProbeSession session;
    private final Optional<TlsClient.Settings> tls;
    private final Optional<String> clientCertificate;
    private final Map<String, List<InetAddress>> accepted = new LinkedHashMap<>();

    /**
     * @param clientCertificate how messages name the configured client certificate (subject and issuer), if any
     */
    BrokerDialer(ProbeSession session, Optional<TlsClient.Settings> tls, Optional<String> clientCertificate) {
        this.session = session;
        this.tls = tls;
        this.clientCertificate = clientCertificate;
    }

    /**
     * Connects to {@code server} and checks it speaks Kafka. The caller closes the returned wire.
     *
     * @param who  how messages name this address, e.g. "bootstrap server b-1:9094"
     * @param hint what to check when the address cannot be reached
     */
    KafkaWire open(BootstrapServer server, String who, String hint) throws StageFailure {
        Dialer.Opened opened = session.dialer().openAny(session,
                new Dialer.Target(server.host(), server.port(), who, hint), Dialer.AddressChoice.ALL);
        accepted.computeIfAbsent(server.host(), host -> new ArrayList<>()).add(opened.address());
        return speak(opened.socket(), server, opened.address(), who);
    }

    /** Host name to the addresses that accepted a connection, for the Admin client's resolver. */
    Map<String, List<InetAddress>> accepted() {
        Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
        accepted.forEach((host, addresses) -> copy.put(host, List.copyOf(addresses)));
        return Collections.unmodifiableMap(copy);
    }

    private KafkaWire speak(Socket socket, BootstrapServer server, InetAddress address, String who)
            throws StageFailure {
        try {
            Socket channel = socket;
            if (tls.isPresent()) {
                channel = TlsClient.handshake(session, socket, server.host(), server.port(), tls.get());
            }
            session.enter(Stage.HANDSHAKE);
            KafkaWire wire = new KafkaWire(session, channel);
            ApiVersionsResponse versions = wire.apiVersions();
            Errors error = Errors.forCode(versions.data().errorCode());
            if (error == Errors.UNSUPPORTED_VERSION) {
                throw new StageFailure(Stage.HANDSHAKE, who + " is older than Kafka 2.4, which this client does not "
                        + "test", "Upgrade the brokers.");
            }
            if (error != Errors.NONE) {
                throw new StageFailure(Stage.HANDSHAKE, who + " refused ApiVersions: " + error.message(),
                        "Check the broker's log.");
            }
            return wire;
        } catch (StageFailure failure) {
            closeQuietly(socket);
            if (failure.stage() == Stage.TLS && failure.reason().contains("closed the connection")
                    && answersInPlainText(server, address)) {
                // A Kafka listener without TLS reads a TLS greeting as an absurd request size and hangs up.
                throw new StageFailure(Stage.TLS, who + ": the port is a Kafka listener without TLS (it closed the "
                        + "TLS handshake, and answered ApiVersions in plain text)", TLS_OFF_HINT);
            }
            throw withKafkaHint(failure, who);
        } catch (IOException e) {
            closeQuietly(socket);
            throw handshakeFailure(e, who);
        }
    }

    /** Whether the address answers ApiVersions without TLS, on a second connection through the dialer. */
    private boolean answersInPlainText(BootstrapServer server, InetAddress address) {
        try (Socket plain = session.dialer().open(session, server.host(), address, server.port())) {
            new KafkaWire(session, plain).apiVersions();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private StageFailure withKafkaHint(StageFailure failure, String who) {
        if (failure.stage() != Stage.TLS) {
            return failure;
        }
        String reason = who + ": " + failure.reason();
        if (failure.reason().contains("plain-text port")) {
            return new StageFailure(Stage.TLS, reason, TLS_OFF_HINT);
        }
        Optional<StageFailure> refusedClient = clientCertificateRefused(failure.reason(), who);
        if (refusedClient.isPresent()) {
            return refusedClient.get();
        }
        if (hungUpAfterAskingForACertificate(failure.reason())) {
            return clientCertificateFailure(failure.reason(), who);
        }
        return new StageFailure(Stage.TLS, reason, failure.hint());
    }

    /**
     * The broker asked for a client certificate and then dropped the connection: its refusal, when the reset
     * overtook the alert. A failure of Dialtone's own checks (an untrusted broker) says so and is not this.
     */
    private boolean hungUpAfterAskingForACertificate(String reason) {
        String lower = String.valueOf(reason).toLowerCase(Locale.ROOT);
        return session.attachment(TlsClient.ClientCertificateRequest.class).isPresent()
                && (lower.contains("broken pipe") || lower.contains("connection reset") || lower.contains("closed")
                        || lower.contains("eof"));
    }

    /**
     * A broker that wants a client certificate, or refuses the one shown, sends a TLS alert. With TLS 1.3 it
     * arrives after the client's handshake is done, so it may surface on the first request, not in the handshake.
     */
    private Optional<StageFailure> clientCertificateRefused(String message, String who) {
        String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
        boolean noCertificate = lower.contains("certificate_required");
        boolean refused = lower.contains("received fatal alert") && (lower.contains("bad_certificate")
                || lower.contains("certificate_unknown") || lower.contains("unknown_ca")
                || lower.contains("unsupported_certificate") || lower.contains("certificate_expired")
                || lower.contains("access_denied"));
        if (!noCertificate && !refused) {
            return Optional.empty();
        }
        return Optional.of(clientCertificateFailure(message, who));
    }

    /**
     * Why a broker that wants a client certificate ended the connection: none configured, one configured that
     * no issuer the broker accepts signed (so none was sent), or one sent that the broker refused.
     */
    private StageFailure clientCertificateFailure(String evidence, String who) {
        Optional<TlsClient.ClientCertificateRequest> request =
                session.attachment(TlsClient.ClientCertificateRequest.class);
        String accepted = request.map(TlsClient.ClientCertificateRequest::acceptedIssuers)
                .filter(issuers -> !issuers.isEmpty()).map(issuers -> " issued by " + String.join(" or ", issuers))
                .orElse("");
        String fix = "Set KAFKA_CLIENT_KEYSTORE (with KAFKA_CLIENT_KEYSTORE_PASSWORD) to a keystore holding a "
                + "certificate the brokers trust, or test through a listener that needs none.";
        if (clientCertificate.isEmpty()) {
            return new StageFailure(Stage.TLS, who + " asks for a client certificate" + accepted + " (mutual TLS) and "
                    + "none was given (" + evidence + ")", fix);
        }
        Optional<String> sent = request.flatMap(TlsClient.ClientCertificateRequest::presented);
        if (request.isPresent() && sent.isEmpty()) {
            return new StageFailure(Stage.TLS, who + " asks for a client certificate" + accepted + " (mutual TLS); "
                    + "the one in KAFKA_CLIENT_KEYSTORE (" + clientCertificate.get() + ") is not, so none was sent ("
                    + evidence + ")", fix);
        }
        return new StageFailure(Stage.TLS, who + " refused the client certificate from KAFKA_CLIENT_KEYSTORE ("
                + sent.orElse(clientCertificate.get()) + "): " + evidence, "The brokers must trust the CA that issued "
                + "the client certificate (their ssl.truststore), and the certificate must be valid today.");
    }

    private StageFailure handshakeFailure(IOException error, String who) {
        if (error instanceof javax.net.ssl.SSLException) {
            Optional<StageFailure> refusedClient = clientCertificateRefused(error.getMessage(), who);
            if (refusedClient.isPresent()) {
                return refusedClient.get();
            }
        }
        String tlsHint = tls.isPresent() ? "" : " If the listener uses TLS (SSL or SASL_SSL), set KAFKA_SSL_ENABLED "
                + "to true.";
        if (error instanceof KafkaWire.NotKafkaException) {
            boolean looksTls = error.getMessage().contains("speaks TLS");
            return new StageFailure(Stage.HANDSHAKE, who + " answered ApiVersions with " + error.getMessage()
                    + ", not like a Kafka broker", looksTls && tls.isEmpty()
                    ? "The listener uses TLS: set KAFKA_SSL_ENABLED to true."
                    : "Check that the address is a Kafka listener." + tlsHint);
        }
        if (tls.isPresent() && session.attachment(TlsClient.ClientCertificateRequest.class).isPresent()) {
            // The broker asked for a client certificate, then dropped the connection before answering: with TLS 1.3
            // that is how a refused (or missing) client certificate shows when the alert is lost to the reset.
            return clientCertificateFailure("it closed the connection after the TLS handshake: " + error.getMessage(),
                    who);
        }
        String what = error instanceof EOFException ? "closed the connection" : "failed (" + error.getMessage() + ")";
        return new StageFailure(Stage.HANDSHAKE, who + " " + what + " without answering ApiVersions, the first "
                + "request of every Kafka client", "Check that the address is a Kafka listener." + tlsHint);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the probe closes what is left at the end.
        }
    }
}
