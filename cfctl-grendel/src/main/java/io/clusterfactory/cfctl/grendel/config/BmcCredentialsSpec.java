package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Names of the environment variables holding BMC credentials. Declaring them means the group's
 * nodes are power-managed, so every node needs a BMC address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BmcCredentialsSpec(
    @JsonProperty("userEnv")
        @JsonPropertyDescription("Environment variable holding the BMC user name.")
        String userEnv,
    @JsonProperty("passwordEnv")
        @JsonPropertyDescription("Environment variable holding the BMC password.")
        String passwordEnv) {}
