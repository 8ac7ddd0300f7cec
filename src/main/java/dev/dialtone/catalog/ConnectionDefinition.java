package dev.dialtone.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection as the user defined it (Glue's {@code ConnectionInput}), credentials included.
 *
 * <p>Connection types and property keys are open: whatever the client sends is kept and echoed.
 */
public record ConnectionDefinition(
        String name,
        Optional<String> description,
        String connectionType,
        List<String> matchCriteria,
        Map<String, String> connectionProperties,
        Map<String, String> sparkProperties,
        Map<String, String> athenaProperties,
        Map<String, String> pythonProperties,
        Optional<PhysicalConnectionRequirements> physicalConnectionRequirements,
        Optional<AuthenticationConfiguration> authenticationConfiguration,
        List<String> validateForComputeEnvironments) {

    public ConnectionDefinition {
        matchCriteria = List.copyOf(matchCriteria);
        connectionProperties = Map.copyOf(connectionProperties);
        sparkProperties = Map.copyOf(sparkProperties);
        athenaProperties = Map.copyOf(athenaProperties);
        pythonProperties = Map.copyOf(pythonProperties);
        validateForComputeEnvironments = List.copyOf(validateForComputeEnvironments);
    }

    /** Version 2 connections carry per-compute-environment properties; all others are version 1. */
    public int schemaVersion() {
        return sparkProperties.isEmpty() && athenaProperties.isEmpty() && pythonProperties.isEmpty() ? 1 : 2;
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(connectionProperties.get(key));
    }

    public ConnectionDefinition withConnectionProperties(Map<String, String> properties) {
        return new ConnectionDefinition(name, description, connectionType, matchCriteria, properties,
                sparkProperties, athenaProperties, pythonProperties, physicalConnectionRequirements,
                authenticationConfiguration, validateForComputeEnvironments);
    }

    public ConnectionDefinition withName(String newName) {
        return new ConnectionDefinition(newName, description, connectionType, matchCriteria, connectionProperties,
                sparkProperties, athenaProperties, pythonProperties, physicalConnectionRequirements,
                authenticationConfiguration, validateForComputeEnvironments);
    }
}
