package dev.dialtone.wire;

import dev.dialtone.glue.Caller;
import dev.dialtone.glue.ErrorCode;
import dev.dialtone.glue.GlueException;
import dev.dialtone.iam.PolicyPermissions;
import dev.dialtone.iam.Principal;
import dev.dialtone.iam.Principals;
import dev.dialtone.iam.RequestFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;

/**
 * The shared-server mode: every request must be signed (SigV4, header or presigned query string) by a
 * principal of the credentials file, and the caller it establishes carries that principal's policy.
 * Refusals are AWS's own, in AWS's words. The signature is recomputed by the AWS SDK
 * ({@link SdkSignatures}) and compared in constant time.
 */
public final class SigV4Authenticator implements Authenticator {
    /** How far {@code X-Amz-Date} may be from the server's clock, as in AWS. */
    static final Duration SKEW = Duration.ofMinutes(5);
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    private final Supplier<Principals> principals;
    private final Clock clock;

    public SigV4Authenticator(Supplier<Principals> principals, Clock clock) {
        this.principals = principals;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(Request request, byte[] body) {
        SigV4Authorization auth = SigV4Authorization.of(request).orElseThrow(() -> new GlueException(
                ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
        Instant now = clock.instant();
        checkTime(auth, now);
        Principal principal = principals.get().find(auth.accessKeyId())
                .orElseThrow(() -> new GlueException(ErrorCode.UNRECOGNIZED_CLIENT, INVALID_TOKEN));
        checkToken(principal, auth.securityToken());
        String expected = SdkSignatures.expected(auth, request, body, principal)
                .orElseThrow(() -> new GlueException(ErrorCode.INVALID_SIGNATURE, MISMATCH));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new GlueException(ErrorCode.INVALID_SIGNATURE, MISMATCH);
        }
        String source = Request.getRemoteAddr(request);
        RequestFacts facts = new RequestFacts(principal.arn(), principal.accountId(), auth.region(), source,
                request.isSecure(), now);
        return new Caller(Optional.of(principal.arn()), principal.accountId(), auth.region(), source,
                new PolicyPermissions(principal.policy(), facts));
    }

    private static void checkTime(SigV4Authorization auth, Instant now) {
        if (!auth.amzDate().startsWith(auth.scopeDate())) {
            throw new GlueException(ErrorCode.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from "
                    + "ISO-8601 version of date from HTTP: '" + auth.scopeDate() + "' != '" + auth.amzDate().substring(0, 8)
                    + "', from '" + auth.amzDate() + "'.");
        }
        Instant signed = auth.signedAt();
        Instant latest = now.plus(SKEW);
        if (signed.isAfter(latest)) {
            throw new GlueException(ErrorCode.INVALID_SIGNATURE, "Signature not yet current: " + auth.amzDate()
                    + " is still later than " + format(latest) + " (" + format(now) + " + 5 min.)");
        }
        // A presigned URL is good for its X-Amz-Expires; a signed header for five minutes either side.
        Duration validity = auth.expires().orElse(SKEW);
        Instant earliest = now.minus(validity);
        if (signed.isBefore(earliest)) {
            String window = auth.expires().isPresent() ? validity.toSeconds() + " sec." : "5 min.";
            throw new GlueException(ErrorCode.INVALID_SIGNATURE, "Signature expired: " + auth.amzDate()
                    + " is now earlier than " + format(earliest) + " (" + format(now) + " - " + window + ")");
        }
    }

    /** Temporary keys must come with their session token; long-term keys with none. */
    private static void checkToken(Principal principal, Optional<String> presented) {
        boolean matches = principal.sessionToken().isPresent() == presented.isPresent()
                && (presented.isEmpty() || MessageDigest.isEqual(
                        presented.get().getBytes(StandardCharsets.UTF_8),
                        principal.sessionToken().get().getBytes(StandardCharsets.UTF_8)));
        if (!matches) {
            throw new GlueException(ErrorCode.UNRECOGNIZED_CLIENT, INVALID_TOKEN);
        }
    }

    private static String format(Instant instant) {
        return SigV4Authorization.AMZ_DATE.format(instant);
    }
}
