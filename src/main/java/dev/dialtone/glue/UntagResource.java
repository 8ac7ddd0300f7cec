package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.ConnectionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UntagResource: removes tags from a connection by key; a key it does not carry is no error. */
public final class UntagResource implements GlueOperation {
    private final ConnectionStore store;

    public UntagResource(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String arn = TaggedConnection.arn(request, context);
        List<String> toRemove = request.requiredStringList("TagsToRemove", TagRules.MAX_TAGS, StringRule.TAG_KEY);
        Arns.ConnectionArn target = TaggedConnection.authorize(arn, "glue:UntagResource", context);
        store.changeTags(target.catalog(), target.name(), current -> {
            Map<String, String> tags = new LinkedHashMap<>(current);
            toRemove.forEach(tags::remove);
            return tags;
        }).orElseThrow(() -> TaggedConnection.notFound(target));
        return JsonNodeFactory.instance.objectNode();
    }
}
