package dev.dialtone.catalog;

import java.util.List;
import java.util.Optional;

/** Where a Glue job would attach to the network; stored and echoed, not used by tests. */
public record PhysicalConnectionRequirements(
        Optional<String> subnetId, List<String> securityGroupIdList, Optional<String> availabilityZone) {

    public PhysicalConnectionRequirements {
        securityGroupIdList = List.copyOf(securityGroupIdList);
    }
}
