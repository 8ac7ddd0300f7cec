package dev.dialtone.probe.rest;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.Http11;
import dev.dialtone.probe.http.ServerText;
import dev.dialtone.probe.oauth2.AccessTokenSource;
import dev.dialtone.probe.oauth2.TokenEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One test of a registered REST type: the token exchange when the connection has a grant (AUTHENTICATE), then the
 * validation call (AUTHORIZE), judged as Glue's ResponseConfiguration says: HTTP 2xx, a value at ResultPath and
 * nothing at ErrorPath. Every request goes through {@link DialedHttp}; redirects are never followed.
 */
final class RestPlan implements TestPlan {
    // Jackson as the provider: strict JSON (json-smart, Jayway's default, takes "<html>" for a string).
    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new com.jayway.jsonpath.spi.json.JacksonJsonProvider())
            .mappingProvider(new com.jayway.jsonpath.spi.mapper.JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS).build();

    /** How the validation call authenticates. */
    sealed interface Credential {
        record None() implements Credential {
        }

        record Basic(String user, String password) implements Credential {
            @Override
            public String toString() {
                return "Basic[****]";
            }
        }

        record Custom(List<RestRequestBuilder.Placed> parameters) implements Credential {
            @Override
            public String toString() {
                return "Custom[****]";
            }
        }

        /** An access token, given or exchanged for. */
        record OAuth2(AccessTokenSource source) implements Credential {
        }
    }

    private final RestDeclaration declaration;
    private final RestRequestBuilder.Request request;
    private final Credential credential;
    private final TlsClient.Settings tls;
    private final Set<String> secrets;

    RestPlan(RestDeclaration declaration, RestRequestBuilder.Request request, Credential credential,
            TlsClient.Settings tls, Set<String> secrets) {
        this.declaration = declaration;
        this.request = credential instanceof Credential.Custom custom ? request.with(custom.parameters()) : request;
        this.credential = credential;
        this.tls = tls;
        this.secrets = secrets;
        // Placeholders are filled now: a missing PATH value is refused before any socket opens.
        this.request.uri();
    }

    @Override
    public String destination() {
        return credential instanceof Credential.OAuth2 oauth2
                && oauth2.source() instanceof AccessTokenSource.Exchange exchange ? exchange.tokenUrl().origin()
                : request.endpoint().origin();
    }

    @Override
    public Set<String> secrets() {
        return Collections.unmodifiableSet(secrets);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        DialedHttp http = new DialedHttp(session, tls);
        String authorization = null;
        if (credential instanceof Credential.OAuth2 oauth2
                && oauth2.source() instanceof AccessTokenSource.Exchange exchange) {
            session.detail("token endpoint", exchange.tokenUrl().withoutQuery());
            exchange.override().ifPresent(o -> session.detail("token origin override", o));
            session.detail("grant", exchange.grant().words());
            authorization = "Bearer " + TokenEndpoint.exchange(http, exchange, secrets).accessToken();
        } else if (credential instanceof Credential.OAuth2 oauth2
                && oauth2.source() instanceof AccessTokenSource.Given given) {
            session.detail("grant", "none: the access token given was used as it is");
            authorization = "Bearer " + given.accessToken();
        } else if (credential instanceof Credential.Basic basic) {
            authorization = "Basic " + Base64.getEncoder().encodeToString((basic.user() + ":" + basic.password())
                    .getBytes(StandardCharsets.UTF_8));
            secrets.add(authorization.substring(6));
        }
        RestRequestBuilder.Request call = authorization == null ? request
                : request.with(List.of(new RestRequestBuilder.Placed("HEADER", "Authorization", authorization)));
        java.net.URI uri = call.uri();
        session.detail("validation request", call.method() + " " + request.endpoint().origin()
                + Optional.ofNullable(uri.getRawPath()).orElse("/"));
        call.override().ifPresent(o -> session.detail("origin override", o));
        byte[] body = call.body() == null && call.method().equals("POST") ? new byte[0] : call.body();
        Http11.Answer answer = http.send(request.endpoint(), call.method(), uri, call.headers(), body,
                Stage.AUTHORIZE, "the validation endpoint", declaration.url().map(ConnectorProperty::name).orElse("Url"));
        judge(answer, uri);
    }

    private void judge(Http11.Answer answer, java.net.URI uri) throws StageFailure {
        int status = answer.status();
        // Where the call went, and why there when an origin override moved it.
        String where = request.endpoint().origin() + Optional.ofNullable(uri.getRawPath()).orElse("/")
                + request.override().map(o -> " (origin override " + o + ")").orElse("");
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        Optional<DocumentContext> json = parse(body);
        Optional<String> error = json.flatMap(doc -> declaration.validation().errorPath().map(path -> doc.read(path)))
                .filter(RestPlan::present).map(value -> ServerText.clean(String.valueOf(value), secrets));
        String said = error.map(e -> ": " + e).orElse("");
        if (status >= 300 && status < 400) {
            throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + ", a redirect"
                    + Optional.ofNullable(answer.header("Location")).map(l -> " to " + ServerText.clean(l, secrets))
                    .orElse("") + ", which Dialtone does not follow (it would carry the credentials elsewhere)",
                    "Set the Url to the API's own address.");
        }
        if (status == 401) {
            throw new StageFailure(Stage.AUTHENTICATE, where + " did not accept the credentials" + said + " (HTTP 401)",
                    "Check the connection's credentials (and that they are for this API and environment).");
        }
        if (status == 403) {
            throw new StageFailure(Stage.AUTHORIZE, where + " accepted the credentials but refused the request"
                    + said + " (HTTP 403)", "Give the credentials the permission or scope the validation call needs.");
        }
        if (status < 200 || status >= 300) {
            throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + (said.isEmpty()
                    ? excerpt(body) : said), "Check the Url and the type's RequestPath.");
        }
        if (json.isEmpty()) {
            throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + " with something other than "
                    + "JSON" + excerpt(body), "Check the Url: it must name the JSON API the type declares.");
        }
        if (error.isPresent()) {
            throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + " with an error at "
                    + declaration.validation().errorPath().orElse("") + said,
                    "Check the connection's credentials and properties.");
        }
        Optional<String> resultPath = declaration.validation().resultPath();
        if (resultPath.isPresent()) {
            Object result = json.get().read(resultPath.get());
            if (result == null) {
                throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + " without a value at "
                        + resultPath.get(), "The API answered, but not with what the type's ResultPath expects: "
                        + "check the credentials (an anonymous answer) and the type's ResponseConfiguration.");
            }
        }
    }

    private static Optional<DocumentContext> parse(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonPath.using(PATHS).parse(body));
        } catch (InvalidJsonException e) {
            return Optional.empty();
        }
    }

    /** An ErrorPath value that says something: not null, false, an empty string or an empty list. */
    private static boolean present(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        if (value instanceof Collection<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    private String excerpt(String body) {
        String text = ServerText.clean(body, secrets);
        return text.isEmpty() ? "" : " (" + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + ")";
    }
}
