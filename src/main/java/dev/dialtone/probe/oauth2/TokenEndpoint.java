package dev.dialtone.probe.oauth2;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.ServerText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AUTHENTICATE stage of every OAuth2 tester (SALESFORCE, the REST types): exchanges the grant for an access
 * token through the dialer, and puts a refusal in plain words with the server's own error.
 */
public final class TokenEndpoint {
    private static final String CLIENT_HINT = "Check OAuth2ClientApplication.UserManagedClientApplicationClientId and "
            + "the client secret (OAuth2Credentials.UserManagedClientApplicationClientSecret, or "
            + "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET in the secret).";

    private TokenEndpoint() {
    }

    /**
     * @param secrets the values to keep out of messages; the tokens issued are added to it
     */
    public static IssuedToken exchange(DialedHttp http, AccessTokenSource.Exchange exchange, Set<String> secrets)
            throws StageFailure {
        HTTPResponse response = http.exchange(exchange.tokenUrl(), exchange.form().encode(exchange.request()),
                Stage.AUTHENTICATE, "the token endpoint", "TokenUrl");
        int status = response.getStatusCode();
        if (status >= 300 && status < 400) {
            throw new StageFailure(Stage.AUTHENTICATE, "the token endpoint answered HTTP " + status + ", a redirect to "
                    + Optional.ofNullable(response.getHeaderValue("Location")).map(l -> ServerText.clean(l, secrets))
                    .orElse("nowhere") + ", which Dialtone does not follow (it would carry the credentials elsewhere)",
                    "Set TokenUrl to the token endpoint itself.");
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            Optional<ErrorObject> error = errorMember(response);
            if (error.isPresent()) {
                throw refusal(error.get(), status, exchange, secrets);
            }
            Optional<AccessTokenResponse> typed = otherTokenType(response);
            if (typed.isPresent()) {
                return issued(typed.get(), secrets);
            }
            throw new StageFailure(Stage.AUTHENTICATE, "the token endpoint answered HTTP " + status + " with "
                    + Optional.ofNullable(response.getHeaderValue("Content-Type")).orElse("no Content-Type")
                    + ", which is not an OAuth2 token response (" + ServerText.clean(e.getMessage(), secrets) + ")",
                    "Check that TokenUrl is the token endpoint of the authorization server.");
        }
        if (!parsed.indicatesSuccess()) {
            throw refusal(parsed.toErrorResponse().getErrorObject(), status, exchange, secrets);
        }
        return issued(parsed.toSuccessResponse(), secrets);
    }

    private static IssuedToken issued(AccessTokenResponse success, Set<String> secrets) {
        AccessToken token = success.getTokens().getAccessToken();
        secrets.add(token.getValue());
        boolean refreshIssued = success.getTokens().getRefreshToken() != null;
        if (refreshIssued) {
            secrets.add(success.getTokens().getRefreshToken().getValue());
        }
        Map<String, String> extras = new LinkedHashMap<>();
        success.getCustomParameters().forEach((name, value) -> {
            if (value instanceof String text) {
                extras.put(name, text);
            }
        });
        return new IssuedToken(token.getValue(),
                Optional.ofNullable(token.getScope()).map(Object::toString),
                token.getLifetime() > 0 ? Optional.of(token.getLifetime()) : Optional.empty(), refreshIssued, extras);
    }

    /**
     * A 2xx token answer whose {@code token_type} is not {@code Bearer}, which Nimbus refuses: Slack names its
     * tokens {@code bot} or {@code user}, and they are sent as bearer tokens all the same. Read as a bearer token.
     */
    private static Optional<AccessTokenResponse> otherTokenType(HTTPResponse response) {
        if (response.getStatusCode() / 100 != 2) {
            return Optional.empty();
        }
        try {
            net.minidev.json.JSONObject body = response.getBodyAsJSONObject();
            if (body.get("access_token") instanceof String && body.get("token_type") instanceof String type
                    && !type.equalsIgnoreCase("Bearer")) {
                net.minidev.json.JSONObject asBearer = new net.minidev.json.JSONObject(body);
                asBearer.put("token_type", "Bearer");
                return Optional.of(AccessTokenResponse.parse(asBearer));
            }
        } catch (ParseException notATokenAnswer) {
            // The caller says what it is.
        }
        return Optional.empty();
    }

