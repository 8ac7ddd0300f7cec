package dev.dialtone.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validating access to the members of one JSON object of a request.
 *
 * <p>Every failure names the member by its full path ({@code ConnectionInput.ConnectionProperties.PORT})
 * so that a hand-written client learns exactly what to fix. A JSON {@code null} counts as absent.
 */
public final class Members {
    private final ObjectNode node;
    private final String prefix;

    private Members(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The top-level request object. */
    public static Members of(ObjectNode request) {
        return new Members(request, "");
    }

    /** The object itself, e.g. a declaration to be stored as given. */
    com.fasterxml.jackson.databind.node.ObjectNode raw() {
        return node;
    }

    public String path(String member) {
        return prefix + member;
    }

    public boolean has(String member) {
        JsonNode value = node.get(member);
        return value != null && !value.isNull();
    }

    public Optional<String> string(String member, StringRule rule) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(member, "a string");
        }
        rule.check(path(member), value.textValue());
        return Optional.of(value.textValue());
    }

    public String requiredString(String member, StringRule rule) {
        return string(member, rule).orElseThrow(() -> missing(member));
    }

    public Optional<Boolean> bool(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(member, "a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<Integer> integer(String member, int min, int max) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member, "an integer");
        }
        int number = value.intValue();
        if (number < min || number > max) {
            throw GlueException.violated(
                    path(member) + " must be between " + min + " and " + max + " (got " + number + ").",
                    number < min ? Violation.belowMinimum(path(member), number, min)
                            : Violation.aboveMaximum(path(member), number, max));
        }
        return Optional.of(number);
    }

    public Optional<Members> object(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(member, "an object");
        }
        return Optional.of(new Members((ObjectNode) value, path(member) + "."));
    }

    public Members requiredObject(String member) {
        return object(member).orElseThrow(() -> missing(member));
    }

    public Optional<List<String>> stringList(String member, int maxItems, StringRule itemRule) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw wrongType(member, "a list of strings");
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isTextual()) {
                throw GlueException.invalidInput(path(member) + "[" + i + "] must be a string.");
            }
            items.add(item.textValue());
        }
        // Every failed constraint of the list is reported at once, as AWS's validation does.
        List<String> messages = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        if (items.size() > maxItems) {
            messages.add(path(member) + " must have at most " + maxItems + " items (got " + items.size() + ").");
            violations.add(Violation.tooLong(path(member), items.toString(), maxItems));
        }
        for (int i = 0; i < items.size(); i++) {
            itemRule.violation(path(member) + "[" + i + "]", items.get(i)).ifPresent(failure -> {
                messages.add(failure.getMessage());
                violations.addAll(failure.violations());
            });
        }
        if (!violations.isEmpty()) {
            throw new GlueException(ErrorCode.INVALID_INPUT, String.join(" ", messages), violations);
        }
        return Optional.of(Collections.unmodifiableList(items));
    }

    public List<String> requiredStringList(String member, int maxItems, StringRule itemRule) {
        return stringList(member, maxItems, itemRule).orElseThrow(() -> missing(member));
    }

    public Optional<Map<String, String>> stringMap(
            String member, int maxEntries, StringRule keyRule, StringRule valueRule) {
        JsonNode value = present(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(member, "a map of strings to strings");
        }
        if (value.size() > maxEntries) {
            throw GlueException.invalidInput(
                    path(member) + " must have at most " + maxEntries + " entries (got " + value.size() + ").");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String entryPath = path(member) + "." + field.getKey();
            keyRule.check(path(member) + " key '" + field.getKey() + "'", field.getKey());
            if (!field.getValue().isTextual()) {
                throw GlueException.invalidInput(entryPath + " must be a string.");
            }
            valueRule.check(entryPath, field.getValue().textValue());
            entries.put(field.getKey(), field.getValue().textValue());
        }
        return Optional.of(Collections.unmodifiableMap(entries));
    }

    public Map<String, String> requiredStringMap(
            String member, int maxEntries, StringRule keyRule, StringRule valueRule) {
        return stringMap(member, maxEntries, keyRule, valueRule).orElseThrow(() -> missing(member));
    }

    private JsonNode present(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private GlueException wrongType(String member, String expected) {
        return GlueException.invalidInput(path(member) + " must be " + expected + ".");
    }

    private GlueException missing(String member) {
        return GlueException.violated(path(member) + " is required.", Violation.missing(path(member)));
    }
}
