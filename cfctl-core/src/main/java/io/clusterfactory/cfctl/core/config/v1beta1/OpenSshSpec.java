package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** k0sctl's openSSH protocol block; cfctl connects with sshj using the same fields. */
public record OpenSshSpec(
    @JsonPropertyDescription("Address or ssh_config alias") String address,
    String user,
    Integer port,
    String keyPath,
    String configPath,
    Boolean disableMultiplexing,
    Map<String, Object> options) {}