    /**
     * An error in an answer that is no RFC 6749 error response: a JSON object with a text {@code error} member,
     * whatever the status. Slack's token endpoint answers {@code 200 {"ok":false,"error":"invalid_refresh_token"}};
     * without this its own word would be lost behind "not an OAuth2 token response".
     */
    private static Optional<ErrorObject> errorMember(HTTPResponse response) {
        try {
            Map<String, Object> body = response.getBodyAsJSONObject();
            if (body.get("error") instanceof String code && !code.isBlank() && !body.containsKey("access_token")) {
                Object description = body.get("error_description");
                return Optional.of(new ErrorObject(code, description instanceof String text ? text : null));
            }
        } catch (ParseException notJson) {
            // Not a JSON object: the caller says what it is.
        }
        return Optional.empty();
    }

    /** An OAuth2 error answer, in words, with the server's own description. */
    private static StageFailure refusal(ErrorObject error, int status, AccessTokenSource.Exchange exchange,
            Set<String> secrets) {
        String code = error.getCode();
        String said = Optional.ofNullable(error.getDescription()).filter(d -> !d.isBlank())
                .map(d -> ": " + ServerText.clean(d, secrets)).orElse("");
        String tail = said + " (" + (code == null ? "" : "error " + ServerText.clean(code, secrets) + ", ")
                + "HTTP " + status + ")";
        GrantKind grant = exchange.grant();
        if (code == null) {
            return new StageFailure(Stage.AUTHENTICATE, "the token endpoint answered HTTP " + status
                    + " without an OAuth2 error", "Check TokenUrl, and that the authorization server is healthy.");
        }
        return switch (code) {
            case "invalid_client" -> new StageFailure(Stage.AUTHENTICATE,
                    "the token endpoint did not accept the client application" + tail, CLIENT_HINT);
            case "invalid_grant" -> new StageFailure(Stage.AUTHENTICATE, grant.invalidGrantReason() + tail,
                    grant.invalidGrantHint(exchange.assertionExpiry()));
            case "unauthorized_client" -> new StageFailure(Stage.AUTHENTICATE,
                    "the client application is not allowed to use the " + grant.words() + " grant" + tail,
                    "Allow the " + grant.words() + " flow in the connected app's OAuth policies, or choose another "
                            + "OAuth2GrantType.");
            case "unsupported_grant_type" -> new StageFailure(Stage.AUTHENTICATE,
                    "the token endpoint does not support the " + grant.words() + " grant" + tail,
                    "Check OAuth2GrantType, and that TokenUrl is the token endpoint of the right authorization "
                            + "server.");
            case "invalid_request" -> new StageFailure(Stage.AUTHENTICATE,
                    "the token endpoint found the token request malformed" + tail,
                    "Check TokenUrlParametersMap and the OAuth2 properties.");
            case "invalid_scope" -> new StageFailure(Stage.AUTHENTICATE,
                    "the token endpoint refused the requested scope" + tail,
                    "Check the scope in TokenUrlParametersMap against the connected app's OAuth scopes.");
            case "server_error", "temporarily_unavailable" -> new StageFailure(Stage.AUTHENTICATE,
                    "the token endpoint could not answer" + tail, "Try again later; the authorization server is "
                            + "having trouble.");
            default -> new StageFailure(Stage.AUTHENTICATE, "the token endpoint refused the " + grant.words()
                    + " grant" + tail, "Check the OAuth2 properties.");
        };
    }
}
