package dev.dialtone.probe.jdbc;

import dev.dialtone.probe.InvalidTestInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What distinguishes one of Glue's database types: its name, the engine that tests it, the engine's URL form
 * (how HOST, PORT, DATABASE and JDBC_PARAMS are written in it, as Athena's federation connectors write them),
 * and the driver parameters the type forces (Azure's TLS rules) that JDBC_PARAMS may not contradict.
 *
 * @param urlForm      which of the engines' URL syntaxes (slash, sqlserver, oracle, db2, sap, teradata)
 * @param separator    how JDBC_PARAMS pairs are separated in that URL ({@code &}, {@code ;} or {@code ,})
 * @param forced       parameters the type always sets, which JDBC_PARAMS may repeat but not change
 */
public record DatabaseType(String connectionType, String displayName, String engineName, int defaultPort,
        boolean databaseRequired, String databaseMeaning, String urlForm, String separator,
        Map<String, String> forced, String driverNote, String tlsNote) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** Characters that would end a pair, a path or the authority in any engine's URL. */
    private static final Pattern UNSAFE = Pattern.compile("[\\s/?#@;&,{}()\\\\=]");

    public DatabaseType {
        forced = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(forced));
    }

    String paramsSyntax() {
        return "key=value pairs separated by '" + separator + "'";
    }

    /**
     * JDBC_PARAMS as pairs, with the forced parameters added: each key a plain name, each value free of the
     * characters that could reshape the URL, no key twice, and no forced parameter given another value.
     */
    Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.isEmpty() ? new String[0] : text.split(Pattern.quote(separator), -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = (equals < 0 ? pair : pair.substring(0, equals)).trim();
            String value = equals < 0 ? "" : pair.substring(equals + 1).trim();
            if (!KEY.matcher(key).matches() || UNSAFE.matcher(value).find()) {
                throw new InvalidTestInput("JDBC_PARAMS must be " + paramsSyntax() + ", each name plain and each "
                        + "value without spaces or any of / ? # @ ; & , = ( ) { } \\ (got '" + pair + "').");
            }
            if (params.keySet().stream().anyMatch(seen -> seen.equalsIgnoreCase(key))) {
                throw new InvalidTestInput("JDBC_PARAMS sets '" + key + "' more than once.");
            }
            params.put(key, value);
        }
        for (Map.Entry<String, String> rule : forced.entrySet()) {
            Optional<String> given = params.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(rule.getKey()))
                    .map(Map.Entry::getValue).findFirst();
            if (given.isPresent() && !given.get().equalsIgnoreCase(rule.getValue())) {
                throw new InvalidTestInput("JDBC_PARAMS sets " + rule.getKey() + "=" + given.get() + ", but " + displayName
                        + " connections always use " + rule.getKey() + "=" + rule.getValue() + ".");
            }
            if (given.isEmpty()) {
                params.put(rule.getKey(), rule.getValue());
            }
        }
        return params;
    }

    /** The engine URL for checked parts, in the engine's own syntax. */
    String url(String host, int port, Optional<String> database, Map<String, String> params) {
        if (databaseRequired && database.isEmpty()) {
            throw new InvalidTestInput(connectionType + " connections need DATABASE (" + databaseMeaning + ").");
        }
        String address = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        java.util.function.Function<String, String> pairs = sep -> String.join(sep, params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        String db = database.orElse("");
        return switch (urlForm) {
            case "slash" -> "jdbc:" + engineName + "://" + address + ":" + port + "/" + db
                    + (params.isEmpty() ? "" : "?" + pairs.apply("&"));
            case "sqlserver" -> "jdbc:sqlserver://" + address + ":" + port + (db.isEmpty() ? "" : ";databaseName=" + db)
                    + (params.isEmpty() ? "" : ";" + pairs.apply(";"));
            case "oracle" -> {
                if (!params.isEmpty()) {
                    throw new InvalidTestInput(displayName + " URLs take no parameters; leave JDBC_PARAMS empty.");
                }
                yield "jdbc:oracle:thin:@//" + address + ":" + port + "/" + db;
            }
            case "db2" -> "jdbc:db2://" + address + ":" + port + "/" + db
                    + (params.isEmpty() ? "" : ":" + pairs.apply(";") + ";");
            case "sap" -> {
                Map<String, String> all = new LinkedHashMap<>();
                database.ifPresent(name -> all.put("databaseName", name));
                all.putAll(params);
                yield "jdbc:sap://" + address + ":" + port + "/" + (all.isEmpty() ? "" : "?" + String.join("&",
                        all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            case "teradata" -> "jdbc:teradata://" + address + "/DBS_PORT=" + port + (db.isEmpty() ? "" : ",DATABASE=" + db)
                    + (params.isEmpty() ? "" : "," + pairs.apply(","));
            default -> throw new IllegalStateException("unknown URL form " + urlForm);
        };
    }

    /** The Glue types of this issue that the engines Dialtone has serve, in the order of Glue's model. */
    public static List<DatabaseType> all() {
        return List.of(
                plain("POSTGRESQL", "PostgreSQL", "postgresql", 5432, "slash",
                        "pgjdbc (shipped)"),
                plain("MYSQL", "MySQL", "mysql", 3306, "slash",
                        "MySQL Connector/J (shipped)"),
                new DatabaseType("SQLSERVER", "SQL Server", "sqlserver", 1433, false, "Database name (databaseName)",
                        "sqlserver", ";", Map.of(),
                        "mssql-jdbc (shipped)", tls()),
                new DatabaseType("ORACLE", "Oracle", "oracle", 1521, true, "Service name of the database",
                        "oracle", "&", Map.of(),
                        "Oracle's ojdbc from the operator's driver directory", "without TLS (not supported yet)"),
                new DatabaseType("DB2", "IBM Db2", "db2", 50000, true, "Database name",
                        "db2", ";", Map.of(),
                        "IBM's Db2 JCC driver from the operator's driver directory", "without TLS (not supported yet)"),
                new DatabaseType("AZURESQL", "Azure SQL Database", "sqlserver", 1433, true, "Database name (databaseName)",
                        "sqlserver", ";", azure("*.database.windows.net"),
                        "mssql-jdbc (shipped) with Azure's TLS rules (encrypt=true, trustServerCertificate=false, "
                                + "hostNameInCertificate=*.database.windows.net)", "always over verified TLS"),
                new DatabaseType("SYNAPSE", "Azure Synapse Analytics", "sqlserver", 1433, true,
                        "Database name (the dedicated or serverless SQL pool)",
                        "sqlserver", ";",
                        azure("*.sql.azuresynapse.net"), "mssql-jdbc (shipped) with Azure's TLS rules (encrypt=true, "
                                + "trustServerCertificate=false, hostNameInCertificate=*.sql.azuresynapse.net)",
                        "always over verified TLS"),
                new DatabaseType("VERTICA", "Vertica", "vertica", 5433, true, "Database name",
                        "slash", "&", Map.of(),
                        "Vertica's JDBC driver from the operator's driver directory", "without TLS (not supported yet)"),
                new DatabaseType("SAPHANA", "SAP HANA", "sap", 30015, false, "Tenant database name (databaseName)",
                        "sap", "&", Map.of(),
                        "SAP's HANA JDBC driver (ngdbc) from the operator's driver directory",
                        "without TLS (not supported yet)"),
                new DatabaseType("TERADATA", "Teradata", "teradata", 1025, false, "Default database of the session",
                        "teradata", ",", Map.of(),
                        "Teradata's JDBC driver from the operator's driver directory", "without TLS (not supported yet)"),
                // Not documented by AWS; Teradata's NOS (Native Object Store) is reached through the same SQL engine.
                new DatabaseType("TERADATANOS", "Teradata (NOS)", "teradata", 1025, false,
                        "Default database of the session",
                        "teradata", ",", Map.of(),
                        "Teradata's JDBC driver from the operator's driver directory", "without TLS (not supported yet)"),
                new DatabaseType("VIEW_VALIDATION_REDSHIFT", "Amazon Redshift (view validation)", "redshift", 5439,
                        true, "Database name", "slash", "&", Map.of(),
                        "the Amazon Redshift JDBC driver (shipped) to the cluster endpoint in HOST", tls()));
    }

    private static DatabaseType plain(String type, String display, String engine, int port, String form,
            String driver) {
        return new DatabaseType(type, display, engine, port, true, "Database name", form, "&", Map.of(), driver, tls());
    }

    private static String tls() {
        return "over TLS when the server or JDBC_ENFORCE_SSL asks for it";
    }

    private static Map<String, String> azure(String certificateName) {
        Map<String, String> forced = new LinkedHashMap<>();
        forced.put("encrypt", "true");
        forced.put("trustServerCertificate", "false");
        forced.put("hostNameInCertificate", certificateName);
        return forced;
    }

    /** The type by its Glue name, for tests and tools. */
    public static Optional<DatabaseType> named(String connectionType) {
        return all().stream().filter(type -> type.connectionType.equals(connectionType.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
