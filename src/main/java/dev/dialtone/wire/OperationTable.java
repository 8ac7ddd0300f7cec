package dev.dialtone.wire;

import dev.dialtone.glue.GlueOperation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code X-Amz-Target} → operation: a map, so adding an operation is adding an entry. */
public final class OperationTable {
    public static final String TARGET_PREFIX = "AWSGlue.";
    private final Map<String, GlueOperation> byTarget;

    public OperationTable(List<GlueOperation> operations) {
        this.byTarget = operations.stream()
                .collect(Collectors.toUnmodifiableMap(op -> TARGET_PREFIX + op.name(), Function.identity()));
    }

    /** The operation names, sorted: what the API answers (the wire fuzz test walks them all). */
    public List<String> operationNames() {
        return byTarget.values().stream().map(GlueOperation::name).sorted().toList();
    }

    /** The operations' names (without the target prefix): the bounded set metrics label requests with. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(operationNames());
    }

    public Optional<GlueOperation> find(String target) {
        return Optional.ofNullable(target).map(byTarget::get);
    }
}
