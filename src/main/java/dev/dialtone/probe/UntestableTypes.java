package dev.dialtone.probe;

import java.util.List;
import java.util.Optional;

/** Types of Glue's model that Dialtone describes but cannot test here, each with its reason and what to check instead. */
public final class UntestableTypes {
    private UntestableTypes() {
    }

    /** Azure Cosmos DB as Glue connects to it: the NoSQL API over HTTPS, not MongoDB's wire protocol. */
    public static final class AzureCosmos implements UntestableType {
        @Override
        public String connectionType() {
            return "AZURECOSMOS";
        }

        @Override
        public String displayName() {
            return "Azure Cosmos DB";
        }

        @Override
        public List<String> authenticationTypes() {
            return List.of("BASIC");
        }

        @Override
        public List<PropertySpec> properties() {
            return List.of(PropertySpec.required("SparkProperties", "JSON with secretId and "
                    + "spark.cosmos.accountEndpoint (https://<account>.documents.azure.com:443/), as Glue's Spark "
                    + "connector reads it"));
        }

        @Override
        public String reason() {
            return "Glue's AZURECOSMOS connector uses the Cosmos DB NoSQL API (HTTPS, signed with the account key), "
                    + "which no server here can play and which is not MongoDB's protocol (a Cosmos DB for MongoDB "
                    + "account is tested as a MONGODB connection).";
        }

        @Override
        public String instead() {
            return "Dialtone can test that the account endpoint is reachable: a NETWORK test with HOST "
                    + "<account>.documents.azure.com, PORT 443 and TLS=true.";
        }
    }

    /** Db2 for IBM i (AS/400): its driver dials several IBM i host servers, found through a port mapper. */
    public static final class Db2As400 implements UntestableType {
        @Override
        public String connectionType() {
            return "DB2AS400";
        }

        @Override
        public String displayName() {
            return "IBM Db2 for i (AS/400)";
        }

        @Override
        public List<String> authenticationTypes() {
            return List.of("BASIC");
        }

        @Override
        public List<PropertySpec> properties() {
            return List.of(PropertySpec.required("HOST", "IBM i system host name"),
                    PropertySpec.optional("JDBC_PARAMS", "IBM Toolbox for Java (jt400) properties, joined with ';'"));
        }

        @Override
        public Optional<AuthenticationRequirement> authenticationRequirement() {
            return Optional.of(AuthenticationRequirement.UNIFIED_DATABASE);
        }

        @Override
        public String reason() {
            return "its driver (IBM Toolbox for Java, jt400) opens sockets to several IBM i host servers (sign-on "
                    + "8476, database 8471, the port mapper on 449 that names them), which Dialtone cannot route "
                    + "through its dialer one test port at a time, and no IBM i system can run here.";
        }

        @Override
        public String instead() {
            return "Dialtone can test that the database host server is reachable: a NETWORK test with HOST and PORT "
                    + "8471 (9471 with TLS=true).";
        }
    }
}
