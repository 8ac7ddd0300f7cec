package dev.dialtone.probe.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks host names up; the system resolver in production. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
