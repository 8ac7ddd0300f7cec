package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ConnectionTypeSpec;
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
    private final TesterRegistry testers;

    public ListConnectionTypes(TesterRegistry testers) {
        this.testers = testers;
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
        List<ConnectionTypeSpec> remaining = testers.declarations().stream()
                .filter(tester -> after.map(last -> tester.connectionType().compareTo(last) > 0).orElse(true))
                .toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode types = out.putArray("ConnectionTypes");
        remaining.stream().limit(limit).forEach(tester -> types.add(ConnectionTypeWriter.brief(tester)));
        if (remaining.size() > limit) {
            String last = remaining.get(limit - 1).connectionType();
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
