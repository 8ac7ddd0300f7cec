package dev.dialtone.guard;

import java.net.InetAddress;
import java.util.Optional;

/** Decides which addresses a test may dial. Consulted for every address really dialled. */
public interface EgressPolicy {

    /** Allows every destination; the default until an operator configures rules. */
    EgressPolicy ALLOW_ALL = (host, address, port) -> Optional.empty();

    /**
     * Why dialling {@code address:port} (resolved from {@code host}) is refused, or empty when allowed.
     * The reason names the destination and the rule.
     */
    Optional<String> refusal(String host, InetAddress address, int port);
}
