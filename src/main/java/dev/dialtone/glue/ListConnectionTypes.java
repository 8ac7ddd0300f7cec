package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.rest.RestDeclaration;
import dev.dialtone.probe.TesterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ListConnectionTypes: every type Dialtone knows, from the types' own declarations; a type it cannot test says
 * so in its description.
 */
public final class ListConnectionTypes implements GlueOperation {
    private static final StringRule NEXT_TOKEN = StringRule.singleLine(1, 2048);
    private final RegisteredTypes types;

    public ListConnectionTypes(TesterRegistry testers) {
        this(RegisteredTypes.none(testers));
    }

    /** The built-in types and those registered in the caller's catalog, in one name order. */
    public ListConnectionTypes(RegisteredTypes types) {
        this.types = types;
    }

    private record Entry(String name, ObjectNode brief) {
    }

    @Override
    public String name() {
        return "ListConnectionTypes";
    }

    /** Its model lists no InvalidInputException. */
    @Override
    public boolean modelsInvalidInput() {
        return false;
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        int limit = request.integer("MaxResults", 1, 100).orElse(100);
        Optional<String> after = request.string("NextToken", NEXT_TOKEN).map(ListConnectionTypes::decode);
        Authorization.listTypes(context);
        List<Entry> all = new java.util.ArrayList<>();
        types.builtIn().declarations().forEach(spec -> all.add(new Entry(spec.connectionType(),
                ConnectionTypeWriter.brief(spec))));
        types.list(context.caller().ownCatalog()).forEach(registered -> all.add(new Entry(registered.name(),
                ConnectionTypeWriter.brief(RestDeclaration.parse(registered.declaration())))));
        all.sort(java.util.Comparator.comparing(Entry::name));
        List<Entry> remaining = all.stream()
                .filter(entry -> after.map(last -> entry.name().compareTo(last) > 0).orElse(true))
                .toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode listed = out.putArray("ConnectionTypes");
        remaining.stream().limit(limit).forEach(entry -> listed.add(entry.brief()));
        if (remaining.size() > limit) {
            String last = remaining.get(limit - 1).name();
            out.put("NextToken", Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GlueException.invalidInput("NextToken is not valid: pass the token from the previous "
                    + "ListConnectionTypes response.");
        }
    }
}
