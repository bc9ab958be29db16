package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import java.util.List;

/**
 * The provisioning stack: Grendel, its inventory and images (typed by {@link GrendelSpec}), plus
 * the secrets and keys Grendel hands to the nodes it provisions.
 */
public record ProvisioningSpec(
    @JsonPropertyDescription("Deploy the stack (default true when the block is present)")
        Boolean enabled,
    @JsonPropertyDescription("Grendel server and node inventory") GrendelSpec grendel,
    @JsonPropertyDescription("Root password of provisioned nodes (default: generated)")
        SecretSource rootPassword,
    @JsonPropertyDescription("SSH public keys authorised for root on provisioned nodes")
        List<String> adminSshKeys,
    @JsonPropertyDescription(
            "Patches over the objects cfctl renders for this component (strategic, merge or"
                + " json)")
        java.util.List<Patch> patches)
    implements Customizable {}
