package dev.dialtone.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Turns a property's text into the value a tester uses, or says which rule it breaks. The registry decodes
 * every declared property before a tester plans its test, so testers never parse flags, ports or numbers
 * themselves, and every tester refuses the same malformed value in the same words.
 */
public sealed interface PropertyDecoder {

    /** The decoded value of {@code text} (already trimmed); a {@link Refused} names the rule when it breaks it. */
    Object decode(String text) throws Refused;

    /** The rule in words, for messages and DescribeConnectionType ("a number from 1 to 65535"). */
    String rule();

    /** Glue's {@code PropertyTypes} word for DescribeConnectionType. */
    default String propertyType() {
        return "USER_INPUT";
    }

    /** The value breaks the rule. */
    final class Refused extends Exception {
        Refused() {
            super(null, null, false, false);
        }
    }

    /** Any text, as given. */
    Text TEXT = new Text();

    /** {@code true} or {@code false}, in any case. */
    Flag FLAG = new Flag();

    /** A TCP port, 1–65535. */
    IntegerRange PORT = new IntegerRange(1, 65535);

    static IntegerRange range(int min, int max) {
        return new IntegerRange(min, max);
    }

    static Choice choice(List<String> values) {
        return new Choice(values);
    }

    static Url url(String... schemes) {
        return new Url(List.of(schemes));
    }

    record Text() implements PropertyDecoder {
        @Override
        public Object decode(String text) {
            return text;
        }

        @Override
        public String rule() {
            return "any text";
        }
    }

    record Flag() implements PropertyDecoder {
        @Override
        public Object decode(String text) throws Refused {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new Refused();
        }

        @Override
        public String rule() {
            return "true or false";
        }
    }

    record IntegerRange(int min, int max) implements PropertyDecoder {
        @Override
        public Object decode(String text) throws Refused {
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Refused();
            }
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new Refused();
            }
            return (int) value;
        }

        @Override
        public String rule() {
            return "a number from " + min + " to " + max;
        }
    }

    /** One of a fixed set, compared without case; decodes to the declared spelling. */
    record Choice(List<String> values) implements PropertyDecoder {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object decode(String text) throws Refused {
            return values.stream().filter(value -> value.equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(Refused::new);
        }

        @Override
        public String rule() {
            return "one of " + String.join(", ", new TreeSet<>(values));
        }
    }

    /** An absolute URL with a host, of one of the schemes, without user information (credentials belong elsewhere). */
    record Url(List<String> schemes) implements PropertyDecoder {
        public Url {
            schemes = List.copyOf(schemes);
        }

        @Override
        public Object decode(String text) throws Refused {
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                        || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                    throw new Refused();
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new Refused();
            }
        }

        @Override
        public String rule() {
            return "a " + String.join(" or ", schemes.stream().map(scheme -> scheme + "://").toList())
                    + " URL with a host and no user name or password in it";
        }
    }
}
