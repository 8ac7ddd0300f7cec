package dev.dialtone.saas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RestStandIn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** What the vendor stand-in tests share: TestConnection through the SDK, the credentials' shapes, request checks. */
final class VendorCalls {
    private VendorCalls() {
    }

    static RestStandIn standIn() {
        try {
            return new RestStandIn();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void test(DialtoneExtension dialtone, String type, Map<String, String> properties,
            AuthenticationConfigurationInput auth) {
        dialtone.glue().testConnection(r -> r.testConnectionInput(t -> t.connectionType(type)
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(auth)));
    }

    /** A failing test: InvalidInputException naming the stage; the secrets in neither the message nor the logs. */
    static AbstractThrowableAssert<?, ? extends Throwable> fails(DialtoneExtension dialtone, String type,
            Map<String, String> properties, AuthenticationConfigurationInput auth, String stage, String... secrets) {
        AbstractThrowableAssert<?, ? extends Throwable> failure = assertThatThrownBy(() -> test(dialtone, type,
                properties, auth)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at " + stage);
        for (String secret : secrets) {
            failure.hasMessageNotContaining(secret);
            assertThat(CapturedLogs.all()).as("the logs").doesNotContain(secret);
        }
        return failure;
    }

    static AuthenticationConfigurationInput accessToken(String token) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2Credentials(c -> c.accessToken(token))).build();
    }

    static AuthenticationConfigurationInput refreshToken(String clientId, String clientSecret, String refresh) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("AUTHORIZATION_CODE")
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret)
                                .refreshToken(refresh))).build();
    }

    static AuthenticationConfigurationInput clientCredentials(String clientId, String clientSecret) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(o -> o.oAuth2GrantType("CLIENT_CREDENTIALS")
                        .oAuth2ClientApplication(a -> a.userManagedClientApplicationClientId(clientId))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(clientSecret))).build();
    }

    static AuthenticationConfigurationInput custom(Map<String, String> credentials) {
        return AuthenticationConfigurationInput.builder().authenticationType("CUSTOM")
                .customAuthenticationCredentials(credentials).build();
    }

    static AuthenticationConfigurationInput basic(String user, String password) {
        return AuthenticationConfigurationInput.builder().authenticationType("BASIC")
                .basicAuthenticationCredentials(b -> b.username(user).password(password)).build();
    }

    static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The form fields of a token request (application/x-www-form-urlencoded). */
    static Map<String, String> form(RestStandIn.Seen seen) {
        Map<String, String> fields = new LinkedHashMap<>();
        Arrays.stream(seen.body().split("&")).filter(pair -> !pair.isEmpty()).forEach(pair -> {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        });
        return fields;
    }

    /** The request headers sent, by name (lower case), with the stand-in's own transport headers left out. */
    static List<String> headerNames(RestStandIn.Seen seen) {
        return seen.headers().keySet().stream().filter(name -> !List.of("host", "connection", "content-length",
                "user-agent", "accept-encoding").contains(name)).sorted().collect(Collectors.toList());
    }
}
