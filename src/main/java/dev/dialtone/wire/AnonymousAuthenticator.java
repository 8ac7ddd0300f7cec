package dev.dialtone.wire;

import dev.dialtone.glue.Caller;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;

/**
 * The laptop mode: any key is accepted, signed or not, as LocalStack and moto do. The signature is
 * not checked, but its credential scope still names the region, and so which regional catalog the
 * request reaches, as it would in AWS.
 */
public final class AnonymousAuthenticator implements Authenticator {
    // Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request, in the header or the presigned query.
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]*/\\d{8}/([a-z0-9-]{1,64})/[^/,\\s]+/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("(?:^|&)X-Amz-Credential=[^&%/]*(?:/|%2F)\\d{8}(?:/|%2F)"
            + "([a-z0-9-]{1,64})(?:/|%2F)", Pattern.CASE_INSENSITIVE);

    @Override
    public Caller authenticate(Request request, byte[] body) {
        return Caller.anonymous(region(request), Request.getRemoteAddr(request));
    }

    /** The region of the request's SigV4 credential scope, when it has one. */
    static Optional<String> region(Request request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null) {
            Matcher header = SCOPE.matcher(authorization);
            if (header.find()) {
                return Optional.of(header.group(1));
            }
        }
        String query = request.getHttpURI().getQuery();
        if (query != null) {
            Matcher presigned = QUERY_SCOPE.matcher(query);
            if (presigned.find()) {
                return Optional.of(presigned.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
