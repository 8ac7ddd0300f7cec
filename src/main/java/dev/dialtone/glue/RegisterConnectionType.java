package dev.dialtone.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.RegisteredConnectionType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RegisterConnectionType: stores a REST connection type, declared as data, in the caller's catalog (account and
 * region). Glue's rules: the name starts with REST-, IntegrationType is REST, a name is registered once.
 */
public final class RegisterConnectionType implements GlueOperation {
    private static final Set<String> AUTHENTICATION_TYPES = Set.of("BASIC", "OAUTH2", "CUSTOM", "IAM");
    private static final Set<String> PROPERTY_TYPES = Set.of("USER_INPUT", "SECRET", "READ_ONLY", "UNUSED",
            "SECRET_OR_USER_INPUT");
    private static final Set<String> LOCATIONS = Set.of("HEADER", "BODY", "QUERY_PARAM", "PATH");
    private static final Pattern KEY_OVERRIDE = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern REQUEST_PATH = Pattern.compile("/[a-zA-Z0-9._~:/?#\\[\\]@!$&'()*+,;={}-]{0,511}");
    private static final Pattern JSON_PATH = Pattern.compile("\\$(\\.[a-zA-Z0-9_.@\\[\\]()-]+)*");
    private static final StringRule DESCRIPTION = StringRule.DESCRIPTION;

    private final RegisteredTypes types;
    private final Clock clock;

    public RegisterConnectionType(RegisteredTypes types, Clock clock) {
        this.types = types;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "RegisterConnectionType";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String type = request.requiredString("ConnectionType", StringRule.NAME);
        if (!RegisteredTypes.isRegisteredName(type) || type.length() <= 5) {
            throw GlueException.invalidInput("ConnectionType '" + type + "' must start with REST- (a registered "
                    + "connection type is named REST-<name>).");
        }
        String integration = request.requiredString("IntegrationType", StringRule.NAME);
        if (!integration.equals("REST")) {
            throw GlueException.invalidInput("IntegrationType '" + integration + "' is not supported; it must be "
                    + "REST.");
        }
        request.string("Description", DESCRIPTION);
        Members properties = request.requiredObject("ConnectionProperties");
        Members auth = request.requiredObject("ConnectorAuthenticationConfiguration");
        Members rest = request.requiredObject("RestConfiguration");
        List<String> authTypes = auth.requiredStringList("AuthenticationTypes", 4, StringRule.NAME);
        for (String authType : authTypes) {
            if (!AUTHENTICATION_TYPES.contains(authType)) {
                throw GlueException.invalidInput(auth.path("AuthenticationTypes") + " value '" + authType
                        + "' is not one of BASIC, OAUTH2, CUSTOM, IAM.");
            }
        }
        checkProperties(properties.raw(), properties.path(""));
        checkProperties(auth.raw(), auth.path(""));
        checkSources(rest.raw(), rest.path(""));
        Map<String, String> tags = TagRules.read(request, "Tags", false);
        CatalogScope catalog = context.caller().ownCatalog();
        Catalogs.noteCatalog(context, catalog);
        Authorization.onRegisteredType(context, "glue:RegisterConnectionType", catalog, type);
        if (types.builtIn().declared(type).isPresent()) {
            throw new GlueException(ErrorCode.ALREADY_EXISTS, "Connection type " + type + " already exists.");
        }
        ObjectNode declaration = request.raw().deepCopy();
        declaration.remove("Tags");
        declaration.remove("CatalogId");
        if (!types.store().register(new RegisteredConnectionType(catalog, type, declaration.toString(), tags,
                clock.instant()))) {
            throw new GlueException(ErrorCode.ALREADY_EXISTS, "Connection type " + type + " is already registered in "
                    + "catalog " + catalog.accountId() + " (" + catalog.region() + ").");
        }
        return JsonNodeFactory.instance.objectNode().put("ConnectionTypeArn", Arns.connectionType(catalog, type));
    }

