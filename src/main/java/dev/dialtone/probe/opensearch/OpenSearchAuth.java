package dev.dialtone.probe.opensearch;

import dev.dialtone.probe.aws.AwsIdentity;

/** How the cluster is authenticated to. */
sealed interface OpenSearchAuth {

    record Basic(String user, String password) implements OpenSearchAuth {
        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=****]";
        }
    }

    /** @param service the signing name: {@code es} for domains, {@code aoss} for OpenSearch Serverless */
    record SigV4(AwsIdentity identity, String region, String service) implements OpenSearchAuth {
    }
}
