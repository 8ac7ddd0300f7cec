package dev.dialtone.probe.untestable;

import dev.dialtone.probe.ConnectionTester;
import dev.dialtone.probe.ConnectionTypeSpec;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.NotTestable;
import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.TestPlan;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.TesterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hadoop, synthetic and custom-connector types (HBASE, CLOUDERAHIVE, CLOUDERAIMPALA, DATALAKEGEN2, TPCDS,
 * CUSTOM, MARKETPLACE), with the property names Glue and the Athena federation connectors use for them.
 */
public final class OtherTypes {
    private static final String NETWORK = "What Dialtone can check instead: that the host answers, with a NETWORK "
            + "test of HOST and PORT (TLS=true for a TLS handshake).";

    private OtherTypes() {
    }

    /** @param jdbc the JDBC tester, which CUSTOM JDBC connectors are tested with */
    public static List<ConnectionTypeSpec> types(ConnectionTester jdbc) {
        List<PropertySpec> hostPortDatabase = List.of(PropertySpec.optional("HOST", "The server's host name"),
                PropertySpec.optional("PORT", "The server's port"),
                PropertySpec.optional("DATABASE", "The database"),
                PropertySpec.optional("JDBC_PARAMS", "Extra driver parameters (Athena connector)"),
                PropertySpec.optional("SECRET_ID", "Secret with username and password"));
        return List.of(
                new DescribedType("HBASE", "Apache HBase", "Dialtone ships no HBase client (hbase-client brings "
                        + "ZooKeeper and Hadoop, and HBase needs a running cluster to test against).",
                        NETWORK + " (HOST with ZOOKEEPER_PORT, or HBASE_PORT).", List.of(), List.of(
                        PropertySpec.optional("HOST", "The HBase master's host name"),
                        PropertySpec.optional("HBASE_PORT", "HBase's port"),
                        PropertySpec.optional("ZOOKEEPER_PORT", "ZooKeeper's port"))),
                new DescribedType("CLOUDERAHIVE", "Cloudera Hive", "Dialtone ships no HiveServer2 driver (Apache's "
                        + "hive-jdbc depends on Hadoop and Thrift, and Cloudera's driver is not on Maven Central).",
                        NETWORK, List.of("BASIC"), concat(hostPortDatabase, List.of(
                        PropertySpec.optional("SESSION_CONFS", "Hive session settings"),
                        PropertySpec.optional("HIVE_CONFS", "Hive configuration"),
                        PropertySpec.optional("HIVE_VARS", "Hive variables")))),
                new DescribedType("CLOUDERAIMPALA", "Cloudera Impala", "Cloudera's Impala JDBC driver is "
                        + "proprietary and not on Maven Central, and Dialtone ships no HiveServer2 client.", NETWORK,
                        List.of("BASIC"), hostPortDatabase),
                new DescribedType("DATALAKEGEN2", "Azure Data Lake Storage Gen2", "Glue reaches it through the "
                        + "Synapse SQL endpoint's SQL Server protocol; Dialtone tests that endpoint as SYNAPSE or JDBC "
                        + "(JDBC_ENGINE=sqlserver, HOST, PORT, DATABASE) rather than under this type, and does not "
                        + "speak the storage (dfs) API.", NETWORK, List.of("BASIC"), hostPortDatabase),
                new DescribedType("TPCDS", "TPC-DS (synthetic)", "Athena's TPC-DS connector generates its data "
                        + "inside the connector and reaches no system, so there is nothing to connect to.",
                        "There is nothing to check: the data is made by the connector itself.", List.of(), List.of()),
                new DescribedType("MARKETPLACE", "AWS Marketplace connector", "a Marketplace connector is a "
                        + "container image Glue runs (CONNECTOR_URL, CONNECTOR_CLASS_NAME); Dialtone does not fetch or "
                        + "run connector code.", NETWORK + " (the host of CONNECTION_URL).", List.of("BASIC"),
                        List.of(PropertySpec.optional("CONNECTOR_TYPE", "Jdbc, Spark or Athena"),
                                PropertySpec.optional("CONNECTOR_URL", "Where the connector is"),
                                PropertySpec.optional("CONNECTOR_CLASS_NAME", "The connector's class"),
                                PropertySpec.optional("CONNECTION_URL", "The data source's URL"),
                                PropertySpec.optional("SECRET_ID", "Secret with username and password"))),
                new CustomConnectorTester(jdbc));
    }

