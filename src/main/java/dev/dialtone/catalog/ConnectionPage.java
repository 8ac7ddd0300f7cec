package dev.dialtone.catalog;

import java.util.List;
import java.util.Optional;

/** One page of a listing, in name order; {@code lastName} is present when more may follow. */
public record ConnectionPage(List<Connection> connections, Optional<String> lastName) {
    public ConnectionPage {
        connections = List.copyOf(connections);
    }
}
