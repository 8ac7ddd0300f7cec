package dev.dialtone.glue;

import java.util.Optional;
import java.util.regex.Pattern;

/** A string constraint from the Glue service model: length bounds and an optional pattern. */
public record StringRule(int min, int max, Optional<Pattern> pattern, String patternMeaning) {

    // Glue's NameString pattern: any character but control characters other than tab (no CR/LF).
    private static final Pattern SINGLE_LINE =
            Pattern.compile("[\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}\\t]*");
    private static final Pattern MULTI_LINE =
            Pattern.compile("[\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}\\r\\n\\t]*");
    private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");

    public static final StringRule NAME = singleLine(1, 255);
    public static final StringRule CATALOG_ID = singleLine(1, 255);
    public static final StringRule DESCRIPTION =
            new StringRule(0, 2048, Optional.of(MULTI_LINE), "must not contain control characters other than tab, CR and LF");
    public static final StringRule PROPERTY_VALUE = new StringRule(1, 1024, Optional.empty(), "");
    public static final StringRule PROPERTY_KEY = singleLine(1, 255);
    public static final StringRule MAP_PROPERTY_KEY = new StringRule(1, 128, Optional.empty(), "");
    public static final StringRule MAP_PROPERTY_VALUE = new StringRule(1, 2048, Optional.empty(), "");
    public static final StringRule TAG_KEY = new StringRule(1, 128, Optional.empty(), "");
    public static final StringRule TAG_VALUE = new StringRule(0, 256, Optional.empty(), "");
    public static final StringRule GLUE_RESOURCE_ARN = pattern(1, 10240,
            "arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*", "must be a Glue resource ARN (arn:aws:glue:...)");
    public static final StringRule SECRET_ARN = pattern(0, 2048,
            "^arn:aws(-(cn|us-gov|iso(-[bef])?))?:secretsmanager:.*$", "must be a Secrets Manager ARN");
    public static final StringRule KMS_KEY_ARN = pattern(0, 2048, "^$|arn:aws[a-z0-9-]*:kms:.*", "must be a KMS key ARN");
    public static final StringRule TOKEN_URL = pattern(0, 256,
            "^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]", "must be an http(s) URL");
    public static final StringRule USERNAME = new StringRule(0, 512, Optional.of(NO_WHITESPACE), "must not contain whitespace");
    public static final StringRule PASSWORD = new StringRule(0, 512, Optional.empty(), "");
    public static final StringRule CLIENT_ID = new StringRule(0, 2048, Optional.of(NO_WHITESPACE), "must not contain whitespace");
    public static final StringRule CLIENT_SECRET = pattern(0, 512, "[\\x20-\\x7E]*", "must be printable ASCII");
    public static final StringRule TOKEN = new StringRule(0, 4096, Optional.empty(), "");
    public static final StringRule JWT = pattern(0, 8000,
            "^([a-zA-Z0-9_=]+)\\.([a-zA-Z0-9_=]+)\\.([a-zA-Z0-9_\\-\\+\\/=]*)", "must be a JWT (header.payload.signature)");
    public static final StringRule AUTHORIZATION_CODE = new StringRule(1, 4096, Optional.of(NO_WHITESPACE), "must not contain whitespace");
    public static final StringRule REDIRECT_URI = pattern(0, 512, "^(https?):\\/\\/[^\\s/$.?#].[^\\s]*$", "must be an http(s) URL");
    public static final StringRule TOKEN_PARAM_KEY = new StringRule(1, 128, Optional.empty(), "");
    public static final StringRule TOKEN_PARAM_VALUE = new StringRule(1, 512, Optional.empty(), "");
    public static final StringRule CREDENTIAL_KEY = new StringRule(1, 128, Optional.empty(), "");
    public static final StringRule CREDENTIAL_VALUE = new StringRule(1, 2048, Optional.empty(), "");
    public static final StringRule IAM_ROLE_ARN = pattern(0, 2048,
            "^arn:aws(-(cn|us-gov|iso(-[bef])?))?:iam::[0-9]{12}:role/.+", "must be an IAM role ARN");
    public static final StringRule ANY = new StringRule(0, Integer.MAX_VALUE, Optional.empty(), "");

    public static StringRule singleLine(int min, int max) {
        return new StringRule(min, max, Optional.of(SINGLE_LINE), "must be a single line without control characters");
    }

    private static StringRule pattern(int min, int max, String regex, String meaning) {
        return new StringRule(min, max, Optional.of(Pattern.compile(regex)), meaning);
    }

    /** Checks {@code value}; the member path goes into the message so the caller knows what to fix. */
    public void check(String member, String value) {
        violation(member, value).ifPresent(failure -> {
            throw failure;
        });
    }

    /** The failure {@link #check} would throw, if any. */
    Optional<GlueException> violation(String member, String value) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            return Optional.of(GlueException.violated(min == 1
                    ? member + " must not be empty."
                    : member + " must be at least " + min + " characters long (got " + length + ").",
                    Violation.tooShort(member, value, min)));
        }
        if (length > max) {
            return Optional.of(GlueException.violated(
                    member + " must be at most " + max + " characters long (got " + length + ").",
                    Violation.tooLong(member, value, max)));
        }
        if (pattern.isPresent() && !pattern.get().matcher(value).matches()) {
            return Optional.of(GlueException.violated(member + " " + patternMeaning + ".",
                    Violation.pattern(member, value, pattern.get())));
        }
        return Optional.empty();
    }
}
