package dev.dialtone.trust;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.guard.Permissions;
import dev.dialtone.probe.InvalidTestInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the TLS material a connection names by location (CA certificates, client keystores): an
 * {@code s3://bucket/key} object read through the AWS SDK, or a file name inside the operator's
 * certificate directory. A user never makes the server read a file of its own: absolute paths,
 * {@code ..} and anything that resolves outside the directory are refused before anything is opened.
 */
public final class CertificateLocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateLocations.class);
    private static final int LONGEST_LOCATION = 1024;
    private static final int LARGEST = 256 * 1024;
    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private final Optional<Path> directory;
    private final AwsSettings aws;
    private final Optional<AwsCredentialsProvider> credentials;
    private S3Client s3;

    public CertificateLocations(Optional<Path> directory, AwsSettings aws) {
        this.directory = directory;
        this.aws = aws;
        this.credentials = aws.credentials();
    }

    /**
     * The bytes at {@code location}.
     *
     * @param property the connection property that named it, for messages
     * @throws InvalidTestInput naming the property, the location and the problem
     */
    public byte[] read(String property, String location, Permissions permissions) {
        String where = describe(property, location);
        if (location.length() > LONGEST_LOCATION) {
            throw new InvalidTestInput(property + " must be at most " + LONGEST_LOCATION + " characters.");
        }
        Matcher s3Location = S3.matcher(location);
        if (location.startsWith("s3://")) {
            if (!s3Location.matches()) {
                throw new InvalidTestInput(where + " is not a valid S3 location; use s3://bucket/key.");
            }
            String bucket = s3Location.group(1);
            String key = s3Location.group(2);
            // Read with the server's identity on the caller's behalf: the caller must be allowed the object.
            permissions.require("s3:GetObject", objectArn(bucket, key));
            return fromS3(property, location, bucket, key);
        }
        return fromDirectory(where, location);
    }

    /** The resource an IAM policy names for an object: {@code arn:aws:s3:::bucket/key}. */
    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** Whether {@code location} names an S3 object. */
    public static boolean isS3(String location) {
        return location.startsWith("s3://");
    }

    /**
     * The one answer a caller gets for an S3 object that is missing, may not be read, or holds nothing usable:
     * telling them apart would let a caller probe which objects exist. The reason goes to the log at DEBUG.
     */
    public static InvalidTestInput unusableS3Object(String property, String location, String reason) {
        LOG.debug("{} {} is unusable: {}", property, location, reason);
        return new InvalidTestInput(describe(property, location) + " cannot be used: the object does not exist, "
                + "Dialtone may not read it, or it does not hold what " + property + " needs.");
    }

    /** How messages name a location: the property and its value. */
    static String describe(String property, String location) {
        return property + " '" + location + "'";
    }

    private byte[] fromDirectory(String where, String name) {
        if (directory.isEmpty()) {
            throw new InvalidTestInput(where + " cannot be read: give an s3://bucket/key location, or ask the operator "
                    + "to configure a certificate directory (DIALTONE_CERT_DIR) and name a file in it.");
        }
        if (!RELATIVE.matcher(name).matches() || name.contains("..")) {
            throw new InvalidTestInput(where + " is refused: it must be s3://bucket/key or the name of a file inside "
                    + "the certificate directory (no absolute path, no '..').");
        }
        try {
            Path root = directory.get().toRealPath();
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root) || !Files.exists(file)) {
                throw new InvalidTestInput(where + " was not found in the certificate directory.");
            }
            Path real = file.toRealPath();
            // A link to a file elsewhere would read outside the directory.
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                throw new InvalidTestInput(where + " is refused: it is not a file inside the certificate directory.");
            }
            if (Files.size(real) > LARGEST) {
                throw new InvalidTestInput(where + " is larger than " + LARGEST / 1024 + " KiB; it must hold CA "
                        + "certificates only.");
            }
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw new InvalidTestInput(where + " cannot be read from the certificate directory: "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    private byte[] fromS3(String property, String location, String bucket, String key) {
        String where = describe(property, location);
        if (credentials.isEmpty()) {
            throw new InvalidTestInput(where + " cannot be read: " + AwsSettings.NO_IDENTITY + ".");
        }
        try {
            ResponseBytes<GetObjectResponse> object = s3().getObjectAsBytes(r -> r.bucket(bucket).key(key));
            if (object.response().contentLength() != null && object.response().contentLength() > LARGEST) {
                throw unusableS3Object(property, location, "larger than " + LARGEST / 1024 + " KiB");
            }
            return object.asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw unusableS3Object(property, location, e instanceof NoSuchKeyException ? "no such key" : "no such bucket");
        } catch (S3Exception e) {
            throw unusableS3Object(property, location, "S3 answered HTTP " + e.statusCode()
                    + (e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode()));
        } catch (ApiCallTimeoutException e) {
            throw new InvalidTestInput(where + " cannot be read: S3 did not answer within "
                    + aws.callTimeout().toMillis() + " ms.");
        } catch (SdkClientException e) {
            LOG.debug("{} {}: S3 could not be used: {}", property, location, e.getMessage());
            throw new InvalidTestInput(where + " cannot be read: S3 could not be reached.");
        }
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            S3ClientBuilder builder = S3Client.builder().region(aws.region(Optional.empty()))
                    .credentialsProvider(credentials.orElseThrow()).httpClient(aws.httpClient())
                    .overrideConfiguration(aws.overrides());
            aws.endpoint("S3").ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
            s3 = builder.build();
        }
        return s3;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
