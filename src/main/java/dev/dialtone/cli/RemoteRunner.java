package dev.dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.TestSubject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs tests through a Dialtone server's Glue API ({@code TestConnection}), by name or inline.
 * Requests are signed when the user has AWS credentials (see {@link RequestSigner}), unsigned otherwise.
 */
final class RemoteRunner implements TestRunner {
    private static final Pattern STAGE = Pattern.compile("^Connection test failed at ([A-Z]+) after");
    private static final Pattern STUCK = Pattern.compile("stuck at ([A-Z]+)");
    private final ObjectMapper json = new ObjectMapper();
    private final GlueCall glue;
    private final Optional<String> catalogId;

    RemoteRunner(URI endpoint, Optional<String> catalogId, RequestSigner signer) {
        this.glue = new GlueCall(endpoint, signer);
        this.catalogId = catalogId;
    }

    @Override
    public TestResult run(TestCase testCase, Consumer<Stage> onStage) {
        ObjectNode request = json.createObjectNode();
        catalogId.ifPresent(id -> request.put("CatalogId", id));
        if (testCase.subject().isPresent()) {
            request.set("TestConnectionInput", input(testCase.subject().get()));
        } else {
            request.put("ConnectionName", testCase.name());
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = glue.send("TestConnection", request, Duration.ofSeconds(60));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() == 200) {
                return new TestResult(testCase.name(), testCase.connectionType(), "PASSED", Optional.empty(), millis,
                        "Connection test succeeded.", Optional.empty());
            }
            JsonNode error = json.readTree(response.body());
            String type = error.path("__type").asText("HTTP " + response.statusCode());
            String message = error.path("Message").asText(response.body());
            String result = switch (type) {
                case "OperationTimeoutException" -> "TIMED_OUT";
                case "AccessDeniedException" -> "REFUSED";
                case "InvalidInputException" -> STAGE.matcher(message).find() ? "FAILED" : "INVALID";
                default -> "ERROR";
            };
            Matcher stage = result.equals("TIMED_OUT") ? STUCK.matcher(message) : STAGE.matcher(message);
            return new TestResult(testCase.name(), testCase.connectionType(), result,
                    stage.find() ? Optional.of(stage.group(1)) : Optional.empty(), millis,
                    type.equals("InvalidInputException") ? message : type + ": " + message, Optional.empty());
        } catch (IOException e) {
            return new TestResult(testCase.name(), testCase.connectionType(), "ERROR", Optional.empty(),
                    (System.nanoTime() - start) / 1_000_000, "cannot reach " + glue.endpoint() + ": " + e, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult(testCase.name(), testCase.connectionType(), "ERROR", Optional.empty(), 0,
                    "interrupted", Optional.empty());
        }
    }

    private ObjectNode input(TestSubject subject) {
        ObjectNode input = json.createObjectNode().put("ConnectionType", subject.connectionType());
        ObjectNode properties = input.putObject("ConnectionProperties");
        subject.properties().forEach(properties::put);
        subject.authentication().ifPresent(auth -> input.set("AuthenticationConfiguration", authentication(auth)));
        return input;
    }

    private ObjectNode authentication(AuthenticationConfiguration auth) {
        ObjectNode node = json.createObjectNode();
        auth.authenticationType().ifPresent(type -> node.put("AuthenticationType", type));
        auth.secretArn().ifPresent(arn -> node.put("SecretArn", arn));
        auth.basicCredentials().ifPresent(basic -> {
            ObjectNode credentials = node.putObject("BasicAuthenticationCredentials");
            basic.username().ifPresent(user -> credentials.put("Username", user));
            basic.password().ifPresent(password -> credentials.put("Password", password));
        });
        auth.oauth2Properties().ifPresent(oauth -> {
            ObjectNode oauthNode = node.putObject("OAuth2Properties");
            oauth.grantType().ifPresent(grant -> oauthNode.put("OAuth2GrantType", grant));
            oauth.tokenUrl().ifPresent(url -> oauthNode.put("TokenUrl", url));
            if (!oauth.tokenUrlParameters().isEmpty()) {
                ObjectNode parameters = oauthNode.putObject("TokenUrlParametersMap");
                oauth.tokenUrlParameters().forEach(parameters::put);
            }
            oauth.clientId().ifPresent(id -> oauthNode.putObject("OAuth2ClientApplication")
                    .put("UserManagedClientApplicationClientId", id));
            if (oauth.authorizationCode().isPresent() || oauth.redirectUri().isPresent()) {
                ObjectNode code = oauthNode.putObject("AuthorizationCodeProperties");
                oauth.authorizationCode().ifPresent(value -> code.put("AuthorizationCode", value));
                oauth.redirectUri().ifPresent(value -> code.put("RedirectUri", value));
            }
            ObjectNode credentials = json.createObjectNode();
            oauth.clientSecret().ifPresent(value -> credentials.put("UserManagedClientApplicationClientSecret", value));
            oauth.accessToken().ifPresent(value -> credentials.put("AccessToken", value));
            oauth.refreshToken().ifPresent(value -> credentials.put("RefreshToken", value));
            oauth.jwtToken().ifPresent(value -> credentials.put("JwtToken", value));
            if (!credentials.isEmpty()) {
                oauthNode.set("OAuth2Credentials", credentials);
            }
        });
        if (!auth.customCredentials().isEmpty()) {
            ObjectNode custom = node.putObject("CustomAuthenticationCredentials");
            for (Map.Entry<String, String> entry : auth.customCredentials().entrySet()) {
                custom.put(entry.getKey(), entry.getValue());
            }
        }
        return node;
    }

    @Override
    public void close() {
        // The JDK client closes its connections when collected; nothing else is held.
    }
}
