package dev.dialtone.probe.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glue's {@code ConnectorProperty}: a value a registered type takes, and where it goes in the request.
 *
 * @param location HEADER, BODY, QUERY_PARAM or PATH (empty: not placed, e.g. the Url)
 * @param type     USER_INPUT, SECRET, READ_ONLY, UNUSED or SECRET_OR_USER_INPUT
 * @param format   how the value is sent, {@code {value}} standing for it (e.g. {@code SSWS {value}}); Dialtone also
 *                 reads {@code {base64:...}}, the base64 of what it encloses, {@code {value}} filled in first (e.g.
 *                 {@code Basic {base64:{value}:X}}), for APIs whose key goes in as an HTTP Basic user or password
 */
public record ConnectorProperty(String name, Optional<String> keyOverride, boolean required,
        Optional<String> defaultValue, List<String> allowedValues, Optional<String> location, String type,
        Optional<String> format) {

    // {base64:...}: its content may hold {value} but no other braces.
    private static final Pattern BASE64 = Pattern.compile("\\{base64:((?:[^{}]|\\{value})*)}");

    public ConnectorProperty {
        allowedValues = List.copyOf(allowedValues);
    }

    static ConnectorProperty read(JsonNode node) {
        List<String> allowed = new ArrayList<>();
        node.path("AllowedValues").forEach(value -> allowed.add(value.isObject() ? value.path("Value").asText()
                : value.asText()));
        return new ConnectorProperty(node.path("Name").asText(), text(node, "KeyOverride"),
                node.path("Required").asBoolean(false), text(node, "DefaultValue"), allowed,
                text(node, "PropertyLocation").map(l -> l.toUpperCase(Locale.ROOT)),
                text(node, "PropertyType").orElse("USER_INPUT").toUpperCase(Locale.ROOT), text(node, "Format"));
    }

    static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The name it is sent under: KeyOverride, else Name. */
    public String key() {
        return keyOverride.orElse(name);
    }

    /** The value as sent: through Format when the type declares one. */
    public String formatted(String value) {
        return format.map(template -> {
            Matcher encoded = BASE64.matcher(template);
            StringBuilder out = new StringBuilder();
            while (encoded.find()) {
                encoded.appendReplacement(out, Matcher.quoteReplacement(base64(encoded.group(1).replace("{value}",
                        value))));
            }
            encoded.appendTail(out);
            return out.toString().replace("{value}", value);
        }).orElse(value);
    }

    /** Every form of a secret value this property sends (itself, formatted, each base64 part), to redact them all. */
    public List<String> sentForms(String value) {
        List<String> forms = new ArrayList<>(List.of(value, formatted(value)));
        format.ifPresent(template -> {
            Matcher encoded = BASE64.matcher(template);
            while (encoded.find()) {
                forms.add(base64(encoded.group(1).replace("{value}", value)));
            }
        });
        return forms;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SECRET and SECRET_OR_USER_INPUT values are secrets everywhere. */
    public boolean secret() {
        return type.equals("SECRET") || type.equals("SECRET_OR_USER_INPUT");
    }

    public boolean readOnly() {
        return type.equals("READ_ONLY");
    }

    public boolean unused() {
        return type.equals("UNUSED");
    }
}
