package dev.dialtone.iam;

import java.util.Optional;

/**
 * One caller the credentials file lists: its access key and secret, a session token for temporary
 * keys, its ARN (whose account is the caller's account and default catalog) and its policy.
 * The secret and the token are never printed.
 */
public record Principal(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String arn,
        String accountId, Policy policy) {

    @Override
    public String toString() {
        return "Principal[" + arn + ", key " + accessKeyId + (sessionToken.isPresent() ? ", temporary" : "") + "]";
    }
}
