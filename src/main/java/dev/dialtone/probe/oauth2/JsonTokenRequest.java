package dev.dialtone.probe.oauth2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.util.List;
import java.util.Map;

/**
 * A token request declared with ContentType APPLICATION_JSON: the same parameters RFC 6749 puts in a form (grant,
 * client id and secret, scope, the type's and the connection's extra parameters), sent as one JSON object instead.
 * Nimbus builds the request; this only re-encodes its body.
 */
final class JsonTokenRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTokenRequest() {
    }

    static HTTPRequest of(HTTPRequest form) {
        Map<String, List<String>> parameters;
        try {
            parameters = form.getBodyAsFormParameters();
        } catch (ParseException e) {
            throw new IllegalStateException("a token request Nimbus built is not a form", e);
        }
        ObjectNode body = JSON.createObjectNode();
        // A parameter given twice (none of the grants does) keeps its last value: JSON members are unique.
        parameters.forEach((name, values) -> values.forEach(value -> body.put(name, value)));
        HTTPRequest json = new HTTPRequest(form.getMethod(), form.getURI());
        form.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                json.setHeader(name, values.toArray(String[]::new));
            }
        });
        json.setEntityContentType(ContentType.APPLICATION_JSON);
        json.setBody(body.toString());
        return json;
    }
}
