package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

@JsonPropertyOrder({
  "hosts",
  "k0s",
  "options",
  "network",
  "gitops",
  "provisioning",
  "software",
  "applications",
  "manifests",
  "registries",
  "charts"
})
public record ClusterSpec(
    @JsonPropertyDescription("The machines k0s runs on") List<Host> hosts,
    @JsonPropertyDescription("k0s version and ClusterConfig") K0sSpec k0s,
    @JsonPropertyDescription("Apply options: concurrency, waits, drains") Options options,
    @JsonPropertyDescription("Network stack: CoreDNS, MetalLB, Traefik, Multus")
        NetworkSpec network,
    @JsonPropertyDescription("GitOps stack: repository, ArgoCD, cert-manager, sealed-secrets")
        GitopsSpec gitops,
    @JsonPropertyDescription("Provisioning stack: Grendel and the node inventory")
        ProvisioningSpec provisioning,
    @JsonPropertyDescription("Software stack: storage, databases, LDAP, SLURM, CVMFS")
        SoftwareSpec software,
    @JsonPropertyDescription(
            "The site's own Argo CD Applications (a Helm chart or a Git path), in a stack and a"
                + " wave of the same app-of-apps")
        List<ApplicationSpec> applications,
    @JsonPropertyDescription(
            "The site's own manifests (files and folders beside cluster.yaml), committed into the"
                + " tree and synced in a stack and a wave")
        List<ManifestsSpec> manifests,
    @JsonPropertyDescription(
            "Container registry mirrors for every image cfctl renders and every pull on the hosts")
        RegistriesSpec registries,
    @JsonPropertyDescription("A chart repository mirror that serves every chart cfctl pins")
        ChartsSpec charts) {

  public ClusterSpec withHosts(List<Host> newHosts) {
    return new ClusterSpec(
        newHosts,
        k0s,
        options,
        network,
        gitops,
        provisioning,
        software,
        applications,
        manifests,
        registries,
        charts);
  }
}
