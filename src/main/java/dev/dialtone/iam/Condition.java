package dev.dialtone.iam;

import dev.dialtone.guard.AddressRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One test of a statement's {@code Condition} block: an operator, a global condition key and its
 * values (any value may match). Only the operators and keys below are supported; a policy naming
 * another is refused when the credentials file is read, never silently ignored.
 */
record Condition(Operator operator, Key key, List<String> values) {

    /** The global condition keys Dialtone knows, each read from the request's facts. */
    enum Key {
        SOURCE_IP("aws:SourceIp", RequestFacts::sourceIp),
        SECURE_TRANSPORT("aws:SecureTransport", facts -> Boolean.toString(facts.secureTransport())),
        CURRENT_TIME("aws:CurrentTime", facts -> facts.currentTime().toString()),
        PRINCIPAL_ARN("aws:PrincipalArn", RequestFacts::principalArn),
        PRINCIPAL_ACCOUNT("aws:PrincipalAccount", RequestFacts::accountId),
        REQUESTED_REGION("aws:RequestedRegion", RequestFacts::region);

        private final String name;
        private final Function<RequestFacts, String> value;

        Key(String name, Function<RequestFacts, String> value) {
            this.name = name;
            this.value = value;
        }

        static Optional<Key> named(String name) {
            for (Key key : values()) {
                // Condition key names are case-insensitive in IAM.
                if (key.name.equalsIgnoreCase(name)) {
                    return Optional.of(key);
                }
            }
            return Optional.empty();
        }
    }

    /** The condition operators Dialtone evaluates; a negated operator is true when no value matches. */
    enum Operator {
        STRING_EQUALS("StringEquals", false, Kind.STRING),
        STRING_NOT_EQUALS("StringNotEquals", true, Kind.STRING),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, Kind.STRING_IGNORE_CASE),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, Kind.STRING_IGNORE_CASE),
        STRING_LIKE("StringLike", false, Kind.LIKE),
        STRING_NOT_LIKE("StringNotLike", true, Kind.LIKE),
        IP_ADDRESS("IpAddress", false, Kind.IP),
        NOT_IP_ADDRESS("NotIpAddress", true, Kind.IP),
        BOOL("Bool", false, Kind.BOOL),
        DATE_LESS_THAN("DateLessThan", false, Kind.DATE_BEFORE),
        DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, Kind.DATE_NOT_AFTER),
        DATE_GREATER_THAN("DateGreaterThan", false, Kind.DATE_AFTER),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, Kind.DATE_NOT_BEFORE);

        private final String name;
        private final boolean negated;
        private final Kind kind;

        Operator(String name, boolean negated, Kind kind) {
            this.name = name;
            this.negated = negated;
            this.kind = kind;
        }

        static Optional<Operator> named(String name) {
            for (Operator operator : values()) {
                if (operator.name.equals(name)) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }
    }

    private enum Kind { STRING, STRING_IGNORE_CASE, LIKE, IP, BOOL, DATE_BEFORE, DATE_NOT_AFTER, DATE_AFTER, DATE_NOT_BEFORE }

    /** Checks the values once, when the policy is read, so evaluation never meets a malformed one. */
    Condition {
        values = List.copyOf(values);
        for (String value : values) {
            switch (operator.kind) {
                case IP -> AddressRange.parse(value);
                case BOOL -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException(operator.name + " takes true or false, not '" + value + "'");
                    }
                }
                case DATE_BEFORE, DATE_NOT_AFTER, DATE_AFTER, DATE_NOT_BEFORE -> instant(value);
                default -> {
                    // Any string.
                }
            }
        }
        boolean fits = switch (operator.kind) {
            case IP -> key == Key.SOURCE_IP;
            case BOOL -> key == Key.SECURE_TRANSPORT;
            case DATE_BEFORE, DATE_NOT_AFTER, DATE_AFTER, DATE_NOT_BEFORE -> key == Key.CURRENT_TIME;
            default -> key != Key.SECURE_TRANSPORT && key != Key.CURRENT_TIME && key != Key.SOURCE_IP;
        };
        if (!fits) {
            throw new IllegalArgumentException(operator.name + " cannot test " + key.name);
        }
    }

    boolean holds(RequestFacts facts) {
        String actual = key.value.apply(facts);
        boolean anyMatches = values.stream().anyMatch(expected -> matches(expected, actual));
        return operator.negated != anyMatches;
    }

    private boolean matches(String expected, String actual) {
        return switch (operator.kind) {
            case STRING -> expected.equals(actual);
            case STRING_IGNORE_CASE -> expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
            case LIKE -> IamPattern.glob(expected, actual);
            case IP -> AddressRange.literal(actual).filter(AddressRange.parse(expected)::contains).isPresent();
            case BOOL -> expected.equalsIgnoreCase(actual);
            case DATE_BEFORE -> Instant.parse(actual).isBefore(instant(expected));
            case DATE_NOT_AFTER -> !Instant.parse(actual).isAfter(instant(expected));
            case DATE_AFTER -> Instant.parse(actual).isAfter(instant(expected));
            case DATE_NOT_BEFORE -> !Instant.parse(actual).isBefore(instant(expected));
        };
    }

    /** IAM dates: ISO 8601 ({@code 2026-01-01T00:00:00Z}, also a bare date) or epoch seconds. */
    private static Instant instant(String value) {
        try {
            if (value.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Instant.parse(value + "T00:00:00Z");
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO 8601 date or epoch seconds");
        }
    }

    /** Reads one {@code "Operator": {"key": value-or-list}} entry. */
    static List<Condition> of(String operatorName, Map<String, List<String>> tests) {
        Operator operator = Operator.named(operatorName).orElseThrow(() -> new IllegalArgumentException(
                "condition operator '" + operatorName + "' is not supported (supported: " + supportedOperators() + ")"));
        return tests.entrySet().stream().map(test -> new Condition(operator,
                Key.named(test.getKey()).orElseThrow(() -> new IllegalArgumentException("condition key '" + test.getKey()
                        + "' is not supported (supported: " + supportedKeys() + ")")),
                test.getValue())).toList();
    }

    static String supportedOperators() {
        return String.join(", ", java.util.Arrays.stream(Operator.values()).map(op -> op.name).toList());
    }

    static String supportedKeys() {
        return String.join(", ", java.util.Arrays.stream(Key.values()).map(key -> key.name).toList());
    }
}
