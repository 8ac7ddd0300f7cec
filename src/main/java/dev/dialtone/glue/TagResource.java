package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.ConnectionStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** TagResource: adds tags to a connection, or changes their values; at most 50 tags in all. */
public final class TagResource implements GlueOperation {
    private final ConnectionStore store;

    public TagResource(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String arn = TaggedConnection.arn(request, context);
        Map<String, String> toAdd = TagRules.read(request, "TagsToAdd", true);
        Arns.ConnectionArn target = TaggedConnection.authorize(arn, "glue:TagResource", context);
        store.changeTags(target.catalog(), target.name(), current -> {
            Map<String, String> tags = new LinkedHashMap<>(current);
            tags.putAll(toAdd);
            if (tags.size() > TagRules.MAX_TAGS) {
                throw GlueException.invalidInput("Connection '" + target.name() + "' has " + current.size()
                        + " tags; adding these would make " + tags.size() + ", more than the " + TagRules.MAX_TAGS
                        + " a resource may have.");
            }
            return tags;
        }).orElseThrow(() -> TaggedConnection.notFound(target));
        return JsonNodeFactory.instance.objectNode();
    }
}
