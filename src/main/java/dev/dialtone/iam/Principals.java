package dev.dialtone.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The principals of one reading of the credentials file, by access key id. */
public record Principals(Map<String, Principal> byAccessKey) {

    public Principals {
        byAccessKey = Map.copyOf(byAccessKey);
    }

    static Principals of(List<Principal> principals) {
        return new Principals(principals.stream()
                .collect(Collectors.toMap(Principal::accessKeyId, Function.identity())));
    }

    public Optional<Principal> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    public int size() {
        return byAccessKey.size();
    }
}
