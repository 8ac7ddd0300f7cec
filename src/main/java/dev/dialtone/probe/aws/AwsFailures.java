package dev.dialtone.probe.aws;

import dev.dialtone.probe.ProbeSession;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.http.ServerText;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS service's refusal means, by its error code ({@code __type}): the credentials were not accepted
 * (AUTHENTICATE), or they were and the identity may not do this (AUTHORIZE); a named resource that does not
 * exist is AUTHORIZE too (the identity got in, the target is not there for it).
 */
final class AwsFailures {
    private static final Set<String> AUTHENTICATION = Set.of("unrecognizedclientexception",
            "invalidsignatureexception", "incompletesignatureexception", "incompletesignature",
            "invalidclienttokenid", "signaturedoesnotmatch", "expiredtokenexception", "expiredtoken",
            "missingauthenticationtokenexception", "missingauthenticationtoken", "invalidaccesskeyid",
            "authfailure", "requestexpired");
    private static final Set<String> AUTHORIZATION = Set.of("accessdeniedexception", "accessdenied",
            "unauthorizedoperation", "notauthorized", "unauthorizedexception", "forbiddenexception");
    private static final Set<String> NOT_FOUND = Set.of("resourcenotfoundexception", "resourcenotfound",
            "nosuchentity", "entitynotfoundexception");

    private AwsFailures() {
    }

    /**
     * The failure for {@code error}, raised by {@code action} (e.g. "dynamodb:ListTables").
     *
     * @param secrets values that must not appear in the message
     */
    static StageFailure of(SdkException error, String serviceName, String action, ProbeSession session,
            java.util.Collection<String> secrets) {
        var carried = DialedSdkHttpClient.carried(error);
        if (carried.isPresent()) {
            return carried.get();
        }
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode() == null ? "" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage() == null ? ""
                    : ServerText.clean(service.awsErrorDetails().errorMessage(), secrets);
            String said = code + (message.isEmpty() ? "" : ": " + message) + " (HTTP " + service.statusCode() + ")";
            String key = code.toLowerCase(Locale.ROOT);
            if (AUTHENTICATION.contains(key)) {
                return new StageFailure(Stage.AUTHENTICATE, serviceName + " did not accept the credentials for "
                        + action + ": " + said, "Check the access key pair in the secret (aws_access_key_id, "
                        + "aws_secret_access_key, and aws_session_token for temporary keys), and REGION.");
            }
            if (AUTHORIZATION.contains(key)) {
                return new StageFailure(Stage.AUTHORIZE, serviceName + " accepted the credentials but refused "
                        + action + ": " + said, "Allow " + action + " to the identity (or ROLE_ARN's role) in IAM.");
            }
            // Athena answers a workgroup that does not exist with InvalidRequestException "... is not found".
            if (NOT_FOUND.contains(key) || (key.equals("invalidrequestexception")
                    && message.toLowerCase(Locale.ROOT).contains("not found"))) {
                return new StageFailure(Stage.AUTHORIZE, serviceName + " accepted the credentials, but the resource "
                        + action + " names does not exist for them: " + said,
                        "Check the name in the connection, and that it is in the REGION tested.");
            }
            return new StageFailure(session.stage(), serviceName + " refused " + action + ": " + said,
                    "See " + serviceName + "'s error above.");
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return new StageFailure(session.stage(), serviceName + " did not answer " + action + " in time",
                    "Check that the endpoint is reachable and the service healthy.");
        }
        return new StageFailure(session.stage(), action + " failed: "
                + ServerText.clean(String.valueOf(error.getMessage()), secrets), "Check the endpoint and REGION.");
    }
}
