package dev.dialtone.wire;

import dev.dialtone.glue.ErrorCode;
import dev.dialtone.glue.GlueException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;

/**
 * The SigV4 claims of a request, from its {@code Authorization} header or its presigned query string:
 * who signed it, when, for which region and service, over which headers, and the signature. Parsing
 * checks only the form; {@link SigV4Authenticator} checks the claims.
 *
 * @param query the request's query parameters, decoded, in order (the signature is recomputed over them)
 */
record SigV4Authorization(String accessKeyId, String scopeDate, String region, String service,
        List<String> signedHeaders, String signature, String amzDate, Instant signedAt,
        Optional<String> securityToken, boolean presigned, Optional<Duration> expires,
        Map<String, List<String>> query) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern HEADER_PART = Pattern.compile("(Credential|SignedHeaders|Signature)=([^,\\s]*)");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final long MAX_EXPIRES = Duration.ofDays(7).toSeconds();

    /** @return empty when the request carries no authentication at all */
    static Optional<SigV4Authorization> of(Request request) {
        Map<String, List<String>> query = query(request.getHttpURI().getQuery());
        String header = request.getHeaders().get("Authorization");
        boolean presigned = query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Signature")
                || query.containsKey("X-Amz-Credential");
        if (header == null && !presigned) {
            return Optional.empty();
        }
        if (header != null && presigned) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        return Optional.of(header != null ? fromHeader(header, request, query) : fromQuery(query));
    }

    private static SigV4Authorization fromHeader(String header, Request request, Map<String, List<String>> query) {
        Map<String, String> parts = new LinkedHashMap<>();
        String trimmed = header.trim();
        if (trimmed.startsWith(ALGORITHM + " ")) {
            Matcher part = HEADER_PART.matcher(trimmed.substring(ALGORITHM.length()));
            while (part.find()) {
                parts.putIfAbsent(part.group(1), part.group(2));
            }
        }
        String amzDate = request.getHeaders().get("X-Amz-Date");
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(name) || parts.get(name).isEmpty()) {
                missing.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (amzDate == null) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing));
        }
        return build(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), amzDate,
                Optional.ofNullable(request.getHeaders().get("X-Amz-Security-Token")), false, Optional.empty(), query);
    }

    private static SigV4Authorization fromQuery(Map<String, List<String>> query) {
        List<String> required = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
                "X-Amz-SignedHeaders", "X-Amz-Date");
        if (required.stream().anyMatch(name -> single(query, name).isEmpty())) {
            throw incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
                    + "'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'. Re-examine the query-string parameters.");
        }
        if (!ALGORITHM.equals(single(query, "X-Amz-Algorithm").get())) {
            throw incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        Optional<Duration> expires = Optional.empty();
        Optional<String> expiresText = single(query, "X-Amz-Expires");
        if (expiresText.isPresent()) {
            long seconds = expiresText.get().matches("\\d{1,7}") ? Long.parseLong(expiresText.get()) : -1;
            if (seconds < 1 || seconds > MAX_EXPIRES) {
                throw incomplete("X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES
                        + " (a week), not '" + expiresText.get() + "'");
            }
            expires = Optional.of(Duration.ofSeconds(seconds));
        }
        return build(single(query, "X-Amz-Credential").get(), single(query, "X-Amz-SignedHeaders").get(),
                single(query, "X-Amz-Signature").get(), single(query, "X-Amz-Date").get(),
                single(query, "X-Amz-Security-Token"), true, expires, query);
    }

    private static SigV4Authorization build(String credential, String signedHeaders, String signature, String amzDate,
            Optional<String> token, boolean presigned, Optional<Duration> expires, Map<String, List<String>> query) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw incomplete("Credential must have the form <access key>/<date>/<region>/<service>/aws4_request, "
                    + "not '" + credential + "'");
        }
        if (!scope[4].equals("aws4_request")) {
            throw incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4]
                    + "'.");
        }
        if (!REGION.matcher(scope[2]).matches()) {
            throw incomplete("Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
        }
        if (!scope[3].equals("glue")) {
            throw incomplete("Credential should be scoped to correct service: 'glue'. ");
        }
        if (!scope[1].matches("\\d{8}")) {
            throw incomplete("Credential date '" + scope[1] + "' must be yyyyMMdd");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See "
                    + "http://en.wikipedia.org/wiki/ISO_8601");
        }
        List<String> headers = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!headers.contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw incomplete("Signature must be 64 lower-case hexadecimal digits.");
        }
        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature, amzDate, signedAt,
                token, presigned, expires, query);
    }

    /** Query parameters decoded as SigV4 reads them ({@code +} is a plus, not a space), order kept. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw incomplete("The query string is not validly percent-encoded.");
        }
    }

    private static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    static GlueException incomplete(String message) {
        return new GlueException(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }
}
