package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** One machine of spec.hosts: every field k0sctl accepts, with the same meaning. */
public record Host(
    @JsonPropertyDescription("controller | worker | controller+worker | single") Role role,
    @JsonPropertyDescription("Connect over SSH (sshj)") SshSpec ssh,
    @JsonPropertyDescription(
            "k0sctl's OpenSSH block: cfctl connects with sshj using address, user, port and"
                + " keyPath; configPath, options and disableMultiplexing are refused")
        @JsonProperty("openSSH")
        OpenSshSpec openSsh,
    @JsonPropertyDescription("Run on this machine instead of over SSH") LocalhostSpec localhost,
    @JsonPropertyDescription("Accepted for k0sctl compatibility; Windows hosts are not supported")
        @JsonProperty("winRM")
        Map<String, Object> winRm,
    @JsonPropertyDescription("Network interface k0s uses for the private address")
        String privateInterface,
    @JsonPropertyDescription("Private address (an IP) k0s uses inside the cluster")
        String privateAddress,
    @JsonPropertyDescription("Override the host name (the node name); unique across hosts")
        String hostname,
    @JsonPropertyDescription("k0s data directory (default /var/lib/k0s)") String dataDir,
    @JsonPropertyDescription("kubelet root directory") String kubeletRootDir,
    @JsonPropertyDescription("Extra flags for `k0s install`; quotes must be balanced")
        List<String> installFlags,
    @JsonPropertyDescription(
            "Variables exported for every command cfctl runs on the host and written into the k0s"
                + " service (a change reinstalls it)")
        Map<String, String> environment,
    @JsonPropertyDescription("Upload the k0s binary from this machine") Boolean uploadBinary,
    @JsonPropertyDescription("Use the k0s binary already on the host") Boolean useExistingK0s,
    @JsonPropertyDescription("Local k0s binary to upload (implies uploadBinary)")
        String k0sBinaryPath,
    @JsonPropertyDescription("Where k0s is installed on the host (default /usr/local/bin/k0s)")
        String k0sInstallPath,
    @JsonPropertyDescription("Download URL; %v version, %p arch, %x extension")
        @JsonProperty("k0sDownloadURL")
        String k0sDownloadUrl,
    @JsonPropertyDescription("Files to upload") List<UploadFile> files,
    @JsonPropertyDescription("Force the OS module (e.g. debian)") String os,
    @JsonPropertyDescription("Do not taint a controller+worker") Boolean noTaints,
    @JsonPropertyDescription(
            "Labels of the host's Node, set through the API on every apply; a label removed here is"
                + " removed from the Node (only labels cfctl set)")
        Map<String, String> labels,
    @JsonPropertyDescription(
            "Taints of the host's Node as key=value:Effect or key:Effect (NoSchedule,"
                + " PreferNoSchedule, NoExecute), reconciled on every apply; only taints cfctl set"
                + " are removed")
        List<String> taints,
    @JsonPropertyDescription(
            "Commands run before/after an action: apply or reset, e.g. apply.before")
        Map<String, Hook> hooks,
    @JsonPropertyDescription("Remove k0s from this host during apply") Boolean reset) {

  /** user@address:port, the name used in every message about this host. */
  public String displayName() {
    if (localhost != null && Boolean.TRUE.equals(localhost.enabled())) {
      return "localhost";
    }
    if (ssh != null) {
      return (ssh.user() == null ? "root" : ssh.user())
          + "@"
          + ssh.address()
          + ":"
          + (ssh.port() == null ? 22 : ssh.port());
    }
    if (openSsh != null) {
      return openSsh.address();
    }
    return "host";
  }

  public boolean isLocalhost() {
    return localhost != null && Boolean.TRUE.equals(localhost.enabled());
  }
}
