package dev.dialtone.probe.http;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of one HTTP/1.1 exchange on a connection Dialtone opened: one request with
 * {@code Connection: close}, one response read by Content-Length, chunked coding or end of stream.
 * Deliberately small: no keep-alive, no compression, no redirects, bounded sizes.
 */
public final class Http11 {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_BODY = 1024 * 1024;
    // Set here from the connection itself; a value from elsewhere could contradict the framing.
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding");

    /** The first line of a response. */
    public record StatusLine(int code, String reason) {
    }

    /** A whole response as bytes, for protocols whose bodies are not text (CBOR) or not Nimbus' business. */
    public record Answer(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header (names in lower case), or null. */
        public String header(String name) {
            return first(headers, name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, charset(header("content-type")));
        }
    }

    /** The answer breaks HTTP's rules or Dialtone's bounds; the message says how. */
    public static class MalformedAnswerException extends IOException {
        MalformedAnswerException(String message) {
            super(message);
        }
    }

    /** The peer answered, but not with HTTP. */
    public static final class NotHttpException extends MalformedAnswerException {
        NotHttpException(String message) {
            super(message);
        }
    }

    private Http11() {
    }

    /**
     * Writes {@code request}; header values with line breaks are refused (they would inject headers).
     * Failures while reading are an EOFException (the peer closed early; its message is a predicate such as
     * "closed the connection without answering"), a {@link MalformedAnswerException}, or the socket's own.
     */
    static void write(OutputStream out, ReadOnlyHTTPRequest request, String authority) throws IOException {
        byte[] body = request.getBody() == null ? null : request.getBody().getBytes(StandardCharsets.UTF_8);
        write(out, request.getMethod().name(), request.getURI(), request.getHeaderMap(), body, authority);
    }

    /**
     * Writes one request from its parts: {@code headers} as given (Host, Connection and the framing headers
     * excepted, which come from the connection), User-Agent and Accept defaulted when absent.
     */
    public static void write(OutputStream out, String method, URI uri, Map<String, List<String>> headers,
            byte[] body, String authority) throws IOException {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        header(head, "Host", authority);
        Set<String> given = new java.util.HashSet<>();
        headers.keySet().forEach(name -> given.add(name.toLowerCase(Locale.ROOT)));
        if (!given.contains("user-agent")) {
            header(head, "User-Agent", "Dialtone");
        }
        if (!given.contains("accept")) {
            header(head, "Accept", "application/json");
        }
        header(head, "Connection", "close");
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (!OWN_HEADERS.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : entry.getValue()) {
                    header(head, entry.getKey(), value);
                }
            }
        }
        if (body != null) {
            header(head, "Content-Length", String.valueOf(body.length));
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private static void header(StringBuilder head, String name, String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IOException("refusing to send header " + name + ": its value contains a line break");
            }
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    /** Reads the status line, skipping interim 1xx responses. */
    public static StatusLine readStatus(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in, true);
            if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
                throw new NotHttpException("the answer does not start like HTTP/1.x");
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new NotHttpException("the status line has no status code");
            }
            String reason = line.length() > 13 ? line.substring(13) : "";
            if (code >= 200 || code == 101) {
                return new StatusLine(code, reason);
            }
            readHeaders(in);
        }
    }

    /** Reads headers and body after {@code status} (Nimbus sends no HEAD requests, so a body may follow any status). */
    static HTTPResponse readRest(InputStream in, StatusLine status) throws IOException {
        Answer answer = readAnswer(in, status);
        HTTPResponse response = new HTTPResponse(status.code());
        response.setStatusMessage(status.reason());
        answer.headers().forEach((name, values) -> response.setHeader(name, values.toArray(String[]::new)));
        if (answer.body().length > 0) {
            response.setBody(answer.text());
        }
        return response;
    }

    /** Reads headers (names in lower case) and the body after {@code status}, as bytes. */
    public static Answer readAnswer(InputStream in, StatusLine status) throws IOException {
        Map<String, List<String>> headers = readHeaders(in);
        byte[] body;
        String transfer = first(headers, "transfer-encoding");
        String length = first(headers, "content-length");
        if (status.code() == 204 || status.code() == 304) {
            body = new byte[0];
        } else if (transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (length != null) {
            body = readExactly(in, contentLength(length));
        } else {
            body = readToEnd(in);
        }
        return new Answer(status.code(), status.reason(), headers, body);
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (count >= MAX_HEADERS || colon <= 0) {
                throw new MalformedAnswerException(count >= MAX_HEADERS ? "more than " + MAX_HEADERS + " headers"
                        : "a malformed header");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int contentLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0 || length > MAX_BODY) {
                throw new MalformedAnswerException("a Content-Length of " + length + ", beyond the " + MAX_BODY
                        + "-byte limit");
            }
            return (int) length;
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException("a malformed Content-Length");
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(in, false);
            int extension = line.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension >= 0 ? line.substring(0, extension) : line).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedAnswerException("a malformed chunk size");
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new MalformedAnswerException("a body larger than " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                readHeaders(in); // trailers
                return body.toByteArray();
            }
            body.write(readExactly(in, size));
            if (!readLine(in, false).isEmpty()) {
                throw new MalformedAnswerException("a chunk longer than announced");
            }
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("closed the connection after " + bytes.length + " of the " + length
                    + " bytes announced");
        }
        return bytes;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new MalformedAnswerException("a body larger than " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    /** One CRLF- (or LF-) terminated line, as ISO-8859-1; at end of stream, an EOFException. */
    private static String readLine(InputStream in, boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(first && line.length() == 0 ? "closed the connection without answering"
                        : "closed the connection in the middle of the answer");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw first ? new NotHttpException("the answer does not start like HTTP/1.x")
                        : new MalformedAnswerException("a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim().replace("\"", ""));
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
