package dev.dialtone.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * AWS JSON 1.1 answers, and the one place an error answer is built: {@code {"__type","Message"}} with
 * {@code x-amzn-ErrorType} and {@code x-amzn-RequestId}, for the operations' errors and Jetty's own refusals alike.
 */
final class JsonAnswer {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String REQUEST_ID = "x-amzn-RequestId";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswer() {
    }

    /**
     * Answers {@code status} with the error {@code type} (a short name, never {@code namespace#Name}: the Java SDK
     * matches the header exactly); gives the response a request id unless it already has one.
     */
    static void error(Response response, Callback callback, int status, String type, String message) {
        if (!response.getHeaders().contains(REQUEST_ID)) {
            response.getHeaders().put(REQUEST_ID, RequestIds.next());
        }
        response.getHeaders().put("x-amzn-ErrorType", type);
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("Message", message);
        try {
            write(response, callback, status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }

    /** Writes a complete JSON 1.1 answer. */
    static void write(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
