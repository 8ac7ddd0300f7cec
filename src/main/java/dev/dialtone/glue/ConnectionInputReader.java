package dev.dialtone.glue;

import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.AuthenticationConfiguration.BasicCredentials;
import dev.dialtone.catalog.AuthenticationConfiguration.OAuth2Properties;
import dev.dialtone.catalog.ConnectionDefinition;
import dev.dialtone.catalog.PhysicalConnectionRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and validates Glue's {@code ConnectionInput} and {@code AuthenticationConfigurationInput}. */
public final class ConnectionInputReader {
    static final int MAX_PROPERTIES = 100;
    private static final int MAX_MATCH_CRITERIA = 10;
    private static final int MAX_SECURITY_GROUPS = 50;
    private static final int MAX_MAP_PROPERTIES = 1000;
    private static final List<String> COMPUTE_ENVIRONMENTS = List.of("SPARK", "ATHENA", "PYTHON");

    private ConnectionInputReader() {
    }

    public static ConnectionDefinition read(Members input) {
        String name = input.requiredString("Name", StringRule.NAME);
        String type = input.requiredString("ConnectionType", StringRule.NAME);
        Map<String, String> properties = connectionProperties(input);
        List<String> computeEnvironments = input.stringList("ValidateForComputeEnvironments", 3, StringRule.NAME)
                .orElse(List.of());
        for (String environment : computeEnvironments) {
            if (!COMPUTE_ENVIRONMENTS.contains(environment)) {
                throw GlueException.invalidInput(input.path("ValidateForComputeEnvironments")
                        + " may only contain SPARK, ATHENA and PYTHON (got '" + environment + "').");
            }
        }
        input.bool("ValidateCredentials");
        return new ConnectionDefinition(
                name,
                input.string("Description", StringRule.DESCRIPTION),
                type,
                input.stringList("MatchCriteria", MAX_MATCH_CRITERIA, StringRule.NAME).orElse(List.of()),
                properties,
                propertyMap(input, "SparkProperties"),
                propertyMap(input, "AthenaProperties"),
                propertyMap(input, "PythonProperties"),
                input.object("PhysicalConnectionRequirements").map(ConnectionInputReader::physical),
                input.object("AuthenticationConfiguration").map(ConnectionInputReader::authentication),
                computeEnvironments);
    }

    static Map<String, String> connectionProperties(Members input) {
        return input.requiredStringMap("ConnectionProperties", MAX_PROPERTIES, StringRule.PROPERTY_KEY,
                StringRule.PROPERTY_VALUE);
    }

    /** An {@code AuthenticationConfiguration} object, by the rules CreateConnection applies to it. */
    public static AuthenticationConfiguration authentication(Members auth) {
        return new AuthenticationConfiguration(
                auth.string("AuthenticationType", StringRule.NAME),
                auth.string("SecretArn", StringRule.SECRET_ARN),
                auth.string("KmsKeyArn", StringRule.KMS_KEY_ARN),
                auth.object("OAuth2Properties").map(ConnectionInputReader::oauth2),
                auth.object("BasicAuthenticationCredentials").map(basic -> new BasicCredentials(
                        basic.string("Username", StringRule.USERNAME),
                        basic.string("Password", StringRule.PASSWORD))),
                auth.stringMap("CustomAuthenticationCredentials", MAX_MAP_PROPERTIES, StringRule.CREDENTIAL_KEY,
                        StringRule.CREDENTIAL_VALUE).orElse(Map.of()));
    }

    private static OAuth2Properties oauth2(Members oauth) {
        Optional<Members> client = oauth.object("OAuth2ClientApplication");
        Optional<Members> code = oauth.object("AuthorizationCodeProperties");
        Optional<Members> credentials = oauth.object("OAuth2Credentials");
        return new OAuth2Properties(
                oauth.string("OAuth2GrantType", StringRule.NAME),
                client.flatMap(c -> c.string("UserManagedClientApplicationClientId", StringRule.CLIENT_ID)),
                client.flatMap(c -> c.string("AWSManagedClientApplicationReference", StringRule.CLIENT_ID)),
                oauth.string("TokenUrl", StringRule.TOKEN_URL),
                oauth.stringMap("TokenUrlParametersMap", MAX_MAP_PROPERTIES, StringRule.TOKEN_PARAM_KEY,
                        StringRule.TOKEN_PARAM_VALUE).orElse(Map.of()),
                code.flatMap(c -> c.string("RedirectUri", StringRule.REDIRECT_URI)),
                code.flatMap(c -> c.string("AuthorizationCode", StringRule.AUTHORIZATION_CODE)),
                credentials.flatMap(c -> c.string("UserManagedClientApplicationClientSecret", StringRule.CLIENT_SECRET)),
                credentials.flatMap(c -> c.string("AccessToken", StringRule.TOKEN)),
                credentials.flatMap(c -> c.string("RefreshToken", StringRule.TOKEN)),
                credentials.flatMap(c -> c.string("JwtToken", StringRule.JWT)));
    }

    private static PhysicalConnectionRequirements physical(Members physical) {
        return new PhysicalConnectionRequirements(
                physical.string("SubnetId", StringRule.NAME),
                physical.stringList("SecurityGroupIdList", MAX_SECURITY_GROUPS, StringRule.NAME).orElse(List.of()),
                physical.string("AvailabilityZone", StringRule.NAME));
    }

    private static Map<String, String> propertyMap(Members input, String member) {
        return input.stringMap(member, MAX_MAP_PROPERTIES, StringRule.MAP_PROPERTY_KEY, StringRule.MAP_PROPERTY_VALUE)
                .orElse(Map.of());
    }
}
