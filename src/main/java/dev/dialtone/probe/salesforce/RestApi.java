package dev.dialtone.probe.salesforce;

import dev.dialtone.probe.http.DialedHttp;
import dev.dialtone.probe.http.EndpointUrl;
import dev.dialtone.probe.http.ServerText;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;

/**
 * The AUTHORIZE stage: the instance's REST API takes the bearer token. Lists the API versions
 * ({@code /services/data/}), then reads the org's limits with the newest one, which needs a token
 * the instance accepts and a user allowed to use the API.
 */
final class RestApi {
    private static final String VERSIONS = "/services/data/";
    private static final Pattern VERSION_PATH = Pattern.compile("/services/data/v\\d{1,3}\\.\\d{1,2}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,2}");

    private final ProbeSession session;
    private final DialedHttp http;
    private final EndpointUrl instance;
    private final String accessToken;
    private final boolean given;
    private final Set<String> secrets;

    /** @param given the user gave the token (it was not just issued): decides what a rejection means */
    RestApi(ProbeSession session, DialedHttp http, EndpointUrl instance, String accessToken, boolean given,
            Set<String> secrets) {
        this.session = session;
        this.http = http;
        this.instance = instance;
        this.accessToken = accessToken;
        this.given = given;
        this.secrets = secrets;
    }

    void check() throws StageFailure {
        HTTPResponse versions = get(VERSIONS);
        List<Version> listed = versions(versions);
        Version latest = listed.get(listed.size() - 1);
        session.detail("api versions", listed.size() + ", " + listed.get(0).number + " to " + latest.number
                + latest.label.map(label -> " (" + label + ")").orElse(""));
        HTTPResponse limits = get(latest.path + "/limits");
        try {
            JSONObject daily = (JSONObject) limits.getBodyAsJSONObject().get("DailyApiRequests");
            if (daily != null && daily.get("Max") instanceof Number max
                    && daily.get("Remaining") instanceof Number left) {
                session.detail("daily API requests", left + " of " + max + " remaining");
            }
        } catch (ParseException | ClassCastException e) {
            throw new StageFailure(Stage.AUTHORIZE, "the instance's limits resource answered something other than "
                    + "the JSON object Salesforce sends", "Check INSTANCE_URL: it must be a Salesforce instance.");
        }
    }

    private record Version(String number, Optional<String> label, String path) {
        double value() {
            String[] parts = number.split("\\.");
            return Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]) / 100.0;
        }
    }

    private List<Version> versions(HTTPResponse response) throws StageFailure {
        List<Version> versions = new ArrayList<>();
        try {
            for (Object item : response.getBodyAsJSONArray()) {
                if (item instanceof JSONObject version && version.get("version") instanceof String number
                        && VERSION.matcher(number).matches()) {
                    // Only a path of the expected shape is followed: the answer must not steer the next request.
                    String url = version.get("url") instanceof String u && VERSION_PATH.matcher(u).matches() ? u
                            : "/services/data/v" + number;
                    versions.add(new Version(number, Optional.ofNullable(version.get("label"))
                            .map(label -> ServerText.clean(label.toString(), secrets)), url));
                }
            }
        } catch (ParseException e) {
            // Reported below: no versions.
        }
        if (versions.isEmpty()) {
            throw new StageFailure(Stage.AUTHORIZE, instance.origin() + VERSIONS + " lists no REST API versions",
                    "Check INSTANCE_URL: it must be a Salesforce instance.");
        }
        versions.sort(Comparator.comparingDouble(Version::value));
        return versions;
    }

    /** A GET with the bearer token; anything but 200 is a failure explained here. */
    private HTTPResponse get(String path) throws StageFailure {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, instance.at(path));
        request.setAuthorization(new BearerAccessToken(accessToken).toAuthorizationHeader());
        HTTPResponse response = http.exchange(instance, request, Stage.AUTHORIZE, "the Salesforce instance",
                "INSTANCE_URL");
        int status = response.getStatusCode();
        if (status == 200) {
            return response;
        }
        String where = instance.origin() + path;
        String said = salesforceError(response).map(e -> ": " + e).orElse("");
        String error = said + " (HTTP " + status + ")";
        if (status >= 300 && status < 400) {
            throw new StageFailure(Stage.AUTHORIZE, where + " answered with a redirect to "
                    + Optional.ofNullable(response.getHeaderValue("Location")).map(l -> ServerText.clean(l, secrets))
                    .orElse("nowhere") + ", which Dialtone does not follow (it would carry the token elsewhere)",
                    "Set INSTANCE_URL to the instance's own address, e.g. https://yourdomain.my.salesforce.com.");
        }
        if (status == 401) {
            throw new StageFailure(Stage.AUTHORIZE, "the instance rejected the access token as expired or invalid"
                    + expiry().orElse("") + error, given
                    ? "The AccessToken has expired or was revoked: give a fresh one, or a RefreshToken."
                    : "The token was just issued, yet the instance does not accept it: check that TokenUrl belongs to "
                            + "the same org and environment (login or test) as INSTANCE_URL.");
        }
        if (status == 403) {
            throw new StageFailure(Stage.AUTHORIZE, "the instance accepted the token but does not allow this user "
                    + "to use the REST API" + error, "Give the user the 'API Enabled' permission (and 'View Setup and "
                    + "Configuration' for the limits resource), and include the api scope in the connected app.");
        }
        if (status == 404) {
            throw new StageFailure(Stage.AUTHORIZE, where + " was not found" + error,
                    "Check INSTANCE_URL: it must be a Salesforce instance.");
        }
        throw new StageFailure(Stage.AUTHORIZE, where + " answered HTTP " + status + said,
                "Check INSTANCE_URL, and Salesforce's status.");
    }

    /** Salesforce's {@code [{"errorCode": ..., "message": ...}]}, or a bearer error in WWW-Authenticate. */
    private Optional<String> salesforceError(HTTPResponse response) {
        try {
            JSONArray errors = response.getBodyAsJSONArray();
            if (!errors.isEmpty() && errors.get(0) instanceof JSONObject first) {
                String text = (first.get("errorCode") == null ? "" : first.get("errorCode") + " ")
                        + (first.get("message") == null ? "" : first.get("message"));
                return text.isBlank() ? Optional.empty() : Optional.of(ServerText.clean(text, secrets));
            }
        } catch (ParseException notAnArray) {
            // Try the header below.
        }
        return Optional.ofNullable(response.getWWWAuthenticate()).map(header -> ServerText.clean(header, secrets));
    }

    /** When the token is a JWT whose exp has passed, when that was (unverified: a diagnosis, not a check). */
    private Optional<String> expiry() {
        try {
            JWT jwt = JWTParser.parse(accessToken);
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            if (exp != null && exp.toInstant().isBefore(Instant.now())) {
                return Optional.of(" (its exp claim says it expired at " + exp.toInstant() + ")");
            }
        } catch (java.text.ParseException opaque) {
            // Salesforce tokens are opaque: nothing to add.
        }
        return Optional.empty();
    }
}
