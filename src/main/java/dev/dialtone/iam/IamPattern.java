package dev.dialtone.iam;

import java.util.Locale;

/**
 * An IAM wildcard: {@code *} matches any run of characters, {@code ?} exactly one, everything else
 * itself. Actions match ignoring case, as IAM does; resource ARNs match exactly.
 */
record IamPattern(String pattern, boolean ignoreCase) {

    static IamPattern action(String pattern) {
        return new IamPattern(pattern.toLowerCase(Locale.ROOT), true);
    }

    static IamPattern resource(String pattern) {
        return new IamPattern(pattern, false);
    }

    boolean matches(String value) {
        String subject = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return glob(pattern, subject);
    }

    /** Iterative glob with one back-track point: linear in practice, never exponential. */
    static boolean glob(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
