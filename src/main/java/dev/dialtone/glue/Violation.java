package dev.dialtone.glue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One model constraint a request member fails, kept so the failure can be worded as AWS's own request validation
 * words it ({@code ValidationException}) for operations whose model lists no {@code InvalidInputException}.
 *
 * @param path       the member as Members names it ({@code ConnectionNameList[3]}, {@code ConnectionInput.Name})
 * @param value      the offending value as AWS prints it ({@code null} unquoted for a missing member)
 * @param constraint AWS's constraint text, e.g. {@code Member must have length less than or equal to 25}
 */
public record Violation(String path, String value, String constraint) {
    private static final int SHOWN_VALUE = 256;
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    static Violation missing(String path) {
        return new Violation(path, null, "Member must not be null");
    }

    static Violation tooShort(String path, String value, int min) {
        return new Violation(path, value, "Member must have length greater than or equal to " + min);
    }

    static Violation tooLong(String path, String value, int max) {
        return new Violation(path, value, "Member must have length less than or equal to " + max);
    }

    static Violation pattern(String path, String value, Pattern pattern) {
        return new Violation(path, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }

    static Violation belowMinimum(String path, long value, long min) {
        return new Violation(path, Long.toString(value), "Member must have value greater than or equal to " + min);
    }

    static Violation aboveMaximum(String path, long value, long max) {
        return new Violation(path, Long.toString(value), "Member must have value less than or equal to " + max);
    }

    /** AWS's member path: lower camel case segments, list items as {@code name.N.member} counted from 1. */
    public String awsPath() {
        Matcher index = INDEX.matcher(path);
        StringBuilder numbered = new StringBuilder();
        while (index.find()) {
            index.appendReplacement(numbered, "." + (Integer.parseInt(index.group(1)) + 1) + ".member");
        }
        index.appendTail(numbered);
        return java.util.Arrays.stream(numbered.toString().split("\\."))
                .map(segment -> segment.isEmpty() ? segment
                        : segment.substring(0, 1).toLowerCase(Locale.ROOT) + segment.substring(1))
                .collect(Collectors.joining("."));
    }

    /** {@code Value 'x' at 'member' failed to satisfy constraint: …}, a long value cut short. */
    public String sentence() {
        String shown = value == null ? "null"
                : "'" + (value.length() > SHOWN_VALUE ? value.substring(0, SHOWN_VALUE) + "..." : value) + "'";
        return "Value " + shown + " at '" + awsPath() + "' failed to satisfy constraint: " + constraint;
    }

    /** AWS's whole message: {@code N validation error(s) detected: …; …}. */
    public static String message(List<Violation> violations) {
        return violations.size() + (violations.size() == 1 ? " validation error" : " validation errors") + " detected: "
                + violations.stream().map(Violation::sentence).collect(Collectors.joining("; "));
    }
}
