package dev.dialtone.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the credentials file: {@code {"Principals": [{"AccessKeyId", "SecretAccessKey", "SessionToken"?,
 * "Arn", "Policy"}]}}. Anything malformed is refused with one message naming where; the message never
 * holds a secret key or token.
 */
public final class CredentialsFile {
    // arn:aws:iam::<12 digits>:user/... (also role, assumed-role and the like): the account is the 5th field.
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):[A-Za-z-]+/?.*");
    private static final Pattern ACCESS_KEY = Pattern.compile("\\w{16,128}");
    private static final Set<String> PRINCIPAL_MEMBERS = Set.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Arn",
            "Policy");
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CredentialsFile() {
    }

    /** @throws IllegalArgumentException naming the first problem */
    public static Principals parse(byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the text around the error, which can be a secret: only the place is kept.
            throw new IllegalArgumentException("not valid JSON" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("Principals").isArray()) {
            throw new IllegalArgumentException("must be a JSON object with a \"Principals\" list");
        }
        List<Principal> principals = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("Principals")) {
            String where = "Principals[" + index++ + "]";
            Principal principal = principal(node, where);
            if (!keys.add(principal.accessKeyId())) {
                throw new IllegalArgumentException(where + ": AccessKeyId " + principal.accessKeyId() + " is listed twice");
            }
            principals.add(principal);
        }
        return Principals.of(principals);
    }

    private static Principal principal(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        unknownMembers(node, PRINCIPAL_MEMBERS, where);
        String key = text(node, "AccessKeyId", where);
        if (!ACCESS_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(where + ".AccessKeyId must be 16-128 letters, digits or underscores");
        }
        String secret = text(node, "SecretAccessKey", where);
        Optional<String> token = node.has("SessionToken") ? Optional.of(text(node, "SessionToken", where))
                : Optional.empty();
        String arn = text(node, "Arn", where);
        Matcher account = ARN.matcher(arn);
        if (!account.matches()) {
            throw new IllegalArgumentException(where + ".Arn '" + arn + "' is not an IAM ARN such as "
                    + "arn:aws:iam::123456789012:user/ana");
        }
        if (!node.has("Policy")) {
            throw new IllegalArgumentException(where + " has no Policy (a principal without one could do nothing)");
        }
        return new Principal(key, secret, token, arn, account.group(1), policy(node.get("Policy"), where + ".Policy"));
    }

    static Policy policy(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        JsonNode version = node.get("Version");
        if (version != null && !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17")) {
            throw new IllegalArgumentException(where + ".Version must be 2012-10-17");
        }
        JsonNode statements = node.get("Statement");
        if (statements == null) {
            throw new IllegalArgumentException(where + " has no Statement");
        }
        List<Statement> read = new ArrayList<>();
        if (statements.isObject()) {
            read.add(statement(statements, where + ".Statement"));
        } else if (statements.isArray()) {
            int index = 0;
            for (JsonNode statement : statements) {
                read.add(statement(statement, where + ".Statement[" + index++ + "]"));
            }
        } else {
            throw new IllegalArgumentException(where + ".Statement must be an object or a list");
        }
        return new Policy(read);
    }

    private static Statement statement(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new IllegalArgumentException(where + ": Principal has no place in an identity-based policy");
        }
        unknownMembers(node, STATEMENT_MEMBERS, where);
        Effect effect = switch (text(node, "Effect", where)) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new IllegalArgumentException(where + ".Effect must be Allow or Deny");
        };
        boolean notAction = exactlyOne(node, "Action", "NotAction", where);
        boolean notResource = exactlyOne(node, "Resource", "NotResource", where);
        List<IamPattern> actions = strings(node.get(notAction ? "NotAction" : "Action"), where + "." + (notAction
                ? "NotAction" : "Action")).stream().map(action -> {
                    if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                        throw new IllegalArgumentException(where + ": action '" + action
                                + "' is not of the form service:Action (wildcards * and ? allowed)");
                    }
                    return IamPattern.action(action);
                }).toList();
        List<IamPattern> resources = strings(node.get(notResource ? "NotResource" : "Resource"), where + "."
                + (notResource ? "NotResource" : "Resource")).stream().map(resource -> {
                    if (!resource.equals("*") && !resource.startsWith("arn:")) {
                        throw new IllegalArgumentException(where + ": resource '" + resource + "' is not * or an ARN");
                    }
                    return IamPattern.resource(resource);
                }).toList();
        List<Condition> conditions = new ArrayList<>();
        JsonNode condition = node.get("Condition");
        if (condition != null) {
            if (!condition.isObject()) {
                throw new IllegalArgumentException(where + ".Condition must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> operator = it.next();
                String at = where + ".Condition." + operator.getKey();
                if (!operator.getValue().isObject()) {
                    throw new IllegalArgumentException(at + " must be an object of condition keys");
                }
                Map<String, List<String>> tests = new LinkedHashMap<>();
                operator.getValue().fields().forEachRemaining(test -> tests.put(test.getKey(),
                        strings(test.getValue(), at + "." + test.getKey())));
                try {
                    conditions.addAll(Condition.of(operator.getKey(), tests));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + ": " + e.getMessage());
                }
            }
        }
        return new Statement(effect, actions, notAction, resources, notResource, conditions);
    }

    private static boolean exactlyOne(JsonNode node, String plain, String negated, String where) {
        if (node.has(plain) == node.has(negated)) {
            throw new IllegalArgumentException(where + " must have exactly one of " + plain + " and " + negated);
        }
        return node.has(negated);
    }

    /** A string or a non-empty list of strings (condition values may also be numbers or booleans). */
    private static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode value : node) {
                if (!value.isValueNode() || value.isNull()) {
                    throw new IllegalArgumentException(where + " must hold strings only");
                }
                values.add(value.asText());
            }
        } else {
            throw new IllegalArgumentException(where + " must be a string or a non-empty list of strings");
        }
        return values;
    }

    private static String text(JsonNode node, String member, String where) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(where + "." + member + " must be a non-empty string");
        }
        return value.textValue();
    }

    private static void unknownMembers(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + " has an unknown member '" + name + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        });
    }
}
