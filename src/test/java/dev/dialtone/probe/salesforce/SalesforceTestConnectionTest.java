package dev.dialtone.probe.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.GrantType;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.JwtAssertions;
import dev.dialtone.fixtures.OAuth2Server;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SalesforceApiServer;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OAuth2PropertiesInput;

/**
 * SALESFORCE through the AWS SDK: a real OAuth2 authorization server ({@link OAuth2Server}) issues the
 * tokens and a stand-in REST API ({@link SalesforceApiServer}) accepts only tokens it signed.
 */
class SalesforceTestConnectionTest {
    @RegisterExtension
    // SECRET_ID cases read the server's secrets, which the laptop mode allows only when the operator says so.
    static final DialtoneExtension SERVER = new DialtoneExtension(config -> config.withServerSecretsAllowed(true));

    private static final String CC_SECRET = "cc-secret-4f9b2e71d3";
    private static final String WEB_SECRET = "web-secret-8a1c55e0b2";
    private static final String OTHER_SECRET = "other-secret-c0ffee7713";
    private static final String NO_API_USER = "no-api@example.com";

    private static OAuth2Server auth;
    private static OAuth2Server otherOrg;
    private static SalesforceApiServer api;
    private static RSAKey appKey;
    private static final List<String> givenSecrets = new ArrayList<>();
    private final GlueClient glue = SERVER.glue();

