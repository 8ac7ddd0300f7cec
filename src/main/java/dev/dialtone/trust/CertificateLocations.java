package dev.dialtone.trust;

import dev.dialtone.aws.AwsSettings;
import dev.dialtone.probe.InvalidTestInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the TLS material a connection names by location (CA certificates, client keystores): an
 * {@code s3://bucket/key} object read through the AWS SDK, or a file name inside the operator's
 * certificate directory. A user never makes the server read a file of its own: absolute paths,
 * {@code ..} and anything that resolves outside the directory are refused before anything is opened.
 */
public final class CertificateLocations implements AutoCloseable {
    private static final int LONGEST_LOCATION = 1024;
    private static final int LARGEST = 256 * 1024;
    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private final Optional<Path> directory;
    private final AwsSettings aws;
    private S3Client s3;

    public CertificateLocations(Optional<Path> directory, AwsSettings aws) {
        this.directory = directory;
        this.aws = aws;
    }

    /**
     * The bytes at {@code location}.
     *
     * @param property the connection property that named it, for messages
     * @throws InvalidTestInput naming the property, the location and the problem
     */
    public byte[] read(String property, String location) {
        String where = describe(property, location);
        if (location.length() > LONGEST_LOCATION) {
            throw new InvalidTestInput(property + " must be at most " + LONGEST_LOCATION + " characters.");
        }
        Matcher s3Location = S3.matcher(location);
        if (location.startsWith("s3://")) {
            if (!s3Location.matches()) {
                throw new InvalidTestInput(where + " is not a valid S3 location; use s3://bucket/key.");
            }
            return fromS3(where, s3Location.group(1), s3Location.group(2));
        }
        return fromDirectory(where, location);
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

    private byte[] fromS3(String where, String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3().getObjectAsBytes(r -> r.bucket(bucket).key(key));
            if (object.response().contentLength() != null && object.response().contentLength() > LARGEST) {
                throw new InvalidTestInput(where + " is larger than " + LARGEST / 1024 + " KiB.");
            }
            return object.asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new InvalidTestInput(where + " was not found in S3 ("
                    + (e instanceof NoSuchKeyException ? "no such key" : "no such bucket") + ").");
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new InvalidTestInput(where + " cannot be read: access denied; Dialtone's AWS identity needs "
                        + "s3:GetObject on it.");
            }
            if (e.statusCode() == 404) {
                throw new InvalidTestInput(where + " was not found in S3.");
            }
            throw new InvalidTestInput(where + " cannot be read: S3 answered HTTP " + e.statusCode()
                    + (e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode()) + ".");
        } catch (ApiCallTimeoutException e) {
            throw new InvalidTestInput(where + " cannot be read: S3 did not answer within "
                    + aws.callTimeout().toMillis() + " ms.");
        } catch (SdkClientException e) {
            throw new InvalidTestInput(where + " cannot be read: S3 could not be reached or Dialtone has no AWS "
                    + "credentials (" + e.getMessage() + ").");
        }
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            S3ClientBuilder builder = S3Client.builder().region(aws.region(Optional.empty()))
                    .credentialsProvider(aws.credentials()).httpClient(aws.httpClient())
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
