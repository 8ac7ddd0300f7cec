package dev.dialtone.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.guard.NotAuthorized;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** IAM-style evaluation, case by case: (policy, action, resource, source address) → decision. */
class PolicyEvaluationTest {
    private static final String ANA = "arn:aws:iam::111122223333:user/ana";
    private static final String CATALOG = "arn:aws:glue:us-east-1:111122223333:catalog";
    private static final String SALES = "arn:aws:glue:us-east-1:111122223333:connection/sales";
    private static final String OTHER_CATALOG = "arn:aws:glue:us-east-1:444455556666:catalog";
    private static final String OTHER_SALES = "arn:aws:glue:us-east-1:444455556666:connection/sales";

    private static final String GLUE_ALL = """
            {"Statement": {"Effect": "Allow", "Action": "glue:*", "Resource": "*"}}""";
    private static final String READ_ONLY_OWN = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "glue:Get*",
             "Resource": ["arn:aws:glue:*:111122223333:catalog", "arn:aws:glue:*:111122223333:connection/*"]}]}""";
    private static final String DENY_OVER_ALLOW = """
            {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                           {"Effect": "Deny", "Action": "glue:TestConnection", "Resource": "arn:aws:glue:*:*:connection/sa?es"}]}""";
    private static final String NOT_ACTION = """
            {"Statement": {"Effect": "Allow", "NotAction": ["glue:Delete*", "glue:BatchDeleteConnection"], "Resource": "*"}}""";
    private static final String CROSS_ACCOUNT = """
            {"Statement": {"Effect": "Allow", "Action": ["glue:GetConnection"],
             "Resource": ["arn:aws:glue:us-east-1:444455556666:catalog", "arn:aws:glue:us-east-1:444455556666:connection/sales"]}}""";
    private static final String TEST_ONLY = """
            {"Statement": {"Effect": "Allow", "Action": "glue:TestConnection", "Resource": "*"}}""";
    private static final String FROM_OFFICE = """
            {"Statement": {"Effect": "Allow", "Action": "glue:*", "Resource": "*",
             "Condition": {"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "2001:db8::/32"]}}}}""";
    private static final String NOT_FROM_OFFICE_DENIED = """
            {"Statement": [{"Effect": "Allow", "Action": "glue:*", "Resource": "*"},
             {"Effect": "Deny", "Action": "glue:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}]}""";
    private static final String REGION_AND_TIME = """
            {"Statement": {"Effect": "Allow", "Action": "GLUE:getconnection", "Resource": "*",
             "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]},
                           "StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/a*"},
                           "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                           "Bool": {"aws:SecureTransport": "false"}}}}""";
    private static final String SECRETS = """
            {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
              "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:sales-*"},
             {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::certs/*"},
             {"Effect": "Allow", "Action": "dialtone:ReadSecret", "Resource": "arn:dialtone:secret:env/DIALTONE_SECRET_SALES"}]}""";

    static Stream<Arguments> cases() {
        return Stream.of(
                // policy, action, resource, source address, expected
                Arguments.of(GLUE_ALL, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(GLUE_ALL, "secretsmanager:GetSecretValue", SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(READ_ONLY_OWN, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(READ_ONLY_OWN, "glue:GetConnections", CATALOG, "127.0.0.1", Decision.ALLOW),
                Arguments.of(READ_ONLY_OWN, "glue:DeleteConnection", SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(READ_ONLY_OWN, "glue:GetConnection", OTHER_SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(DENY_OVER_ALLOW, "glue:TestConnection", SALES, "127.0.0.1", Decision.EXPLICIT_DENY),
                Arguments.of(DENY_OVER_ALLOW, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(DENY_OVER_ALLOW, "glue:TestConnection",
                        "arn:aws:glue:us-east-1:111122223333:connection/saaales", "127.0.0.1", Decision.ALLOW),
                Arguments.of(NOT_ACTION, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(NOT_ACTION, "glue:DeleteConnection", SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(NOT_ACTION, "glue:BatchDeleteConnection", CATALOG, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(CROSS_ACCOUNT, "glue:GetConnection", OTHER_CATALOG, "127.0.0.1", Decision.ALLOW),
                Arguments.of(CROSS_ACCOUNT, "glue:GetConnection", OTHER_SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(CROSS_ACCOUNT, "glue:GetConnection", SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                // TestConnection by name needs GetConnection too: a policy with only TestConnection fails the second ask.
                Arguments.of(TEST_ONLY, "glue:TestConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(TEST_ONLY, "glue:GetConnection", SALES, "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(FROM_OFFICE, "glue:GetConnection", SALES, "10.1.2.3", Decision.ALLOW),
                Arguments.of(FROM_OFFICE, "glue:GetConnection", SALES, "10.2.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(FROM_OFFICE, "glue:GetConnection", SALES, "2001:db8:0:0:0:0:0:1", Decision.ALLOW),
                Arguments.of(FROM_OFFICE, "glue:GetConnection", SALES, "0:0:0:0:0:ffff:a01:203", Decision.ALLOW),
                Arguments.of(FROM_OFFICE, "glue:GetConnection", SALES, "0:0:0:0:0:0:0:1", Decision.IMPLICIT_DENY),
                Arguments.of(NOT_FROM_OFFICE_DENIED, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(NOT_FROM_OFFICE_DENIED, "glue:GetConnection", SALES, "192.0.2.7", Decision.EXPLICIT_DENY),
                Arguments.of(REGION_AND_TIME, "glue:GetConnection", SALES, "127.0.0.1", Decision.ALLOW),
                Arguments.of(SECRETS, "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:sales-AbCdEf", "127.0.0.1", Decision.ALLOW),
                Arguments.of(SECRETS, "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:hr-AbCdEf", "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(SECRETS, "s3:GetObject", "arn:aws:s3:::certs/ca.pem", "127.0.0.1", Decision.ALLOW),
                Arguments.of(SECRETS, "s3:GetObject", "arn:aws:s3:::other/ca.pem", "127.0.0.1", Decision.IMPLICIT_DENY),
                Arguments.of(SECRETS, "dialtone:ReadSecret", "arn:dialtone:secret:env/DIALTONE_SECRET_SALES", "127.0.0.1",
                        Decision.ALLOW));
    }

    @ParameterizedTest(name = "{1} on {2} from {3} -> {4}")
    @MethodSource("cases")
    void evaluatesAsIamDoes(String policy, String action, String resource, String source, Decision expected) {
        assertThat(policy(policy).evaluate(action, resource, facts(source, "us-east-1"))).isEqualTo(expected);
    }

    @Test
    void conditionsOnRegionAndTimeRefuseOutsideThem() {
        assertThat(policy(REGION_AND_TIME).evaluate("glue:GetConnection", SALES, facts("127.0.0.1", "ap-south-1")))
                .isEqualTo(Decision.IMPLICIT_DENY);
        RequestFacts late = new RequestFacts(ANA, "111122223333", "us-east-1", "127.0.0.1", false,
                Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(policy(REGION_AND_TIME).evaluate("glue:GetConnection", SALES, late)).isEqualTo(Decision.IMPLICIT_DENY);
        RequestFacts bob = new RequestFacts("arn:aws:iam::111122223333:user/bob", "111122223333", "us-east-1",
                "127.0.0.1", false, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(policy(REGION_AND_TIME).evaluate("glue:GetConnection", SALES, bob)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aRefusalIsWordedAsAwsWordsIt() {
        PolicyPermissions reader = new PolicyPermissions(policy(READ_ONLY_OWN), facts("127.0.0.1", "us-east-1"));
        assertThatThrownBy(() -> reader.require("glue:TestConnection", SALES)).isInstanceOf(NotAuthorized.class)
                .hasMessage("User: " + ANA + " is not authorized to perform: glue:TestConnection on resource: " + SALES);
        PolicyPermissions denied = new PolicyPermissions(policy(DENY_OVER_ALLOW), facts("127.0.0.1", "us-east-1"));
        assertThatThrownBy(() -> denied.require("glue:TestConnection", SALES))
                .hasMessage("User: " + ANA + " is not authorized to perform: glue:TestConnection on resource: " + SALES
                        + " with an explicit deny in an identity-based policy");
    }

    private static RequestFacts facts(String source, String region) {
        return new RequestFacts(ANA, "111122223333", region, source, false, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Policy policy(String json) {
        try {
            return CredentialsFile.policy(new ObjectMapper().readTree(json), "Policy");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
