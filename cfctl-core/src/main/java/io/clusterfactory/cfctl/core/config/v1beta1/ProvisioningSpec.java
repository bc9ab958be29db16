package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The provisioning stack. The grendel block gets its typed records in the provisioning issue. */
public record ProvisioningSpec(
    @JsonPropertyDescription("Grendel server and node inventory") Map<String, Object> grendel) {}