    /** Every ConnectorProperty below {@code node} (any object with a Name and a PropertyType) follows the model. */
    private static void checkProperties(JsonNode node, String path) {
        if (node.isObject() && node.has("Name") && (node.has("PropertyType") || node.has("Required"))) {
            checkProperty(node, path);
            return;
        }
        if (node.isContainerNode()) {
            node.fields().forEachRemaining(entry -> checkProperties(entry.getValue(), path + entry.getKey() + "."));
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkProperties(node.get(i), path + i + ".");
                }
            }
        }
    }

    private static void checkProperty(JsonNode property, String path) {
        String at = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
        String name = property.path("Name").asText("");
        if (name.isEmpty() || name.length() > 128) {
            throw GlueException.invalidInput(at + ".Name must be 1 to 128 characters.");
        }
        if (!property.path("Required").isBoolean()) {
            throw GlueException.invalidInput(at + ".Required is required (true or false).");
        }
        String type = property.path("PropertyType").asText("");
        if (!PROPERTY_TYPES.contains(type)) {
            throw GlueException.invalidInput(at + ".PropertyType '" + type + "' is not one of " + String.join(", ",
                    new java.util.TreeSet<>(PROPERTY_TYPES)) + ".");
        }
        if (property.has("PropertyLocation") && !LOCATIONS.contains(property.path("PropertyLocation").asText())) {
            throw GlueException.invalidInput(at + ".PropertyLocation '" + property.path("PropertyLocation").asText()
                    + "' is not one of HEADER, BODY, QUERY_PARAM, PATH.");
        }
        if (property.has("KeyOverride") && !KEY_OVERRIDE.matcher(property.path("KeyOverride").asText()).matches()) {
            throw GlueException.invalidInput(at + ".KeyOverride must be 1 to 128 letters, digits, _ or -.");
        }
    }

    private static void checkSources(JsonNode rest, String path) {
        checkSource(rest.path("GlobalSourceConfiguration"), path + "GlobalSourceConfiguration");
        checkSource(rest.path("ValidationEndpointConfiguration"), path + "ValidationEndpointConfiguration");
        rest.path("EntityConfigurations").fields().forEachRemaining(entity -> checkSource(
                entity.getValue().path("SourceConfiguration"), path + "EntityConfigurations." + entity.getKey()
                        + ".SourceConfiguration"));
        if (!rest.path("ValidationEndpointConfiguration").isObject()
                && !rest.path("GlobalSourceConfiguration").path("RequestPath").isTextual()) {
            throw GlueException.invalidInput(path + "ValidationEndpointConfiguration is required: Dialtone tests a "
                    + "connection of the type by calling it.");
        }
    }

    private static void checkSource(JsonNode source, String path) {
        if (!source.isObject()) {
            return;
        }
        String method = source.path("RequestMethod").asText("GET");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw GlueException.invalidInput(path + ".RequestMethod '" + method + "' is not one of GET, POST.");
        }
        if (source.has("RequestPath") && !REQUEST_PATH.matcher(source.path("RequestPath").asText()).matches()) {
            throw GlueException.invalidInput(path + ".RequestPath must start with / and be at most 512 characters "
                    + "of a URL path.");
        }
        JsonNode response = source.path("ResponseConfiguration");
        if (response.isObject()) {
            if (!response.path("ResultPath").isTextual()) {
                throw GlueException.invalidInput(path + ".ResponseConfiguration.ResultPath is required.");
            }
            for (String member : List.of("ResultPath", "ErrorPath")) {
                if (response.has(member) && !JSON_PATH.matcher(response.path(member).asText()).matches()) {
                    throw GlueException.invalidInput(path + ".ResponseConfiguration." + member + " '"
                            + response.path(member).asText() + "' is not a JSONPath of the form $.a.b.");
                }
            }
        }
        checkProperties(source.path("RequestParameters"), path + ".RequestParameters.");
    }
}
