package dev.dialtone.probe.aws;

import dev.dialtone.probe.PropertySpec;
import dev.dialtone.probe.StageFailure;
import dev.dialtone.probe.TestSubject;
import java.util.List;

/**
 * One AWS-service connection type: its Glue name, the SDK's endpoint-variable suffix
 * ({@code AWS_ENDPOINT_URL_<SUFFIX>}), the properties it adds to the common ones, and its cheapest
 * authenticated calls.
 *
 * @param endpointSuffix the service part of the SDK's endpoint variable, e.g. {@code DYNAMODB}
 * @param serviceName    the service in words, for messages ("DynamoDB")
 */
record AwsService(String connectionType, String displayName, String description, String serviceName,
        String endpointSuffix, List<PropertySpec> properties, Check check) {

    AwsService {
        properties = List.copyOf(properties);
    }

    /** The calls that prove the identity may use the service; details go to the session. */
    @FunctionalInterface
    interface Check {
        void run(AwsCall call, TestSubject subject) throws StageFailure;
    }
}
