package dev.dialtone.probe.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.net.TlsClient;
import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.http.Http11;
import dev.dialtone.probe.http.ServerText;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One Google test: the JWT bearer exchange (AUTHENTICATE), then the product's cheapest read (AUTHORIZE). */
final class GooglePlan implements TestPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleApi api;
    private final ServiceAccountKey key;
    private final EndpointUrl origin;
    private final String project;
    private final Optional<String> bucket;
    private final TlsClient.Settings tls;
    private final Set<String> secrets;

    GooglePlan(GoogleApi api, ServiceAccountKey key, EndpointUrl origin, String project, Optional<String> bucket,
            TlsClient.Settings tls, Set<String> secrets) {
        this.api = api;
        this.key = key;
        this.origin = origin;
        this.project = project;
        this.bucket = bucket;
        this.tls = tls;
        this.secrets = secrets;
    }

    @Override
    public String destination() {
        return key.tokenUri().origin();
    }

    @Override
    public Set<String> secrets() {
        return Collections.unmodifiableSet(secrets);
    }

    @Override
    public void run(ProbeSession session) throws StageFailure {
        DialedHttp http = new DialedHttp(session, tls);
        session.detail("service account", key.clientEmail());
        session.detail("token endpoint", key.tokenUri().withoutQuery());
        String accessToken = token(http);
        session.enter(Stage.AUTHORIZE);
        String path = api.readPath(project, bucket);
        Http11.Answer answer = http.send(origin, "GET", origin.at(path),
                Map.of("Authorization", List.of("Bearer " + accessToken)), null, Stage.AUTHORIZE, api.product,
                api.endpointSetting);
        JsonNode body = json(answer.body());
        if (answer.status() != 200) {
            String said = googleError(body).orElse(answer.reason()) + " (HTTP " + answer.status() + ")";
            String hint = answer.status() == 404 ? "Check PROJECT_ID" + (bucket.isPresent() ? " and BUCKET" : "") + "."
                    : "Grant the service account " + (api == GoogleApi.BIGQUERY ? "bigquery.datasets.list (e.g. "
                    + "BigQuery Metadata Viewer)" : bucket.isPresent() ? "storage.buckets.get" : "storage.buckets.list")
                    + " on project " + project + ".";
            throw new StageFailure(Stage.AUTHORIZE, api.product + " took the token but refused "
                    + origin.origin() + path.replaceAll("\\?.*", "") + ": " + said, hint);
        }
        session.detail("project", project);
        session.detail(api == GoogleApi.BIGQUERY ? "datasets" : "buckets", clean(api.describe(body, bucket)));
    }

    private String token(DialedHttp http) throws StageFailure {
        SignedJWT assertion;
        try {
            Instant now = Instant.now();
            assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId().orElse(null)).build(),
                    new JWTClaimsSet.Builder().issuer(key.clientEmail()).audience(key.tokenUri().uri().toString())
                            .claim("scope", api.scope).issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plusSeconds(3600))).build());
            assertion.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new StageFailure(Stage.AUTHENTICATE, "the JWT could not be signed with the service-account key",
                    "Check the key's private_key.");
        }
        secrets.add(assertion.serialize());
        HTTPResponse response = http.exchange(key.tokenUri(), new TokenRequest(key.tokenUri().uri(),
                new JWTBearerGrant(assertion)).toHTTPRequest(), Stage.AUTHENTICATE, "the token endpoint", "token_uri");
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new StageFailure(Stage.AUTHENTICATE, "the token endpoint " + key.tokenUri().origin() + " answered HTTP "
                    + response.getStatusCode() + " with something other than an OAuth2 token response",
                    "Check the key's token_uri (https://oauth2.googleapis.com/token).");
        }
        if (!parsed.indicatesSuccess()) {
            TokenErrorResponse error = parsed.toErrorResponse();
            String code = error.getErrorObject() == null ? null : error.getErrorObject().getCode();
            String description = error.getErrorObject() == null ? null : error.getErrorObject().getDescription();
            throw new StageFailure(Stage.AUTHENTICATE, "the token endpoint refused the service account's JWT"
                    + (description == null ? "" : ": " + clean(description)) + " (" + (code == null ? ""
                    : "error " + clean(code) + ", ") + "HTTP " + response.getStatusCode() + ")",
                    "Check that the key is current (not deleted or disabled in IAM) and that client_email and "
                            + "private_key come from the same key file.");
        }
        String token = parsed.toSuccessResponse().getTokens().getAccessToken().getValue();
        secrets.add(token);
        return token;
    }

    /** Google's {"error":{"code","message","status"}}. */
    private Optional<String> googleError(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject() && error.hasNonNull("message")) {
            return Optional.of(clean(error.path("status").asText("") + " " + error.get("message").asText()).trim());
        }
        return Optional.empty();
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private String clean(String text) {
        return ServerText.clean(text, secrets);
    }
}
