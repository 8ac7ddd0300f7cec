package dev.dialtone.probe.mongodb;

import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for the driver's monitors to hear from the servers: completes with the cluster as soon as
 * one server answered the MongoDB handshake (hello), or fails with the first server's error once
 * every known server has failed (or the SRV lookup did).
 */
final class ClusterWatch implements ClusterListener {
    private final CompletableFuture<ClusterDescription> answered = new CompletableFuture<>();

    CompletableFuture<ClusterDescription> answered() {
        return answered;
    }

    @Override
    public void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
        ClusterDescription cluster = event.getNewDescription();
        if (cluster.getSrvResolutionException() != null) {
            answered.completeExceptionally(new SrvLookupException(cluster.getSrvResolutionException()));
            return;
        }
        List<ServerDescription> servers = cluster.getServerDescriptions();
        if (servers.stream().anyMatch(ServerDescription::isOk)) {
            answered.complete(cluster);
        } else if (!servers.isEmpty() && servers.stream().allMatch(server -> server.getException() != null)) {
            answered.completeExceptionally(servers.get(0).getException());
        }
    }

    /** The driver could not look up the SRV record of a mongodb+srv:// URL, or refused what it names. */
    static final class SrvLookupException extends Exception {
        SrvLookupException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
