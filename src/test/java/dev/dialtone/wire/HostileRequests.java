package dev.dialtone.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Hostile Glue requests built from each operation's request shape as the AWS SDK's own model describes it
 * ({@code <Operation>Request.sdkFields()}), so an operation added to the server is fuzzed by its own shape.
 *
 * <p>Every connection property value is drawn from an alphabet with no digit, dot, colon or slash, or from a fixed
 * pool of loopback and {@code .invalid} addresses: a TestConnection built here (inline, or by the name of a
 * connection created here) can only resolve through the test hosts file (loopback only) or fail to resolve.
 */
final class HostileRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.glue.model.";
    private static final String SAFE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_ \t\u00e9\u4e2d\u202e\u0000";
    private static final List<String> SAFE_PROPERTY_VALUES = List.of("localhost", "db.invalid", "127.0.0.1",
            "jdbc:postgresql://127.0.0.1:1/x", "jdbc:mysql://db.invalid:3306/x", "jdbc:mariadb://127.0.0.1:1/x",
            "jdbc:sqlserver://db.invalid:1433;databaseName=x", "127.0.0.1:1", "mongodb://127.0.0.1:1/x",
            "https://login.invalid/services/oauth2/token", "postgresql", "mysql", "true", "false", "u", "p", "");
    private static final List<String> NASTY_STRINGS = List.of("", " ", "\u0000", "\r\n", "\t", "\u202e\u202d",
            "\ud83d\ude00", "\uffff", "\u00ff\u00fe", "null", "true", "-1", "' OR 1=1 --", "../../etc/passwd",
            "%00", "${jndi:ldap://127.0.0.1:1/a}", "<script>", "\\", "\"", "AWSGlue.CreateConnection", "a\nb",
            "n".repeat(256), "x".repeat(2049));

    /**
     * A valid request per operation, so that half the mutations start from a body that passes every check but the
     * broken one and so reach deeper; operations not listed start from their model shape only.
     */
    private static final Map<String, String> VALID = Map.of(
            "CreateConnection", "{\"ConnectionInput\":{\"Name\":\"fuzz-created\",\"ConnectionType\":\"JDBC\","
                    + "\"ConnectionProperties\":{\"JDBC_CONNECTION_URL\":\"jdbc:postgresql://127.0.0.1:1/x\","
                    + "\"USERNAME\":\"u\",\"PASSWORD\":\"p\"},\"MatchCriteria\":[\"a\"],\"Description\":\"d\"}}",
            "GetConnection", "{\"Name\":\"fuzz-created\",\"HidePassword\":true}",
            "GetConnections", "{\"Filter\":{\"ConnectionType\":\"JDBC\",\"MatchCriteria\":[\"a\"]},\"MaxResults\":10}",
            "UpdateConnection", "{\"Name\":\"fuzz-created\",\"ConnectionInput\":{\"Name\":\"fuzz-created\","
                    + "\"ConnectionType\":\"NETWORK\",\"ConnectionProperties\":{\"HOST\":\"localhost\"}}}",
            "DeleteConnection", "{\"ConnectionName\":\"fuzz-absent\"}",
            "BatchDeleteConnection", "{\"ConnectionNameList\":[\"fuzz-absent\",\"fuzz-other\"]}",
            "TestConnection", "{\"TestConnectionInput\":{\"ConnectionType\":\"JDBC\",\"ConnectionProperties\":{"
                    + "\"JDBC_CONNECTION_URL\":\"jdbc:postgresql://127.0.0.1:1/x\",\"USERNAME\":\"u\",\"PASSWORD\":\"p\"}}}",
            "ListConnectionTypes", "{\"MaxResults\":2}",
            "DescribeConnectionType", "{\"ConnectionType\":\"JDBC\"}");

    /** How a request differs from a plausible one. */
    enum Mutation {
        NONE, DROP_MEMBER, EXTRA_MEMBER, WRONG_TYPE, NULL_MEMBER, NASTY_STRING, HUGE_STRING, NUMBER_OUT_OF_RANGE,
        DEEP_NESTING, DUPLICATE_KEY, NOT_AN_OBJECT, WRONG_TARGET, WRONG_CONTENT_TYPE, BAD_BYTES
    }

    /** One HTTP request to {@code POST /}: its headers as given and its body bytes. */
    record Request(String operation, Mutation mutation, String target, Optional<String> contentType, byte[] body) {
        String raw() {
            StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (!target.isEmpty()) {
                head.append("X-Amz-Target: ").append(target).append("\r\n");
            }
            contentType.ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            return head + new String(body, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return operation + "/" + mutation + " target=" + target + " type=" + contentType.orElse("-") + " body="
                    + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + ")" : text);
        }
    }

    private HostileRequests() {
    }

    /** The request shape's members, from the SDK model; empty for an operation the SDK does not know. */
    static List<SdkField<?>> requestFields(String operation) {
        try {
            Object builder = Class.forName(MODEL_PACKAGE + operation + "Request").getMethod("builder").invoke(null);
            return ((SdkPojo) builder).sdkFields();
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    static Request generate(String operation, Mutation mutation, Random random) {
        ObjectNode body = VALID.containsKey(operation) && random.nextBoolean()
                ? (ObjectNode) parseQuietly(VALID.get(operation))
                : plausible(requestFields(operation), random, 0, false);
        String target = OperationTable.TARGET_PREFIX + operation;
        Optional<String> contentType = Optional.of("application/x-amz-json-1.1");
        byte[] bytes;
        switch (mutation) {
            case DROP_MEMBER -> {
                if (!body.isEmpty()) {
                    body.remove(pick(random, fieldNames(body)));
                }
            }
            case EXTRA_MEMBER -> randomObject(body, random).set(pick(random, List.of("Extra", "__proto__", "",
                    "connectionInput", "Name ", "\u0000", "x".repeat(300))), anyValue(random, 0));
            case WRONG_TYPE -> replaceSomewhere(body, random, wrongType(random));
            case NULL_MEMBER -> replaceSomewhere(body, random, NODES.nullNode());
            case NASTY_STRING -> replaceSomewhere(body, random, NODES.textNode(pick(random, NASTY_STRINGS)));
            case HUGE_STRING -> replaceSomewhere(body, random, NODES.textNode(
                    pick(random, List.of("a", "\u4e2d", "\ud83d\ude00")).repeat(20_000 + random.nextInt(100_000))));
            case NUMBER_OUT_OF_RANGE -> replaceSomewhere(body, random, outOfRange(random));
            default -> {
                // The body is mutated as text below, or not at all.
            }
        }
        String text = body.toString();
        switch (mutation) {
            case DEEP_NESTING -> {
                int depth = 500 + random.nextInt(5000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                text = "{\"" + (body.isEmpty() ? "X" : pick(random, fieldNames(body))) + "\":" + open.repeat(depth) + "1"
                        + close.repeat(depth) + "}";
            }
            case DUPLICATE_KEY -> {
                String name = body.isEmpty() ? "Name" : pick(random, fieldNames(body));
                text = "{\"" + name + "\":\"first\"," + text.substring(1);
            }
            case NOT_AN_OBJECT -> text = pick(random, List.of("", "[]", "[" + text + "]", "\"" + operation + "\"", "0",
                    "null", "true", text + text, text + " trailing", "{", "}", "{\"a\":}", "{'Name':'x'}",
                    "{\"Name\":\"x\" /* comment */}", "\ufeff" + text, "{\"Name\":NaN}", "{\"a\":1e999999}"));
            case WRONG_TARGET -> target = pick(random, List.of("", "AWSGlue.", "AWSGlue", "awsglue." + operation,
                    "AWSGlue." + operation.toLowerCase(java.util.Locale.ROOT), "AmazonS3." + operation,
                    "AWSGlue." + operation + " ", "AWSGlue." + operation + "\t", "AWSGlue..", "AWSGlue.CreateTable",
                    "AWSGlue." + operation + "x", "AWSGlue.%2e" + operation, "AWSGlue.\u00e9"));
            case WRONG_CONTENT_TYPE -> contentType = pick(random, List.of(Optional.<String>empty(),
                    Optional.of("text/plain"), Optional.of("application/json"), Optional.of("application/x-amz-json-1.0"),
                    Optional.of("multipart/form-data; boundary=x"), Optional.of("application/x-www-form-urlencoded"),
                    Optional.of(";;;"), Optional.of("application/x-amz-json-1.1; charset=utf-16")));
            default -> {
                // Kept as built.
            }
        }
        bytes = text.getBytes(StandardCharsets.UTF_8);
        if (mutation == Mutation.BAD_BYTES) {
            bytes = badBytes(bytes, random);
        }
        return new Request(operation, mutation, target, contentType, bytes);
    }

    /** A body the model would accept in shape (types and nesting); values are random, not necessarily valid. */
    private static ObjectNode plausible(List<SdkField<?>> fields, Random random, int depth, boolean property) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : fields) {
            if (random.nextInt(4) > 0) {
                object.set(field.locationName(), value(field, random, depth,
                        property || field.locationName().endsWith("Properties")));
            }
        }
        return object;
    }

    private static JsonNode value(SdkField<?> field, Random random, int depth, boolean property) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return NODES.textNode(property ? safeString(random) : string(random));
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
            return NODES.numberNode(pick(random, List.of(0, 1, 2, 10, 100, 1000, 1001, -1)));
        }
        if (type == MarshallingType.BOOLEAN) {
            return NODES.booleanNode(random.nextBoolean());
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.INSTANT) {
            return NODES.numberNode(random.nextDouble() * 2e9);
        }
        if (type == MarshallingType.SDK_POJO && depth < 4) {
            return plausible(((SdkPojo) field.constructor().get()).sdkFields(), random, depth + 1, property);
        }
        if (type == MarshallingType.LIST && depth < 4) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode list = NODES.arrayNode();
            for (int i = random.nextInt(random.nextInt(10) == 0 ? 30 : 4); i > 0; i--) {
                list.add(value(member, random, depth + 1, property));
            }
            return list;
        }
        if (type == MarshallingType.MAP && depth < 4) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            for (int i = random.nextInt(random.nextInt(10) == 0 ? 120 : 6); i > 0; i--) {
                map.set(pick(random, List.of("HOST", "PORT", "USERNAME", "PASSWORD", "JDBC_CONNECTION_URL", "JDBC_ENGINE",
                        "CONNECTION_URL", "KAFKA_BOOTSTRAP_SERVERS", "SECRET_ID", "DB_PASSWORD_OLD", "key" + i, "")),
                        value(valueField, random, depth + 1, true));
            }
            return map;
        }
        return anyValue(random, depth);
    }

    private static String string(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, NASTY_STRINGS);
            case 1 -> pick(random, List.of("JDBC", "KAFKA", "NETWORK", "MONGODB", "SFTP", "SALESFORCE", "CUSTOM", "x"));
            default -> "fuzz-" + Integer.toString(random.nextInt(1_000_000), 36);
        };
    }

    /** Cannot name an address: no digits, dots, colons or slashes, unless drawn from the loopback/.invalid pool. */
    private static String safeString(Random random) {
        if (random.nextInt(3) == 0) {
            return pick(random, SAFE_PROPERTY_VALUES);
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(20) == 0 ? 2000 : 12); i > 0; i--) {
            text.append(SAFE_ALPHABET.charAt(random.nextInt(SAFE_ALPHABET.length())));
        }
        return text.toString();
    }

    private static JsonNode anyValue(Random random, int depth) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.textNode(safeString(random));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> depth < 3 ? NODES.arrayNode().add(anyValue(random, depth + 1)) : NODES.arrayNode();
            default -> depth < 3 ? NODES.objectNode().set("k", anyValue(random, depth + 1)) : NODES.objectNode();
        };
    }

    private static JsonNode wrongType(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(5);
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.arrayNode().add("a").add(1);
            case 3 -> NODES.objectNode().put("a", "b");
            case 4 -> NODES.textNode("ten"); // a string where a number belongs, but no address
            default -> NODES.numberNode(1.5);
        };
    }

    private static JsonNode outOfRange(Random random) {
        return pick(random, List.<JsonNode>of(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
                NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Integer.MAX_VALUE + 1L), NODES.numberNode(-1),
                NODES.numberNode(0), NODES.numberNode(1e308), NODES.numberNode(new java.math.BigDecimal("1e400")),
                NODES.numberNode(-0.0), NODES.numberNode(2.5)));
    }

    /** Replaces one node of the tree (the root's members and below) with {@code replacement}. */
    private static void replaceSomewhere(ObjectNode root, Random random, JsonNode replacement) {
        ObjectNode parent = randomObject(root, random);
        if (parent.isEmpty()) {
            parent.set(root.isEmpty() ? "Name" : pick(random, fieldNames(root)), replacement);
        } else {
            parent.set(pick(random, fieldNames(parent)), replacement);
        }
    }

    /** The root or one of the objects nested in it. */
    private static ObjectNode randomObject(ObjectNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        return pick(random, objects);
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        for (JsonNode child : node) {
            collect(child, into);
        }
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            names.add(fields.next().getKey());
        }
        return names;
    }

    private static byte[] badBytes(byte[] body, Random random) {
        byte[] junk = pick(random, List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {0}, new byte[] {(byte) 0xF8, (byte) 0x88}));
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte[] out = new byte[body.length + junk.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(body, at, out, at + junk.length, body.length - at);
        return out;
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) throws java.io.IOException {
        return JSON.readTree(body);
    }
}
