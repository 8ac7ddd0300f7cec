package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.ServerText;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.util.Optional;
import java.util.Set;

/** The AUTHENTICATE stage: exchanges the grant for an access token, and puts a refusal in plain words. */
final class TokenEndpoint {
    private static final String CLIENT_HINT = "Check OAuth2ClientApplication.UserManagedClientApplicationClientId and "
            + "the client secret (OAuth2Credentials.UserManagedClientApplicationClientSecret, or "
            + "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET in the secret).";

    private TokenEndpoint() {
    }

    /**
     * @param secrets the values to keep out of messages; the tokens issued are added to it
     */
    static IssuedToken exchange(DialedHttp http, AccessTokenSource.Exchange exchange, Set<String> secrets)
            throws StageFailure {
        HTTPResponse response = http.exchange(exchange.tokenUrl(), exchange.request().toHTTPRequest(),
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
            throw new StageFailure(Stage.AUTHENTICATE, "the token endpoint answered HTTP " + status + " with "
                    + Optional.ofNullable(response.getHeaderValue("Content-Type")).orElse("no Content-Type")
                    + ", which is not an OAuth2 token response (" + ServerText.clean(e.getMessage(), secrets) + ")",
                    "Check that TokenUrl is the token endpoint, e.g. " + TokenSourceReader.DEFAULT_TOKEN_URL + ".");
        }
        if (!parsed.indicatesSuccess()) {
            throw refusal(parsed.toErrorResponse().getErrorObject(), status, exchange, secrets);
        }
        AccessTokenResponse success = parsed.toSuccessResponse();
        AccessToken token = success.getTokens().getAccessToken();
        secrets.add(token.getValue());
        boolean refreshIssued = success.getTokens().getRefreshToken() != null;
        if (refreshIssued) {
            secrets.add(success.getTokens().getRefreshToken().getValue());
        }
        return new IssuedToken(token.getValue(),
                Optional.ofNullable(token.getScope()).map(Object::toString),
                token.getLifetime() > 0 ? Optional.of(token.getLifetime()) : Optional.empty(),
                text(success, "instance_url"), text(success, "id"), refreshIssued);
    }

    private static Optional<String> text(AccessTokenResponse response, String name) {
        return Optional.ofNullable(response.getCustomParameters().get(name)).filter(String.class::isInstance)
                .map(String.class::cast).filter(value -> !value.isBlank());
    }

    /** An OAuth2 error answer, in words, with the server's own description. */
    static StageFailure refusal(ErrorObject error, int status, AccessTokenSource.Exchange exchange,
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
