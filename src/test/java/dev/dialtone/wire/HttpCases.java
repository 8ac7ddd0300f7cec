package dev.dialtone.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written malformed HTTP requests for the corpus: framing, request line, headers, Host, CORS, methods and
 * paths. Each is {name, X-Amz-Target it carries, raw request}. Every one gets an answer (none hangs the client
 * past the corpus server's short idle timeout). No HEAD: its answer has no body to check.
 */
final class HttpCases {
    private static final String TYPE = "Content-Type: application/x-amz-json-1.1\r\n";

    private HttpCases() {
    }

    static List<String[]> all() {
        List<String[]> cases = new ArrayList<>();
        String target = "AWSGlue.GetConnections";
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + target + "\r\n" + TYPE;
        for (String size : List.of("zz", "-1", "-2", "ffffffffffffffffff", "0x2", "2;ext=\"x", " 2", "2 2", "", "+2",
                "1_0", "\u00ff", "18446744073709551617", "2\u0000")) {
            add(cases, "chunk-size " + size, target, head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n{}\r\n0\r\n\r\n");
        }
        add(cases, "chunk without CRLF", target, head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n");
        add(cases, "chunk longer than size", target, head + "Transfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n");
        add(cases, "bad trailer", target, head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nBad Trailer\r\n\r\n");
        for (String te : List.of("gzip", "chunked, gzip", "gzip, chunked", "identity", "chunked\u0000", "xchunked",
                "chunked;q=1", "CHUNKED, chunked")) {
            add(cases, "transfer-encoding " + te, target, head + "Transfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n");
        }
        for (String length : List.of("abc", "-1", "1.5", "2, 3", "99999999999999999999", " ", "0x2", "+2", "2 2")) {
            add(cases, "content-length " + length, target, head + "Content-Length: " + length + "\r\n\r\n{}");
        }
        add(cases, "two content-lengths", target, head + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x");
        add(cases, "length and chunked", target, head + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        add(cases, "declared 2 MiB", target, head + "Content-Length: 2097152\r\n\r\n{}");
        add(cases, "body never completes", target, head + "Content-Length: 50\r\n\r\n{\"a\"");
        add(cases, "chunked body never completes", target, head + "Transfer-Encoding: chunked\r\n\r\n40\r\n{}");
        for (String line : List.of("POST / HTTP/7.3", "POST / HTTP/1.1 extra", "POST /  HTTP/1.1", "POST / HTTP/1",
                "POST / HTTP/1.10", "POST / http/1.1", "POST / HTTP/2.0", "POST / PRI/1.1", "POST /", "POST",
                "P@ST / HTTP/1.1", "POST\t/\tHTTP/1.1", " POST / HTTP/1.1", "POST /%zz HTTP/1.1", "POST /%00 HTTP/1.1",
                "POST /../../etc/passwd HTTP/1.1", "POST http://evil.example/ HTTP/1.1", "POST * HTTP/1.1",
                "POST //x HTTP/1.1", "POST /?a=%zz HTTP/1.1", "POST /\u00ff HTTP/1.1", "POST /" + "a".repeat(9000)
                        + " HTTP/1.1", "GET / HTTP/1.1", "PUT / HTTP/1.1", "DELETE / HTTP/1.1", "PATCH / HTTP/1.1",
                "TRACE / HTTP/1.1", "CONNECT 127.0.0.1:1 HTTP/1.1", "OPTIONS / HTTP/1.1",
                "BREW / HTTP/1.1", "GET /dialtone/v1/catalogs/%zz/connections/x/tests HTTP/1.1",
                "GET /dialtone/v1/catalogs//connections//tests HTTP/1.1",
                "GET /dialtone/v1/catalogs/000000000000/connections/" + "n".repeat(300) + "/tests HTTP/1.1",
                "GET /dialtone/v1/catalogs/000000000000/connections/a%0Ab/tests HTTP/1.1",
                "POST /dialtone/v1/catalogs/000000000000/connections/x/tests HTTP/1.1",
                "GET /dialtone/v1/catalogs/000000000000/connections/x/tests?limit=-1 HTTP/1.1")) {
            add(cases, "request line " + abbreviate(line), target, line + "\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + target
                    + "\r\n" + TYPE + "Content-Length: 2\r\n\r\n{}");
        }
        for (String header : List.of("Bad Header", "NoColon", ": empty-name", "X-Nul: a\u0000b", "X-Cr: a\rb",
                "X-Obs-Fold: a\r\n b", "X-\u00ff: high", "X-Amz-Target:", "Expect: junk", "Expect: 100-continue, junk",
                "Expect: 200-ok", "X-Big: " + "a".repeat(20_000), "Cookie: " + "c=1; ".repeat(3000),
                "Content-Type: " + "x".repeat(9000), "X-Amz-Target: AWSGlue.GetConnection\r\nX-Amz-Target: AWSGlue.DeleteConnection",
                "Authorization: AWS4-HMAC-SHA256 garbage", "Authorization: AWS4-HMAC-SHA256 Credential=a/20240101/"
                        + "us-east-1\u00ff/glue/aws4_request", "Authorization: " + "A".repeat(7000),
                "X-Amz-Date: not-a-date", "X-Amz-Security-Token: \u0000", "Origin: https://evil.example",
                "Connection: upgrade\r\nUpgrade: h2c", "Connection: keep-alive, close, junk", "Host: 127.0.0.1")) {
            add(cases, "header " + abbreviate(header), target, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: "
                    + target + "\r\n" + TYPE + header + "\r\nContent-Length: 2\r\n\r\n{}");
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        add(cases, "600 headers", target, head + many + "Content-Length: 2\r\n\r\n{}");
        for (String host : List.of("evil.example", "evil.example:4599", "localhost.evil.example", "10.0.0.1", "0.0.0.0",
                "[::2]", "[::ffff:10.0.0.1]", "127.0.0.300", "127.1", ".localhost", "localhost:99999", "localhost:x",
                "[::1", "[::1]junk", "", "169.254.169.254", "a@127.0.0.1", "127.0.0.1\u0000.evil", "127.0.0.1, evil.example",
                "\u00ff", "x".repeat(300))) {
            add(cases, "host " + abbreviate(host), target, "POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: "
                    + target + "\r\n" + TYPE + "Content-Length: 2\r\n\r\n{}");
        }
        add(cases, "two hosts", target, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nX-Amz-Target: "
                + target + "\r\n" + TYPE + "Content-Length: 2\r\n\r\n{}");
        add(cases, "no host", target, "POST / HTTP/1.1\r\nX-Amz-Target: " + target + "\r\n" + TYPE
                + "Content-Length: 2\r\n\r\n{}");
        add(cases, "http/1.0 no host", target, "POST / HTTP/1.0\r\nX-Amz-Target: " + target + "\r\n" + TYPE
                + "Content-Length: 2\r\n\r\n{}");
        for (String origin : List.of("https://evil.example", "null", "http://127.0.0.1:4599", "")) {
            for (String method : List.of("POST", "GET", "PUT", "X")) {
                add(cases, "preflight " + origin + " " + method, "", "OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: "
                        + origin + "\r\nAccess-Control-Request-Method: " + method
                        + "\r\nAccess-Control-Request-Headers: x-amz-target\r\n\r\n");
            }
        }
        add(cases, "junk bytes", "", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n");
        add(cases, "tls client hello", "", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"
                + "a".repeat(40) + "\r\n\r\n");
        add(cases, "h2 preface", "", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        add(cases, "lone LF lines", target, "POST / HTTP/1.1\nHost: 127.0.0.1\nX-Amz-Target: " + target
                + "\nContent-Length: 2\n\n{}");
        add(cases, "pipelined junk after request", target, head + "Content-Length: 2\r\nConnection: close\r\n\r\n{}GARBAGE");
        return cases;
    }

    private static void add(List<String[]> cases, String name, String target, String raw) {
        cases.add(new String[] {name, target, raw});
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[\\p{Cntrl}\\u00ff]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
