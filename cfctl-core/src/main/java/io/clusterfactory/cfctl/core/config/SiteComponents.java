package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.ChartCustomizable;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Customizable;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SoftwareSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The component blocks of cluster.yaml that take the site's values and patches, with the stack and
 * name of the component each renders ({@code network-traefik}); and the names cfctl's own
 * components take in each stack, which the site's applications and manifests must not use.
 */
public final class SiteComponents {
  /** Component names cfctl uses (or reserves) in each stack, enabled or not. */
  public static final Map<String, Set<String>> RESERVED =
      Map.of(
          "network", Set.of("metallb", "multus", "coredns", "traefik"),
          "gitops", Set.of("sealed-secrets", "cert-manager", "argocd", "root", "project"),
          "provisioning", Set.of("grendel"),
          "software",
              Set.of(
                  "csi-driver-nfs",
                  "local-path",
                  "mariadb",
                  "ldap",
                  "ldap-connector",
                  "slurm",
                  "supervisor",
                  "cvmfs"));

  /** The stacks in order. */
  public static final List<String> STACKS =
      List.of("network", "gitops", "provisioning", "software");

  private SiteComponents() {}

  /**
   * A component block: its stack and component name, where it is written, and the block.
   *
   * @param yamlPath e.g. {@code spec.network.traefik}
   */
  public record Entry(String stack, String name, String yamlPath, Customizable block) {
    /** The Application name, e.g. {@code network-traefik}. */
    public String appName() {
      return stack + "-" + name;
    }
  }

  /** Every component block present in the cluster, in stack order. */
  public static List<Entry> all(Cluster cluster) {
    List<Entry> out = new ArrayList<>();
    ClusterSpec s = cluster.spec();
    if (s == null) {
      return out;
    }
    NetworkSpec n = s.network();
    if (n != null) {
      add(out, "network", "metallb", "spec.network.metallb", n.metallb());
      add(out, "network", "multus", "spec.network.multus", n.multus());
      add(out, "network", "coredns", "spec.network.coredns", n.coredns());
      add(out, "network", "traefik", "spec.network.traefik", n.traefik());
    }
    GitopsSpec g = s.gitops();
    if (g != null) {
      add(out, "gitops", "sealed-secrets", "spec.gitops.sealedSecrets", g.sealedSecrets());
      add(out, "gitops", "cert-manager", "spec.gitops.certManager", g.certManager());
      add(out, "gitops", "argocd", "spec.gitops.argocd", g.argocd());
    }
    add(out, "provisioning", "grendel", "spec.provisioning", s.provisioning());
    SoftwareSpec w = s.software();
    if (w != null) {
      if (w.storage() != null) {
        add(out, "software", "csi-driver-nfs", "spec.software.storage.nfs", w.storage().nfs());
        add(
            out,
            "software",
            "local-path",
            "spec.software.storage.localPath",
            w.storage().localPath());
      }
      add(out, "software", "mariadb", "spec.software.mariadb", w.mariadb());
      add(out, "software", "ldap", "spec.software.ldap", w.ldap());
      add(out, "software", "ldap-connector", "spec.software.ldapConnector", w.ldapConnector());
      add(out, "software", "slurm", "spec.software.slurm", w.slurm());
      add(out, "software", "supervisor", "spec.software.supervisor", w.supervisor());
      add(out, "software", "cvmfs", "spec.software.cvmfs", w.cvmfs());
    }
    return out;
  }

  /** The chart component blocks, by YAML path. */
  public static Map<String, ChartCustomizable> charts(Cluster cluster) {
    Map<String, ChartCustomizable> out = new LinkedHashMap<>();
    for (Entry e : all(cluster)) {
      if (e.block() instanceof ChartCustomizable c) {
        out.put(e.yamlPath(), c);
      }
    }
    return out;
  }

  private static void add(
      List<Entry> out, String stack, String name, String path, Customizable block) {
    if (block != null) {
      out.add(new Entry(stack, name, path, block));
    }
  }
}
