package dev.dialtone.wire;

import dev.dialtone.iam.Principal;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Recomputes a request's SigV4 signature with the AWS SDK's own signers, over the request as received
 * (method, path, query, exactly the headers it says it signed, its body) and the principal's secret key.
 * Dialtone does no canonicalisation or HMAC of its own.
 *
 * <p>Two of the SDK's signers are used, because of one difference between clients: the SDK for Java v2
 * signs an {@code x-amz-content-sha256} header with every request, and its {@link AwsV4HttpSigner} always
 * adds that header to what it signs, while botocore (the AWS CLI, boto3), the JavaScript and Go SDKs send
 * and sign it only for S3. So a header-form request that signed {@code x-amz-content-sha256}, and every
 * presigned request, is recomputed with {@link AwsV4HttpSigner}; a header-form request that did not is
 * recomputed with the SDK's earlier {@link Aws4Signer}, which signs exactly the headers it is given and the
 * body's SHA-256.
 */
final class SdkSignatures {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkSignatures() {
    }

    /** @return the signature the request should carry, or empty when the request cannot be rebuilt at all */
    static Optional<String> expected(SigV4Authorization auth, Request request, byte[] body, Principal principal) {
        Optional<SdkHttpFullRequest> received = rebuild(auth, request);
        if (received.isEmpty()) {
            return Optional.empty();
        }
        Clock signedAt = Clock.fixed(auth.signedAt(), ZoneOffset.UTC);
        if (!auth.presigned() && !auth.signedHeaders().contains(CONTENT_SHA256)) {
            return legacy(received.get(), body, principal, auth, signedAt);
        }
        SignedRequest signed = SIGNER.sign(sign -> {
            sign.identity(identity(principal))
                    .request(received.get())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, auth.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, auth.region())
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signedAt);
            if (body.length > 0) {
                sign.payload(() -> new ByteArrayInputStream(body));
            }
            if (auth.presigned()) {
                sign.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING);
                auth.expires().ifPresent(expires -> sign.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires));
            } else {
                // The SDK itself signs the body anyway when one travels over plain HTTP: UNSIGNED-PAYLOAD is honoured
                // only where nothing unprotected can travel (no body, or TLS).
                boolean unsigned = request.getHeaders().get(CONTENT_SHA256) != null
                        && UNSIGNED_PAYLOAD.equals(request.getHeaders().get(CONTENT_SHA256).trim());
                sign.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsigned);
            }
        });
        if (auth.presigned()) {
            List<String> signature = signed.request().rawQueryParameters().get("X-Amz-Signature");
            return signature == null || signature.isEmpty() ? Optional.empty() : Optional.of(signature.get(0));
        }
        return signatureOf(signed.request());
    }

    /** The SDK's earlier signer, for header-form requests whose client did not sign {@code x-amz-content-sha256}. */
    @SuppressWarnings("deprecation") // Deprecated for signing outgoing calls; still the SDK's canonical SigV4.
    private static Optional<String> legacy(SdkHttpFullRequest received, byte[] body, Principal principal,
            SigV4Authorization auth, Clock signedAt) {
        AwsCredentials credentials = principal.sessionToken().isPresent()
                ? AwsSessionCredentials.create(principal.accessKeyId(), principal.secretAccessKey(),
                        principal.sessionToken().get())
                : AwsBasicCredentials.create(principal.accessKeyId(), principal.secretAccessKey());
        SdkHttpFullRequest signed = Aws4Signer.create().sign(
                received.toBuilder().contentStreamProvider(() -> new ByteArrayInputStream(body)).build(),
                Aws4SignerParams.builder()
                        .awsCredentials(credentials)
                        .signingName(auth.service())
                        .signingRegion(Region.of(auth.region()))
                        .signingClockOverride(signedAt)
                        .doubleUrlEncode(true)
                        .build());
        return signatureOf(signed);
    }

    private static AwsCredentialsIdentity identity(Principal principal) {
        return principal.sessionToken().isPresent()
                ? AwsSessionCredentialsIdentity.create(principal.accessKeyId(), principal.secretAccessKey(),
                        principal.sessionToken().get())
                : AwsCredentialsIdentity.create(principal.accessKeyId(), principal.secretAccessKey());
    }

    private static Optional<String> signatureOf(SdkHttpRequest signed) {
        return signed.firstMatchingHeader("Authorization").map(SIGNATURE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1));
    }

    /** The received request as the SDK models one: only the signed headers, the raw path, the decoded query. */
    private static Optional<SdkHttpFullRequest> rebuild(SigV4Authorization auth, Request request) {
        String hostHeader = request.getHeaders().get("Host");
        if (hostHeader == null) {
            return Optional.empty();
        }
        String protocol = request.isSecure() ? "https" : "http";
        URI authority;
        try {
            authority = URI.create(protocol + "://" + hostHeader.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (authority.getHost() == null) {
            return Optional.empty();
        }
        String path = request.getHttpURI().getPath();
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getMethod()))
                .protocol(protocol)
                .host(authority.getHost())
                .port(authority.getPort())
                .encodedPath(path == null || path.isEmpty() ? "/" : path);
        auth.query().forEach((name, values) -> {
            if (!(auth.presigned() && name.equals("X-Amz-Signature"))) {
                builder.putRawQueryParameter(name, values);
            }
        });
        for (String name : auth.signedHeaders()) {
            List<String> values = request.getHeaders().getValuesList(name);
            if (!values.isEmpty()) {
                builder.putHeader(name, values);
            }
        }
        return Optional.of(builder.build());
    }
}
