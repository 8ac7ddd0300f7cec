package dev.dialtone.iam;

import java.util.List;

/**
 * One policy statement. {@code notActions}/{@code notResources} set means the statement covers
 * everything except those (IAM's {@code NotAction}/{@code NotResource}).
 */
record Statement(Effect effect, List<IamPattern> actions, boolean notActions, List<IamPattern> resources,
        boolean notResources, List<Condition> conditions) {

    Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    boolean applies(String action, String resource, RequestFacts facts) {
        boolean actionListed = actions.stream().anyMatch(pattern -> pattern.matches(action));
        boolean resourceListed = resources.stream().anyMatch(pattern -> pattern.matches(resource));
        return actionListed != notActions && resourceListed != notResources
                && conditions.stream().allMatch(condition -> condition.holds(facts));
    }
}
