package dev.dialtone.glue;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Glue's rules for the tags of a resource, wherever tags are given (CreateConnection, TagResource). */
final class TagRules {
    /** Tags one resource may carry, in total. */
    static final int MAX_TAGS = 50;

    private TagRules() {
    }

    /** A tag map as a request gives it: at most 50 entries, keys 1–128 and values 0–256 characters, no {@code aws:} key. */
    static Map<String, String> read(Members request, String member, boolean required) {
        Map<String, String> tags = required
                ? request.requiredStringMap(member, MAX_TAGS, StringRule.TAG_KEY, StringRule.TAG_VALUE)
                : request.stringMap(member, MAX_TAGS, StringRule.TAG_KEY, StringRule.TAG_VALUE).orElse(Map.of());
        checkNotReserved(request.path(member), tags.keySet());
        return tags;
    }

    /** AWS keeps keys that start with {@code aws:}, in any case, for its own tags: a user may not set them. */
    static void checkNotReserved(String member, Collection<String> keys) {
        for (String key : keys) {
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw GlueException.invalidInput(member + " key '" + key
                        + "' starts with 'aws:', a prefix reserved for AWS's own tags.");
            }
        }
    }
}
