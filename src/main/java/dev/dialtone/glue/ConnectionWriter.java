package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.dialtone.catalog.AuthenticationConfiguration;
import dev.dialtone.catalog.Connection;
import dev.dialtone.catalog.ConnectionDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes Glue's {@code Connection} output shape. Credentials never leave: the output
 * AuthenticationConfiguration carries only type, secret ARN, KMS key and OAuth2 settings.
 */
final class ConnectionWriter {
    // Exact decimals: a normalising factory would write 1700000000.000 as 1.7E+9.
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ConnectionWriter() {
    }

    static ObjectNode write(Connection connection, boolean hidePassword, SecretKeys secretKeys) {
        ConnectionDefinition definition = connection.definition();
        ObjectNode out = NODES.objectNode();
        out.put("Name", definition.name());
        definition.description().ifPresent(description -> out.put("Description", description));
        out.put("ConnectionType", definition.connectionType());
        if (!definition.matchCriteria().isEmpty()) {
            out.set("MatchCriteria", strings(definition.matchCriteria()));
        }
        ObjectNode properties = out.putObject("ConnectionProperties");
        definition.connectionProperties().entrySet().stream()
                .filter(entry -> !(hidePassword && secretKeys.isSecret(definition.connectionType(), entry.getKey())))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> properties.put(entry.getKey(), entry.getValue()));
        putMap(out, "SparkProperties", definition.sparkProperties());
        putMap(out, "AthenaProperties", definition.athenaProperties());
        putMap(out, "PythonProperties", definition.pythonProperties());
        definition.physicalConnectionRequirements().ifPresent(physical -> {
            ObjectNode node = out.putObject("PhysicalConnectionRequirements");
            physical.subnetId().ifPresent(subnet -> node.put("SubnetId", subnet));
            if (!physical.securityGroupIdList().isEmpty()) {
                node.set("SecurityGroupIdList", strings(physical.securityGroupIdList()));
            }
            physical.availabilityZone().ifPresent(zone -> node.put("AvailabilityZone", zone));
        });
        definition.authenticationConfiguration().ifPresent(auth -> out.set("AuthenticationConfiguration", write(auth)));
        out.set("CreationTime", timestamp(connection.creationTime()));
        out.set("LastUpdatedTime", timestamp(connection.lastUpdatedTime()));
        out.put("Status", connection.status().name());
        connection.statusReason().ifPresent(reason -> out.put("StatusReason", reason));
        connection.lastConnectionValidationTime()
                .ifPresent(time -> out.set("LastConnectionValidationTime", timestamp(time)));
        out.put("ConnectionSchemaVersion", definition.schemaVersion());
        if (!definition.validateForComputeEnvironments().isEmpty()) {
            out.set("CompatibleComputeEnvironments", strings(definition.validateForComputeEnvironments()));
        }
        return out;
    }

    private static ObjectNode write(AuthenticationConfiguration auth) {
        ObjectNode node = NODES.objectNode();
        auth.authenticationType().ifPresent(type -> node.put("AuthenticationType", type));
        auth.secretArn().ifPresent(arn -> node.put("SecretArn", arn));
        auth.kmsKeyArn().ifPresent(arn -> node.put("KmsKeyArn", arn));
        auth.oauth2Properties().ifPresent(oauth -> {
            ObjectNode oauthNode = node.putObject("OAuth2Properties");
            oauth.grantType().ifPresent(grant -> oauthNode.put("OAuth2GrantType", grant));
            if (oauth.clientId().isPresent() || oauth.awsManagedClientApplicationReference().isPresent()) {
                ObjectNode client = oauthNode.putObject("OAuth2ClientApplication");
                oauth.clientId().ifPresent(id -> client.put("UserManagedClientApplicationClientId", id));
                oauth.awsManagedClientApplicationReference()
                        .ifPresent(ref -> client.put("AWSManagedClientApplicationReference", ref));
            }
            oauth.tokenUrl().ifPresent(url -> oauthNode.put("TokenUrl", url));
            putMap(oauthNode, "TokenUrlParametersMap", oauth.tokenUrlParameters());
        });
        return node;
    }

    /** Glue timestamps are epoch seconds as JSON numbers; milliseconds go in the fraction. */
    static ValueNode timestamp(Instant instant) {
        return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void putMap(ObjectNode out, String member, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode node = out.putObject(member);
            values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> node.put(entry.getKey(), entry.getValue()));
        }
    }
}
