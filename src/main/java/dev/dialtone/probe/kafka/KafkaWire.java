package dev.dialtone.probe.kafka;

import dev.dialtone.probe.ProbeSession;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Kafka requests and responses over one socket that the dialer opened (with TLS already negotiated
 * when asked): the size-prefixed framing is ours, every message is kafka-clients' own class. Each
 * read waits at most until the test's deadline.
 */
final class KafkaWire implements Closeable {
    private static final String CLIENT_ID = "dialtone";
    // ApiVersions v3 (Kafka 2.4+) is the first request every client sends; brokers answer it unauthenticated.
    private static final short API_VERSIONS_VERSION = 3;
    // Far above any answer to the requests we send (no topics are asked for), far below anything absurd.
    private static final int LARGEST_RESPONSE = 8 * 1024 * 1024;
    // Reads wait past the deadline: the probe's deadline fires first (closing the socket), so a silent
    // peer is always reported as a timeout naming the stage, never as a read error racing it.
    private static final int READ_SLACK_MILLIS = 1_000;

    private final ProbeSession session;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;
    private ApiVersionsResponse versions;

    KafkaWire(ProbeSession session, Socket socket) throws IOException {
        this.session = session;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Asks which API versions the broker speaks; remembers them to pick versions for later requests. */
    ApiVersionsResponse apiVersions() throws IOException {
        versions = (ApiVersionsResponse) exchange(new ApiVersionsRequest.Builder().build(API_VERSIONS_VERSION));
        return versions;
    }

    /**
     * The newest version of {@code key} both sides speak, or empty when the broker speaks none we do
     * (a broker too old, or a listener that does not serve that API).
     */
    Optional<Short> version(ApiKeys key) {
        if (versions == null) {
            throw new IllegalStateException("ApiVersions first");
        }
        ApiVersion broker = versions.apiVersion(key.id);
        if (broker == null) {
            return Optional.empty();
        }
        short highest = (short) Math.min(broker.maxVersion(), key.latestVersion());
        short lowest = (short) Math.max(broker.minVersion(), key.oldestVersion());
        return highest >= lowest ? Optional.of(highest) : Optional.empty();
    }

    /** Sends one request and reads its response. */
    AbstractResponse exchange(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), CLIENT_ID, ++correlationId);
        ByteBuffer payload = request.serializeWithHeader(header);
        out.writeInt(payload.remaining());
        out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        out.flush();
        socket.setSoTimeout(session.remainingMillis() + READ_SLACK_MILLIS);
        int size = in.readInt();
        if (size <= 0 || size > LARGEST_RESPONSE) {
            throw new NotKafkaException(describeFirstBytes(size));
        }
        byte[] body = new byte[size];
        in.readFully(body);
        try {
            return AbstractResponse.parseResponse(ByteBuffer.wrap(body), header);
        } catch (RuntimeException e) {
            throw new NotKafkaException("an answer to " + request.apiKey().name + " that is not a Kafka response ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    // The first four bytes were read as a size; what they really are tells which service answered.
    private static String describeFirstBytes(int size) {
        byte[] bytes = ByteBuffer.allocate(4).putInt(size).array();
        int first = bytes[0] & 0xff;
        if ((first == 0x15 || first == 0x16) && bytes[1] == 0x03) {
            return "a TLS record: the port speaks TLS";
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "text starting with '" + text + "'" + (text.startsWith("HTTP") ? ": the port speaks HTTP" : "");
        }
        return "bytes that are not a Kafka response";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The peer answered, but not like a Kafka broker. */
    static final class NotKafkaException extends IOException {
        NotKafkaException(String whatCame) {
            super(whatCame);
        }
    }
}
