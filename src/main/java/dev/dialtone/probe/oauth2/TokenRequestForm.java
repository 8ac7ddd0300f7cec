package dev.dialtone.probe.oauth2;

import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.net.URI;

/**
 * How a token request travels: RFC 6749's form body, or the forms some vendors document instead. Nimbus builds the
 * request in every case; the form only re-encodes it.
 */
public enum TokenRequestForm {
    /** {@code application/x-www-form-urlencoded} body (RFC 6749). */
    FORM,
    /**
     * The whole form in the token URL's query and an empty body, as some vendors document their token call (the
     * credentials are then in the URL: it is never logged or reported with its query).
     */
    FORM_IN_QUERY,
    /** The same parameters as one JSON object (ContentType APPLICATION_JSON). */
    JSON,
    /** A GET with the whole form in the token URL's query and no body (RequestMethod GET, as Domo and Meta document). */
    GET;

    public HTTPRequest encode(TokenRequest request) {
        HTTPRequest form = request.toHTTPRequest();
        return switch (this) {
            case FORM -> form;
            case FORM_IN_QUERY -> inQuery(form, form.getMethod());
            case JSON -> JsonTokenRequest.of(form);
            case GET -> inQuery(form, HTTPRequest.Method.GET);
        };
    }

    private static HTTPRequest inQuery(HTTPRequest request, HTTPRequest.Method method) {
        String form = request.getBody() == null ? "" : request.getBody();
        URI uri = request.getURI();
        URI moved = URI.create(uri.toString() + (uri.getRawQuery() == null ? "?" : "&") + form);
        HTTPRequest inQuery = new HTTPRequest(method, moved);
        request.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                inQuery.setHeader(name, values.toArray(String[]::new));
            }
        });
        if (method != HTTPRequest.Method.GET) {
            inQuery.setBody("");
        }
        return inQuery;
    }
}