    private static List<PropertySpec> concat(List<PropertySpec> a, List<PropertySpec> b) {
        List<PropertySpec> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * CUSTOM: a JDBC connector (CONNECTION_TYPE Jdbc) is tested as JDBC with Dialtone's own drivers, the
     * operator's driver directory included; the connector's jar (CONNECTOR_URL) is never loaded, since running a
     * caller's code on the server is not a test. Other connector kinds cannot be tested.
     */
    static final class CustomConnectorTester implements ConnectionTester {
        private final ConnectionTester jdbc;

        CustomConnectorTester(ConnectionTester jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String connectionType() {
            return "CUSTOM";
        }

        @Override
        public String displayName() {
            return "Custom connector";
        }

        @Override
        public String description() {
            return "A custom JDBC connector (CONNECTION_TYPE Jdbc) is tested as a JDBC connection with Dialtone's "
                    + "drivers (shipped, or installed in the driver directory); the connector jar is never run. "
                    + "Spark and Athena connectors cannot be tested.";
        }

        @Override
        public List<String> authenticationTypes() {
            return List.of("BASIC");
        }

        @Override
        public List<PropertySpec> properties() {
            return List.of(PropertySpec.optional("CONNECTION_TYPE", "The connector's kind: Jdbc, Spark or Athena"),
                    PropertySpec.optional("CONNECTOR_CLASS_NAME", "The connector's driver class (not loaded)"),
                    PropertySpec.optional("CONNECTOR_URL", "Where the connector jar is (not loaded)"),
                    PropertySpec.optional("JDBC_CONNECTION_URL", "The JDBC URL"),
                    PropertySpec.optional("USERNAME", "User name"),
                    PropertySpec.secret("PASSWORD", "Password"),
                    PropertySpec.optional("SECRET_ID", "Secret with username and password"));
        }

        @Override
        public TestPlan plan(TestSubject subject) {
            String kind = subject.property("CONNECTION_TYPE").map(String::trim).orElse("");
            if (!kind.equalsIgnoreCase("Jdbc")) {
                // Dialtone cannot run it: that says nothing about the connection, so nothing is recorded on it.
                throw new NotTestable("CUSTOM connections cannot be tested by Dialtone unless they are JDBC "
                        + "connectors (CONNECTION_TYPE Jdbc, got '" + kind + "'): Dialtone does not run connector code. "
                        + NETWORK);
            }
            String url = subject.property("JDBC_CONNECTION_URL").map(String::trim).orElseThrow(() ->
                    new InvalidTestInput("A CUSTOM JDBC connector needs JDBC_CONNECTION_URL to be tested."));
            if (url.contains("${")) {
                throw new InvalidTestInput("JDBC_CONNECTION_URL is a template (${…} placeholders that the connector "
                        + "fills from the secret); give the URL itself, with USERNAME and PASSWORD or SECRET_ID.");
            }
            Map<String, String> properties = new HashMap<>();
            properties.put("JDBC_CONNECTION_URL", url);
            for (String key : List.of("USERNAME", "PASSWORD", "SECRET_ID")) {
                subject.property(key).ifPresent(value -> properties.put(key, value));
            }
            // The JDBC tester reads its properties decoded, as the registry hands them to every tester.
            return jdbc.plan(TesterRegistry.decode(jdbc,
                    new TestSubject("JDBC", properties, subject.authentication(), subject.permissions())));
        }
    }
}
