package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.ConnectionStore;
import java.util.Map;
import java.util.TreeMap;

/** GetTags: the tags of a connection (GetConnection does not return them, as in Glue). */
public final class GetTags implements GlueOperation {
    private final ConnectionStore store;

    public GetTags(ConnectionStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "GetTags";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        String arn = TaggedConnection.arn(request, context);
        Arns.ConnectionArn target = TaggedConnection.authorize(arn, "glue:GetTags", context);
        Map<String, String> tags = store.tags(target.catalog(), target.name())
                .orElseThrow(() -> TaggedConnection.notFound(target));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode members = out.putObject("Tags");
        new TreeMap<>(tags).forEach(members::put);
        return out;
    }
}