    @BeforeAll
    static void peers() throws Exception {
        auth = new OAuth2Server();
        api = new SalesforceApiServer(auth.issuer(), auth.jwksUrl());
        auth.instanceUrl(api.url());
        appKey = JwtAssertions.newKey();
        auth.register(new OAuth2Server.Client("cc-app", Optional.of(CC_SECRET), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty(), "integration@example.com"));
        auth.register(new OAuth2Server.Client("no-api-app", Optional.of(CC_SECRET),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), NO_API_USER));
        auth.register(new OAuth2Server.Client("web-app", Optional.of(WEB_SECRET),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), Optional.empty(), "nobody"));
        auth.register(new OAuth2Server.Client("jwt-app", Optional.empty(), Set.of(GrantType.JWT_BEARER),
                Optional.of(appKey.toRSAPublicKey()), "nobody"));
        api.denyApiTo(NO_API_USER);
        // Another org: its tokens are real, but the instance does not trust its keys.
        otherOrg = new OAuth2Server();
        otherOrg.instanceUrl(api.url());
        otherOrg.register(new OAuth2Server.Client("cc-app", Optional.of(OTHER_SECRET),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), "integration@example.com"));
        givenSecrets.addAll(List.of(CC_SECRET, WEB_SECRET, OTHER_SECRET));
    }

    @AfterAll
    static void stop() {
        auth.close();
        otherOrg.close();
        api.close();
    }

    private static AuthenticationConfigurationInput oauth(String grantType, String clientId,
            Consumer<OAuth2PropertiesInput.Builder> more) {
        return AuthenticationConfigurationInput.builder().authenticationType("OAUTH2")
                .oAuth2Properties(p -> {
                    p.oAuth2GrantType(grantType).tokenUrl(auth.tokenUrl());
                    if (clientId != null) {
                        p.oAuth2ClientApplication(c -> c.userManagedClientApplicationClientId(clientId));
                    }
                    more.accept(p);
                }).build();
    }

    private static AuthenticationConfigurationInput clientCredentials(String clientId, String secret) {
        return oauth("CLIENT_CREDENTIALS", clientId, p -> p.oAuth2Credentials(c -> c
                .userManagedClientApplicationClientSecret(secret)));
    }

    private void test(Map<String, String> properties, AuthenticationConfigurationInput authentication) {
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("SALESFORCE")
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(authentication)));
    }

    private Connection testByName(String name, Map<String, String> properties,
            AuthenticationConfigurationInput authentication) {
        glue.createConnection(r -> r.connectionInput(c -> c.name(name).connectionType("SALESFORCE")
                .connectionPropertiesWithStrings(properties).authenticationConfiguration(authentication)));
        try {
            glue.testConnection(r -> r.connectionName(name));
        } catch (InvalidInputException failed) {
            // The caller looks at the recorded status.
        }
        return glue.getConnection(r -> r.name(name)).connection();
    }

    private static String lastGrantType(OAuth2Server server) {
        List<Map<String, List<String>>> requests = server.tokenRequests();
        return requests.get(requests.size() - 1).get("grant_type").get(0);
    }

    @Test
    void clientCredentialsByNameRecordsReadyWithInstanceVersionsTokenAndLimits() {
        Connection connection = testByName("sf-cc", Map.of(), clientCredentials("cc-app", CC_SECRET));
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason())
                .startsWith("Connection test succeeded in ")
                .contains("token endpoint " + auth.tokenUrl())
                .contains("grant client credentials")
                .contains("token issued, scope api refresh_token, expires in 7200 s")
                .contains("identity " + auth.issuer() + "/id/00Dxx0000001gEREAY/integration@example.com")
                .contains("instance " + api.url() + " (from the token response)")
                .contains("api versions 3, 60.0 to 62.0 (Winter '25)")
                .contains("daily API requests 14998 of 15000 remaining")
                .doesNotContain(CC_SECRET);
        Map<String, List<String>> sent = auth.tokenRequests().get(auth.tokenRequests().size() - 1);
        assertThat(sent).containsEntry("grant_type", List.of("client_credentials"))
                .containsEntry("client_id", List.of("cc-app")).containsKey("client_secret");
        String bearer = api.bearerTokens().get(api.bearerTokens().size() - 1);
        assertThat(auth.issuedTokens()).contains(bearer.substring("Bearer ".length()));
    }

    @Test
    void jwtBearerExchangesTheSignedAssertionWithoutAClientSecret() {
        String jwt = JwtAssertions.sign(appKey, "jwt-app", "jwt.user@example.com", auth.issuer(), Duration.ofMinutes(3));
        givenSecrets.add(jwt);
        Connection connection = testByName("sf-jwt", Map.of(), oauth("JWT_BEARER", null, p -> p
                .oAuth2Credentials(c -> c.jwtToken(jwt))));
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).contains("grant JWT bearer").contains("/jwt.user@example.com");
        Map<String, List<String>> sent = auth.tokenRequests().get(auth.tokenRequests().size() - 1);
        assertThat(sent).containsEntry("grant_type", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .containsEntry("assertion", List.of(jwt)).doesNotContainKey("client_secret");
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefusedAtAuthenticateWithWhatTheJwtNeeds() {
        String forged = JwtAssertions.sign(JwtAssertions.newKey(), "jwt-app", "jwt.user@example.com", auth.issuer(),
                Duration.ofMinutes(3));
        givenSecrets.add(forged);
        assertThatThrownBy(() -> test(Map.of(), oauth("JWT_BEARER", null, p -> p.oAuth2Credentials(c -> c
                .jwtToken(forged)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint refused the JWT (JwtToken): invalid assertion "
                        + "(error invalid_grant, HTTP 400)")
                .hasMessageContaining("signed with the connected app's certificate")
                .hasMessageNotContaining(forged);
    }

    @Test
    void anExpiredJwtIsRefusedAndTheHintSaysWhenItExpired() {
        String expired = JwtAssertions.sign(appKey, "jwt-app", "jwt.user@example.com", auth.issuer(),
                Duration.ofMinutes(-5));
        givenSecrets.add(expired);
        assertThatThrownBy(() -> test(Map.of(), oauth("JWT_BEARER", null, p -> p.oAuth2Credentials(c -> c
                .jwtToken(expired)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("error invalid_grant")
                .hasMessageMatching("(?s).*The JwtToken expired at \\d{4}-.*; sign a new one\\..*");
    }

    @Test
    void anAuthorizationCodeIsExchangedOnceAndItsReuseIsExplained() throws Exception {
        String redirect = "https://app.example.com/callback";
        String code = authorizationCode("web-app", redirect);
        givenSecrets.add(code);
        AuthenticationConfigurationInput authentication = oauth("AUTHORIZATION_CODE", "web-app", p -> p
                .authorizationCodeProperties(a -> a.authorizationCode(code).redirectUri(redirect))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(WEB_SECRET)));
        test(Map.of(), authentication);
        assertThat(auth.tokenRequests().get(auth.tokenRequests().size() - 1))
                .containsEntry("grant_type", List.of("authorization_code"))
                .containsEntry("code", List.of(code)).containsEntry("redirect_uri", List.of(redirect));
        assertThatThrownBy(() -> test(Map.of(), authentication))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint refused the authorization code: invalid authorization code "
                        + "(error invalid_grant, HTTP 400)")
                .hasMessageContaining("Authorization codes are single-use")
                .hasMessageNotContaining(code).hasMessageNotContaining(WEB_SECRET);
    }

    /** What a user's browser does: the authorization endpoint consents and redirects back with a code. */
    private static String authorizationCode(String clientId, String redirect) throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(auth.issuer()
                + "/services/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + redirect))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst(".*\\?code=", "");
    }

    @Test
    void aRefreshTokenIsPreferredAndExchangedForAFreshAccessToken() {
        String refresh = auth.refreshTokenFor("web-app", "user@example.com");
        Connection connection = testByName("sf-refresh", Map.of(), oauth("AUTHORIZATION_CODE", "web-app", p -> p
                // A stale code beside it: the reusable refresh token must be the one used.
                .authorizationCodeProperties(a -> a.authorizationCode("stale-code-1").redirectUri("https://a.example/cb"))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(WEB_SECRET).refreshToken(refresh))));
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).contains("grant refresh token").doesNotContain(refresh);
        assertThat(lastGrantType(auth)).isEqualTo("refresh_token");
        assertThat(auth.tokenRequests().get(auth.tokenRequests().size() - 1))
                .containsEntry("refresh_token", List.of(refresh));
    }

    @Test
    void anUnknownRefreshTokenFailsAtAuthenticateAsInvalidGrant() {
        String revoked = "rt-revoked-5b1e2f";
        givenSecrets.add(revoked);
        assertThatThrownBy(() -> test(Map.of(), oauth("AUTHORIZATION_CODE", "web-app", p -> p
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(WEB_SECRET).refreshToken(revoked)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint refused the refresh token: expired access/refresh token "
                        + "(error invalid_grant, HTTP 400)")
                .hasMessageContaining("authorize the app again")
                .hasMessageNotContaining(revoked);
    }

    @Test
    void aGivenAccessTokenGoesStraightToTheRestApi() {
        String token = auth.accessToken("user@example.com", Duration.ofHours(1));
        int tokenRequests = auth.tokenRequests().size();
        Connection connection = testByName("sf-given", Map.of("INSTANCE_URL", api.url()), oauth("AUTHORIZATION_CODE",
                "web-app", p -> p.oAuth2Credentials(c -> c.accessToken(token))));
        assertThat(connection.status()).as(connection.statusReason()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.statusReason()).contains("grant none: the access token given was used as it is")
                .contains("instance " + api.url()).contains("daily API requests").doesNotContain(token);
        assertThat(auth.tokenRequests()).hasSize(tokenRequests);
        assertThat(api.bearerTokens()).contains("Bearer " + token);
    }

    @Test
    void anExpiredAccessTokenFailsAtAuthorizeSayingWhenItExpired() {
        String expired = auth.accessToken("user@example.com", Duration.ofHours(-1));
        Connection connection = testByName("sf-expired", Map.of("INSTANCE_URL", api.url()), oauth(null, null, p -> p
                .oAuth2Credentials(c -> c.accessToken(expired))));
        assertThat(connection.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(connection.statusReason())
                .contains("failed at AUTHORIZE")
                .contains("the instance rejected the access token as expired or invalid (its exp claim says it "
                        + "expired at ")
                .contains(": INVALID_SESSION_ID Session expired or invalid (HTTP 401)")
                .contains("give a fresh one, or a RefreshToken")
                .doesNotContain(expired);
    }

    @Test
    void aTokenFromAnotherOrgIsRejectedByTheRestApiAtAuthorize() {
        AuthenticationConfigurationInput other = AuthenticationConfigurationInput.builder()
                .oAuth2Properties(p -> p.oAuth2GrantType("CLIENT_CREDENTIALS").tokenUrl(otherOrg.tokenUrl())
                        .oAuth2ClientApplication(c -> c.userManagedClientApplicationClientId("cc-app"))
                        .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(OTHER_SECRET)))
                .build();
        assertThatThrownBy(() -> test(Map.of(), other))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("the instance rejected the access token as expired or invalid: "
                        + "INVALID_SESSION_ID Session expired or invalid (HTTP 401)")
                .hasMessageContaining("TokenUrl belongs to the same org and environment")
                .hasMessageNotContaining(OTHER_SECRET);
        assertThat(lastGrantType(otherOrg)).isEqualTo("client_credentials");
    }

    @Test
    void aUserWithoutApiAccessFailsAtAuthorizeAsNotAllowed() {
        assertThatThrownBy(() -> test(Map.of(), clientCredentials("no-api-app", CC_SECRET)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining("the instance accepted the token but does not allow this user to use the REST "
                        + "API: API_DISABLED_FOR_ORG The REST API is not enabled for this Organization. (HTTP 403)")
                .hasMessageContaining("'API Enabled' permission");
    }

    @Test
    void aWrongClientSecretFailsAtAuthenticateAsInvalidClientWithoutEchoingIt() {
        String wrong = "wrong-secret-77d1a9";
        givenSecrets.add(wrong);
        Connection connection = testByName("sf-bad-client", Map.of(), clientCredentials("cc-app", wrong));
        assertThat(connection.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(connection.statusReason())
                .contains("failed at AUTHENTICATE")
                .contains("the token endpoint did not accept the client application: invalid client credentials "
                        + "(error invalid_client, HTTP 401)")
                .contains("UserManagedClientApplicationClientSecret")
                .doesNotContain(wrong);
    }

    @Test
    void aClientNotAllowedTheGrantIsToldSoInWords() {
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "web-app", p -> p.oAuth2Credentials(c -> c
                .userManagedClientApplicationClientSecret(WEB_SECRET)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the client application is not allowed to use the client credentials grant")
                .hasMessageContaining("error unauthorized_client")
                .hasMessageContaining("Allow the client credentials flow");
    }

    @Test
    void aTokenUrlThatIsDownFailsAtConnect() {
        int closed = Ports.free();
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                .tokenUrl("http://127.0.0.1:" + closed + "/services/oauth2/token")
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at CONNECT")
                .hasMessageContaining("the token endpoint http://127.0.0.1:" + closed + ": TCP connection to 127.0.0.1:"
                        + closed + " was refused")
                .hasMessageContaining("Check TokenUrl");
    }

    @Test
    void plainHttpOffLoopbackIsRefusedBeforeAnySocketOpens() throws Exception {
        try (Tarpit listener = new Tarpit()) {
            // db.dialtone.test resolves to 127.0.0.1 here, but the rule is decided from the URL alone.
            assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                    .tokenUrl("http://db.dialtone.test:" + listener.port() + "/services/oauth2/token")
                    .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("TokenUrl http://db.dialtone.test is not https")
                    .hasMessageContaining("plain http only to loopback addresses");
            assertThatThrownBy(() -> test(Map.of("INSTANCE_URL", "http://db.dialtone.test:" + listener.port()),
                    clientCredentials("cc-app", CC_SECRET)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("INSTANCE_URL http://db.dialtone.test is not https");
            assertThat(listener.accepted()).isZero();
        }
    }

    @Test
    void tokenUrlParametersAreSentButMayNotReplaceTheGrantOrClient() {
        test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                .tokenUrlParametersMap(Map.of("format", "json", "audience", "https://api.example.com"))
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET))));
        assertThat(auth.tokenRequests().get(auth.tokenRequests().size() - 1))
                .containsEntry("format", List.of("json")).containsEntry("audience", List.of("https://api.example.com"))
                .containsEntry("grant_type", List.of("client_credentials"));
        int received = auth.tokenRequests().size();
        for (String reserved : List.of("grant_type", "client_secret", "Client_Id")) {
            assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                    .tokenUrlParametersMap(Map.of(reserved, "password"))
                    .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("TokenUrlParametersMap may not set '" + reserved + "'");
        }
        assertThat(auth.tokenRequests()).hasSize(received);
    }

    @Test
    void aRedirectingTokenEndpointIsNotFollowed() {
        int received = auth.tokenRequests().size();
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                .tokenUrl(auth.issuer() + "/moved")
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint answered HTTP 307, a redirect to " + auth.tokenUrl()
                        + ", which Dialtone does not follow")
                .hasMessageContaining("Set TokenUrl to the token endpoint itself");
        assertThat(auth.tokenRequests()).hasSize(received);
    }

    @Test
    void anInstanceUrlFromTheTokenResponseThatIsNotHttpsIsNotCalled() throws Exception {
        try (OAuth2Server steering = new OAuth2Server(); Tarpit listener = new Tarpit()) {
            steering.instanceUrl("http://db.dialtone.test:" + listener.port());
            steering.register(new OAuth2Server.Client("cc-app", Optional.of(CC_SECRET),
                    Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), "integration@example.com"));
            assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                    .tokenUrl(steering.tokenUrl())
                    .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at AUTHORIZE")
                    .hasMessageContaining("the token response names instance_url http://db.dialtone.test:"
                            + listener.port() + ", which Dialtone will not call")
                    .hasMessageContaining("Set INSTANCE_URL");
            assertThat(listener.accepted()).isZero();
            givenSecrets.addAll(steering.issuedTokens());
        }
    }

    @Test
    void endpointsThatAreNotWhatTheSettingsSayAreNamed() {
        // The REST API's version list is JSON, but not a token response.
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                .tokenUrl(api.url() + "/services/data/")
                .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHENTICATE")
                .hasMessageContaining("the token endpoint answered HTTP 200 with application/json;charset=UTF-8, "
                        + "which is not an OAuth2 token response")
                .hasMessageContaining("Check that TokenUrl is the token endpoint");
        // The authorization server has no REST API.
        assertThatThrownBy(() -> test(Map.of("INSTANCE_URL", auth.issuer()), clientCredentials("cc-app", CC_SECRET)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed at AUTHORIZE")
                .hasMessageContaining(auth.issuer() + "/services/data/ was not found (HTTP 404)")
                .hasMessageContaining("Check INSTANCE_URL: it must be a Salesforce instance");
    }

    @Test
    void anHttpsTokenEndpointWithAnUntrustedCertificateFailsAtTls() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority("Dialtone Test CA");
        try (OAuth2Server https = new OAuth2Server(Optional.of(TestCertificates.serverContext(
                TestCertificates.server(ca, "localhost"), ca)))) {
            https.register(new OAuth2Server.Client("cc-app", Optional.of(CC_SECRET),
                    Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), "integration@example.com"));
            assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> p
                    .tokenUrl(https.tokenUrl())
                    .oAuth2Credentials(c -> c.userManagedClientApplicationClientSecret(CC_SECRET)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed at TLS")
                    .hasMessageContaining("not trusted: it was issued by CN=Dialtone Test CA");
            assertThat(https.tokenRequests()).isEmpty();
        }
    }

    @Test
    void incompleteOAuth2SettingsAreInvalidInputNamingWhatIsMissing() {
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", "cc-app", p -> { })))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CLIENT_CREDENTIALS needs the client secret: "
                        + "OAuth2Credentials.UserManagedClientApplicationClientSecret (or "
                        + "USER_MANAGED_CLIENT_APPLICATION_CLIENT_SECRET in the secret)");
        assertThatThrownBy(() -> test(Map.of(), oauth("CLIENT_CREDENTIALS", null, p -> p.oAuth2Credentials(c -> c
                .userManagedClientApplicationClientSecret(CC_SECRET)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OAuth2ClientApplication.UserManagedClientApplicationClientId");
        assertThatThrownBy(() -> test(Map.of(), oauth("JWT_BEARER", null, p -> { })))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("JWT_BEARER needs a signed JWT: OAuth2Credentials.JwtToken (or JWT_TOKEN");
        assertThatThrownBy(() -> test(Map.of(), oauth("AUTHORIZATION_CODE", "web-app", p -> p
                .authorizationCodeProperties(a -> a.authorizationCode("abc")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AuthorizationCodeProperties.RedirectUri");
        assertThatThrownBy(() -> test(Map.of(), oauth(null, null, p -> p.oAuth2Credentials(c -> c
                .accessToken("00Dxx!given")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs INSTANCE_URL");
        assertThatThrownBy(() -> test(Map.of("INSTANCE_URL", api.url() + "/lightning/page"),
                clientCredentials("cc-app", CC_SECRET)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INSTANCE_URL must be the instance's address alone");
        assertThatThrownBy(() -> test(Map.of(), AuthenticationConfigurationInput.builder()
                .authenticationType("OAUTH2").secretArn("arn:aws:secretsmanager:us-east-1:000000000000:secret:sf")
                .oAuth2Properties(p -> p.oAuth2GrantType("JWT_BEARER")).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("arn:aws:secretsmanager:us-east-1:000000000000:secret:sf' cannot be read");
        assertThatThrownBy(() -> test(Map.of(), AuthenticationConfigurationInput.builder()
                .authenticationType("BASIC").basicAuthenticationCredentials(b -> b.username("u").password("p")).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AuthenticationType must be OAUTH2 (got BASIC)");
    }

    @Test
    void noSecretOrTokenReachesALogLineOrAMessage() {
        testByName("sf-logs-ok", Map.of(), clientCredentials("cc-app", CC_SECRET));
        testByName("sf-logs-bad", Map.of(), clientCredentials("cc-app", CC_SECRET + "-wrong"));
        String expired = auth.accessToken("user@example.com", Duration.ofHours(-1));
        testByName("sf-logs-expired", Map.of("INSTANCE_URL", api.url()), oauth(null, null, p -> p
                .oAuth2Credentials(c -> c.accessToken(expired))));
        List<String> secrets = new ArrayList<>(givenSecrets);
        secrets.addAll(auth.issuedTokens());
        secrets.addAll(otherOrg.issuedTokens());
        String logs = CapturedLogs.all();
        assertThat(logs).contains("test SALESFORCE");
        for (String name : List.of("sf-logs-ok", "sf-logs-bad", "sf-logs-expired")) {
            String reason = glue.getConnection(r -> r.name(name)).connection().statusReason();
            for (String secret : secrets) {
                assertThat(reason).doesNotContain(secret);
            }
        }
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
        }
    }
}
