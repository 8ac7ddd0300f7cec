package dev.dialtone.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dialtone.fixtures.RawHttp;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What every answer to a hostile request must be: never a 5xx, always JSON 1.1, only errors the model allows. */
final class WireAnswers {
    private WireAnswers() {
    }

    /**
     * @param operation the operation the request's target names, when the server has it
     * @param request   what was sent, for the failure message
     */
    static void assertWellFormed(RawHttp.Answer answer, Optional<String> operation, Object request) throws IOException {
        String context = request + "\n  answered: " + answer;
        assertThat(answer.status()).as(context).isBetween(200, 499);
        assertThat(answer.header("x-amzn-RequestId")).as(context).isPresent();
        assertThat(answer.header("Content-Type")).as(context).hasValue("application/x-amz-json-1.1");
        JsonNode body = HostileRequests.parse(answer.body());
        assertThat(body.isObject()).as(context).isTrue();
        if (answer.status() == 200) {
            return;
        }
        String type = body.path("__type").asText();
        assertThat(type).as(context).isNotBlank();
        assertThat(body.path("Message").isTextual()).as(context).isTrue();
        assertThat(answer.header("x-amzn-ErrorType")).as(context).hasValue(type);
        assertThat(AllowedErrors.allows(operation, type)).as(context + "\n  " + type + " is not an error "
                + operation.orElse("a request reaching no operation") + " may answer").isTrue();
    }

    /** The operation {@code target} names, if the server answers it. */
    static Optional<String> operation(String target, List<String> operations) {
        String trimmed = target.trim();
        return trimmed.startsWith(OperationTable.TARGET_PREFIX)
                && operations.contains(trimmed.substring(OperationTable.TARGET_PREFIX.length()))
                ? Optional.of(trimmed.substring(OperationTable.TARGET_PREFIX.length())) : Optional.empty();
    }

    static void assertStillAnswering(int port) throws IOException {
        // HidePassword: the batch may have stored connections and then encryption settings naming a KMS key that
        // cannot be used, after which returning passwords rightly fails with GlueEncryptionException.
        String body = "{\"HidePassword\":true}";
        RawHttp.Answer ok = RawHttp.exchange(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "X-Amz-Target: AWSGlue.GetConnections\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(ok.status()).as("a valid request after the batch: " + ok).isEqualTo(200);
    }
}
