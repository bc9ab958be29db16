package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

public record SshSpec(
    @JsonPropertyDescription("Address (IP or DNS name); address + port unique across hosts")
        String address,
    @JsonPropertyDescription("Login user (default root); non-root needs passwordless sudo")
        String user,
    @JsonPropertyDescription("Port (default 22)") Integer port,
    @JsonPropertyDescription(
            "Private key (default ~/.ssh/id_ed25519, then ~/.ssh/id_rsa, then the keys of ssh-agent)")
        String keyPath,
    @JsonPropertyDescription("Pinned host key, e.g. 'ssh-ed25519 AAAA...'") String hostKey,
    @JsonPropertyDescription("Jump host") SshSpec bastion,
    @JsonPropertyDescription("Raw ssh_config options (accepted for k0sctl compatibility)")
        Map<String, String> options) {}
