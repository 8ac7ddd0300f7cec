package dev.dialtone.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsFileTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    @Test
    void readsTheIssuesFormTheAccountComingFromTheArn() {
        Principals principals = parse("""
                {"Principals": [{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "%s",
                  "Arn": "arn:aws:iam::123456789012:user/ana",
                  "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "glue:*", "Resource": "*"}]}},
                 {"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretAccessKey": "%s", "SessionToken": "token-1",
                  "Arn": "arn:aws:sts::210987654321:assumed-role/tester/tess",
                  "Policy": {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}}]}""".formatted(SECRET, SECRET));
        assertThat(principals.size()).isEqualTo(2);
        Principal ana = principals.find("AKIAIOSFODNN7EXAMPLE").orElseThrow();
        assertThat(ana.accountId()).isEqualTo("123456789012");
        assertThat(ana.sessionToken()).isEmpty();
        assertThat(principals.find("ASIAIOSFODNN7EXAMPLE").orElseThrow().sessionToken()).isEqualTo(Optional.of("token-1"));
        assertThat(principals.find("ASIAIOSFODNN7EXAMPLE").orElseThrow().accountId()).isEqualTo("210987654321");
        assertThat(ana.toString()).doesNotContain(SECRET);
    }

    @Test
    void eachMalformedFileIsRefusedNamingWhereAndNeverQuotingASecret() {
        refused("{\"Principals\": [{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"" + SECRET + "\"",
                "not valid JSON at line 1");
        refused("[]", "\"Principals\" list");
        refused(principal("\"Arn\": \"ana\", \"Policy\": {\"Statement\": []}"), "Principals[0].Arn 'ana' is not an IAM ARN");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\""), "Principals[0] has no Policy");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Policy\": {\"Statement\": "
                + "{\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}}"), "Effect must be Allow or Deny");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Policy\": {\"Statement\": "
                + "{\"Effect\": \"Allow\", \"Action\": \"glue:*\", \"NotAction\": \"s3:*\", \"Resource\": \"*\"}}"),
                "exactly one of Action and NotAction");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Policy\": {\"Statement\": "
                + "{\"Effect\": \"Allow\", \"Action\": \"glue:*\", \"Resource\": \"*\", "
                + "\"Condition\": {\"ArnLike\": {\"aws:SourceArn\": \"x\"}}}}"), "condition operator 'ArnLike' is not supported");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Policy\": {\"Statement\": "
                + "{\"Effect\": \"Allow\", \"Action\": \"glue:*\", \"Resource\": \"*\", "
                + "\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/33\"}}}}"), "prefix length");
        refused(principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Polcy\": {}"), "unknown member 'Polcy'");
        refused("{\"Principals\": [" + principal("\"Arn\": \"arn:aws:iam::123456789012:user/ana\", \"Policy\": "
                + "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}").replaceAll(
                        "^\\{\"Principals\": \\[|\\]}$", "") + ","
                + principal("\"Arn\": \"arn:aws:iam::123456789012:user/bo\", \"Policy\": "
                + "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}").replaceAll(
                        "^\\{\"Principals\": \\[|\\]}$", "") + "]}", "listed twice");
    }

    private static String principal(String rest) {
        return "{\"Principals\": [{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"" + SECRET + "\", "
                + rest + "}]}";
    }

    private static void refused(String content, String problem) {
        assertThatThrownBy(() -> parse(content)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem).message().doesNotContain(SECRET);
    }

    private static Principals parse(String content) {
        return CredentialsFile.parse(content.getBytes(StandardCharsets.UTF_8));
    }
}
