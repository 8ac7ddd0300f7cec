package dev.dialtone.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.probe.InvalidTestInput;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A secret's text as key/value pairs: a flat JSON object, as Secrets Manager and its rotation templates write. */
final class SecretJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretJson() {
    }

    static Map<String, String> parse(String secretId, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the text around the error: it must not reach the user.
            throw new InvalidTestInput("Secret '" + secretId + "' is not valid JSON; it must be a JSON object such as "
                    + "{\"username\": \"...\", \"password\": \"...\"}.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTestInput("Secret '" + secretId + "' is not a JSON object; it must look like "
                    + "{\"username\": \"...\", \"password\": \"...\"}.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            // Rotation templates write the port as a number; nested values are not credentials.
            if (value.isValueNode() && !value.isNull()) {
                values.put(field.getKey(), value.asText());
            }
        }
        return values;
    }
}
