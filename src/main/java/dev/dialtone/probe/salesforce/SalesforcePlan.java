package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.oauth2.AccessTokenSource;
import dev.dialtone.probe.oauth2.IssuedToken;
import dev.dialtone.probe.oauth2.TokenEndpoint;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.http.ServerText;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One SALESFORCE test: get an access token (AUTHENTICATE, unless one was given), then have the
 * instance's REST API accept it (AUTHORIZE). Every request goes through {@link DialedHttp}.
 */
final class SalesforcePlan implements TestPlan {
    private final AccessTokenSource source;
    private final Optional<EndpointUrl> instanceUrl;
    private final TlsClient.Settings tls;
    private final Set<String> secrets;

    /**
     * @param secrets the credentials given, in a concurrent set: the tokens the run receives are added,
     *                and {@link #secrets()} is a live view of it, so they are redacted too
     */
    SalesforcePlan(AccessTokenSource source, Optional<EndpointUrl> instanceUrl, TlsClient.Settings tls,
            Set<String> secrets) {
        this.source = source;
        this.instanceUrl = instanceUrl;
        this.tls = tls;
        this.secrets = secrets;
    }

    @Override
    public String destination() {
        return source instanceof AccessTokenSource.Exchange exchange ? exchange.tokenUrl().origin()
                : instanceUrl.map(EndpointUrl::origin).orElse("the Salesforce instance");
    }

    @Override
    public Set<String> secrets() {
        return Collections.unmodifiableSet(secrets);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        DialedHttp http = new DialedHttp(session, tls);
        String accessToken;
        Optional<String> namedInstance = Optional.empty();
        if (source instanceof AccessTokenSource.Exchange exchange) {
            session.detail("token endpoint", exchange.tokenUrl().withoutQuery());
            session.detail("grant", exchange.grant().words());
            IssuedToken issued = TokenEndpoint.exchange(http, exchange, secrets);
            session.detail("token", describe(issued));
            issued.extra("id").ifPresent(id -> session.detail("identity", ServerText.clean(id, secrets)));
            accessToken = issued.accessToken();
            namedInstance = issued.extra("instance_url");
        } else {
            session.detail("grant", "none: the access token given was used as it is");
            accessToken = ((AccessTokenSource.Given) source).accessToken();
        }
        EndpointUrl instance = instance(session, namedInstance);
        new RestApi(session, http, instance, accessToken, source instanceof AccessTokenSource.Given, secrets).check();
    }

    private static String describe(IssuedToken issued) {
        List<String> parts = new ArrayList<>();
        parts.add("issued");
        issued.scope().ifPresent(scope -> parts.add("scope " + scope));
        parts.add(issued.expiresInSeconds().map(seconds -> "expires in " + seconds + " s").orElse("no expiry given"));
        if (issued.refreshTokenIssued()) {
            parts.add("with a refresh token");
        }
        return String.join(", ", parts);
    }

    /** INSTANCE_URL when set (what the user configured), else the token response's instance_url. */
    private EndpointUrl instance(ProbeSession session, Optional<String> named) throws StageFailure {
        Optional<String> fromResponse = named.map(url -> ServerText.clean(url, secrets));
        if (instanceUrl.isPresent()) {
            String configured = instanceUrl.get().origin();
            session.detail("instance", configured + fromResponse.filter(url -> !url.replaceAll("/+$", "")
                    .equalsIgnoreCase(configured)).map(url -> " (INSTANCE_URL; the token response names " + url + ")")
                    .orElse(""));
            return instanceUrl.get();
        }
        if (fromResponse.isEmpty()) {
            throw new StageFailure(Stage.AUTHORIZE, "the token response names no instance_url, and INSTANCE_URL is "
                    + "not set", "Set INSTANCE_URL to the Salesforce instance, e.g. "
                    + "https://yourdomain.my.salesforce.com.");
        }
        Optional<EndpointUrl> endpoint;
        try {
            endpoint = EndpointUrl.of(new URI(named.get().trim()), "instance_url");
        } catch (URISyntaxException e) {
            endpoint = Optional.empty();
        }
        if (endpoint.isEmpty()) {
            throw new StageFailure(Stage.AUTHORIZE, "the token response names instance_url " + fromResponse.get()
                    + ", which Dialtone will not call (it must be an https URL)",
                    "Set INSTANCE_URL to the instance's https address.");
        }
        session.detail("instance", endpoint.get().origin() + " (from the token response)");
        return endpoint.get();
    }
}
