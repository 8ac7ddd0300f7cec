package dev.dialtone.iam;

import java.time.Instant;

/**
 * What a policy condition can ask about a request: the global condition keys Dialtone fills in.
 *
 * @param principalArn     {@code aws:PrincipalArn}
 * @param accountId        {@code aws:PrincipalAccount}
 * @param region           {@code aws:RequestedRegion} (the region of the SigV4 credential scope)
 * @param sourceIp         {@code aws:SourceIp} (the client's address as the server saw it)
 * @param secureTransport  {@code aws:SecureTransport} (whether the request came over TLS)
 * @param currentTime      {@code aws:CurrentTime}
 */
public record RequestFacts(String principalArn, String accountId, String region, String sourceIp,
        boolean secureTransport, Instant currentTime) {
}
