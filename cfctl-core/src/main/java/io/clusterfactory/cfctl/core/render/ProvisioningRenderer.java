package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.NodeGroupSpec;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.render.GrendelFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provisioning stack: Grendel with its inventory, images, configuration and image volume. */
final class ProvisioningRenderer {
  private ProvisioningRenderer() {}

  static void render(Facts f, TreeBuilder tree) {
    if (!f.grendel()) {
      return;
    }
    ProvisioningSpec p = f.prov;
    GrendelSpec g = p.grendel();
    ResolvedInventory inv = f.inventory();
    Component c = tree.component(Stack.PROVISIONING, "grendel", "provisioning", 0, null);

    String images = GrendelFiles.imagesJson(inv);
    ObjectNode cm = Templates.one("provisioning/grendel/configmap.yaml");
    Templates.set(cm, "/data", Map.of("images.json", images));
    tree.manifest(c, "configmap.yaml", cm);
    List<String> parts = hostsParts(inv);
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode part = Templates.one("provisioning/grendel/configmap.yaml");
      Templates.set(part, "/metadata/name", partName(i));
      Templates.set(part, "/data", Map.of("hosts.json", parts.get(i)));
      tree.manifest(c, "hosts.yaml", part);
    }
    String hash = NetworkRenderer.hash(images + String.join("", parts));

    tree.secret(c, "grendel-config", "Opaque", null, Map.of("grendel.toml", grendelToml(f, tree)));

    NetworkSpec.Attachment a = f.attachmentOf(g.address());
    ObjectNode sts = Templates.one("provisioning/grendel/statefulset.yaml");
    Templates.set(
        sts,
        "/spec/template/metadata/annotations/k8s.v1.cni.cncf.io~1networks",
        NetworkRenderer.networksAnnotation(a, g.address()));
    Templates.set(
        sts, "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash", hash);
    Templates.set(sts, "/spec/template/spec/nodeSelector/kubernetes.io~1hostname", g.nodeName());
    Templates.set(sts, "/spec/template/spec/containers/0/image", tree.versions().image("grendel"));
    Templates.set(
        sts, "/spec/template/spec/initContainers/0/image", tree.versions().image("busybox"));
    ArrayNode joinArgs = CanonicalYaml.list();
    ArrayNode mounts = (ArrayNode) sts.at("/spec/template/spec/initContainers/0/volumeMounts");
    ArrayNode volumes = (ArrayNode) sts.at("/spec/template/spec/volumes");
    for (int i = 0; i < parts.size(); i++) {
      String dir = String.format("/parts/%03d", i);
      joinArgs.add(dir + "/hosts.json");
      mounts.add(CanonicalYaml.map("name", partName(i), "mountPath", dir, "readOnly", true));
      volumes.add(
          CanonicalYaml.map(
              "name", partName(i), "configMap", CanonicalYaml.map("name", partName(i))));
    }
    Templates.set(sts, "/spec/template/spec/initContainers/0/args", joinArgs);
    if (g.storage().storageClass() != null) {
      Templates.set(
          sts, "/spec/volumeClaimTemplates/0/spec/storageClassName", g.storage().storageClass());
    } else {
      // no class known to cfctl: the cluster's default class
      Templates.at(sts, "/spec/volumeClaimTemplates/0/spec").remove("storageClassName");
    }
    Templates.set(
        sts, "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", g.storage().size());
    tree.manifest(c, "statefulset.yaml", sts);
    tree.manifest(c, "service.yaml", Templates.one("provisioning/grendel/service.yaml"));
  }

  /** Bytes of one hosts.json part: ConfigMaps are limited to 1 MiB with their metadata. */
  static final int PART_BYTES = 900_000;

  static String partName(int i) {
    return String.format("grendel-hosts-%03d", i);
  }

  /**
   * hosts.json as Grendel reads it, one host per line (reviewable diffs), cut at line ends into
   * parts small enough for a ConfigMap; the parts joined in order are the whole file.
   */
  static List<String> hostsParts(ResolvedInventory inv) {
    List<GrendelHost> hosts = GrendelFiles.hosts(inv);
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder("[\n");
    for (int i = 0; i < hosts.size(); i++) {
      String line = GrendelJson.compact(hosts.get(i)) + (i + 1 < hosts.size() ? ",\n" : "\n");
      if (current.length() + line.length() > PART_BYTES) {
        parts.add(current.toString());
        current = new StringBuilder();
      }
      current.append(line);
    }
    current.append("]\n");
    parts.add(current.toString());
    return parts;
  }

  /** grendel.toml: derived from the inventory and the network; secrets are placeholders. */
  private static String grendelToml(Facts f, TreeBuilder tree) {
    GrendelSpec g = f.prov.grendel();
    ResolvedInventory inv = f.inventory();
    NetworkSpec.Attachment a = f.attachmentOf(g.address());
    String gateway = g.gateway() != null ? g.gateway() : a.gateway();
    List<String> dns = g.dnsServers();
    if (dns.isEmpty() && f.dnsAddress() != null) {
      dns = List.of(f.dnsAddress());
    }
    List<String> search = g.domain() == null ? List.of() : List.of(g.domain());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dbpath", ":memory:");
    doc.put("admin_ssh_pubkeys", f.prov.adminSshKeys());
    Map<String, Object> provision = new LinkedHashMap<>();
    provision.put("listen", "0.0.0.0:80");
    provision.put("token_ttl", 3600);
    provision.put(
        "root_password", tree.input("spec.provisioning.rootPassword", f.prov.rootPassword()));
    provision.put("repo_dir", "/var/lib/grendel");
    doc.put("provision", provision);
    Map<String, Object> dhcp = new LinkedHashMap<>();
    dhcp.put("listen", "0.0.0.0:67");
    dhcp.put("lease_time", "24h");
    dhcp.put("dns_servers", dns);
    dhcp.put("domain_search", search);
    dhcp.put("mtu", 1500);
    dhcp.put("proxy_only", false);
    if (gateway != null) {
      dhcp.put(
          "subnets",
          List.of(
              ConfigText.Inline.of(
                  "gateway",
                  gateway + "/" + inv.prefixLength(),
                  "dns",
                  String.join(",", dns),
                  "domainSearch",
                  String.join(",", search),
                  "mtu",
                  1500)));
    }
    doc.put("dhcp", dhcp);
    doc.put("dns", section("listen", "0.0.0.0:53", "ttl", 86400));
    doc.put("tftp", section("listen", "0.0.0.0:69"));
    doc.put("pxe", section("listen", "0.0.0.0:4011"));
    doc.put("api", section("socket_path", "/var/run/grendel/grendel-api.socket"));
    doc.put("client", section("api_endpoint", "/var/run/grendel/grendel-api.socket"));
    for (int i = 0; i < g.groups().size(); i++) {
      NodeGroupSpec group = g.groups().get(i);
      if (group.bmc() != null
          && group.bmc().userEnv() != null
          && group.bmc().passwordEnv() != null) {
        String base = "spec.provisioning.grendel.groups[" + i + "].bmc";
        doc.put(
            "bmc",
            section(
                "user", tree.input(base + ".userEnv", SecretSource.fromEnv(group.bmc().userEnv())),
                "password",
                    tree.input(
                        base + ".passwordEnv", SecretSource.fromEnv(group.bmc().passwordEnv()))));
        break;
      }
    }
    return ConfigText.toml(doc);
  }

  private static Map<String, Object> section(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
