package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.StackNetworks;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** The network stack: MetalLB, Multus, CoreDNS, Traefik. */
final class NetworkRenderer {
  static final String METALLB_IP_ANNOTATION = "metallb.io/loadBalancerIPs";
  private static final String BMC_SUFFIX = "-bmc";

  private NetworkRenderer() {}

  static void render(Facts f, TreeBuilder tree) {
    if (f.metallb()) {
      metallb(f, tree);
    }
    if (f.multus()) {
      multus(f, tree);
    }
    if (f.coredns()) {
      coredns(f, tree);
    }
    if (f.traefik()) {
      traefik(f, tree);
    }
  }

  private static void metallb(Facts f, TreeBuilder tree) {
    NetworkSpec.MetallbSpec lb = f.net.metallb();
    Component c = tree.component(Stack.NETWORK, "metallb", "metallb-system", 0, "metallb");
    boolean bgp = lb.mode() == NetworkSpec.MetallbMode.BGP;
    tree.values(
        c,
        CanonicalYaml.map("speaker", CanonicalYaml.map("frr", CanonicalYaml.map("enabled", bgp))));
    List<String> poolNames = new ArrayList<>();
    for (NetworkSpec.Pool p : lb.pools()) {
      ObjectNode pool = Templates.one("network/metallb/pool.yaml");
      Templates.set(pool, "/metadata/name", p.name());
      Templates.set(pool, "/spec/addresses", p.addresses());
      Templates.set(pool, "/spec/autoAssign", p.autoAssign());
      tree.manifest(c, "pools.yaml", pool);
      poolNames.add(p.name());
    }
    if (bgp) {
      ObjectNode adv = Templates.one("network/metallb/bgp.yaml");
      Templates.set(adv, "/spec/ipAddressPools", poolNames);
      tree.manifest(c, "advertisement.yaml", adv);
      for (NetworkSpec.BgpPeer p : lb.bgp().peers()) {
        ObjectNode peer = Templates.one("network/metallb/bgppeer.yaml");
        Templates.set(peer, "/metadata/name", p.name());
        Templates.set(peer, "/spec/myASN", lb.bgp().myAsn());
        Templates.set(peer, "/spec/peerASN", p.asn());
        Templates.set(peer, "/spec/peerAddress", p.address());
        tree.manifest(c, "peers.yaml", peer);
      }
    } else {
      ObjectNode adv = Templates.one("network/metallb/l2advertisement.yaml");
      Templates.set(adv, "/spec/ipAddressPools", poolNames);
      if (!lb.interfaces().isEmpty()) {
        Templates.set(adv, "/spec/interfaces", lb.interfaces());
      }
      tree.manifest(c, "advertisement.yaml", adv);
    }
  }

  private static void multus(Facts f, TreeBuilder tree) {
    Component c = tree.component(Stack.NETWORK, "multus", "kube-system", 0, "multus");
    for (NetworkSpec.Attachment a : f.net.multus().attachments()) {
      ObjectNode nad = Templates.one("network/multus/attachment.yaml");
      Templates.set(nad, "/metadata/name", a.name());
      ObjectNode ipam = CanonicalYaml.map("type", "static");
      if (a.gateway() != null) {
        ipam.set(
            "routes", CanonicalYaml.list(CanonicalYaml.map("dst", a.subnet(), "gw", a.gateway())));
      }
      ObjectNode cni =
          CanonicalYaml.map(
              "cniVersion", "0.3.1",
              "name", a.name(),
              "type", "ipvlan",
              "master", a.master(),
              "mode", a.mode().name().toLowerCase(),
              "capabilities", CanonicalYaml.map("ips", true),
              "ipam", ipam);
      Templates.set(nad, "/spec/config", CanonicalYaml.json(cni));
      tree.manifest(c, "attachments.yaml", nad);
    }
  }

  /** The pod annotation that puts a pod on an attachment at a fixed address. */
  static String networksAnnotation(NetworkSpec.Attachment a, String address) {
    String cidr = address.contains("/") ? address : address + "/" + Facts.prefixOf(a);
    return CanonicalYaml.json(
        CanonicalYaml.list(
            CanonicalYaml.map(
                "name", a.name(), "namespace", "kube-system", "ips", CanonicalYaml.list(cidr))));
  }

  private static void coredns(Facts f, TreeBuilder tree) {
    NetworkSpec.CorednsSpec dns = f.net.coredns();
    Component c = tree.component(Stack.NETWORK, "coredns", "dns", 1, null);
    String domain = f.domain();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("Corefile", corefile(domain, dns.forwarders()));
    data.put("db." + domain, zone(f));
    ObjectNode cm = Templates.one("network/coredns/configmap.yaml");
    Templates.set(cm, "/data", data);
    tree.manifest(c, "configmap.yaml", cm);

    ObjectNode deploy = Templates.one("network/coredns/deployment.yaml");
    Templates.set(deploy, "/spec/replicas", dns.replicas());
    Templates.set(
        deploy,
        "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash",
        hash(data.toString()));
    Templates.set(
        deploy, "/spec/template/spec/containers/0/image", tree.versions().image("coredns"));
    tree.manifest(c, "deployment.yaml", deploy);

    ObjectNode svc = Templates.one("network/coredns/service.yaml");
    if (f.dnsThroughTraefik()) {
      Templates.set(svc, "/spec/type", "ClusterIP");
      for (ObjectNode route : Templates.all("network/coredns/ingressroutes.yaml")) {
        tree.manifest(c, "ingressroutes.yaml", route);
      }
    } else {
      Templates.set(
          svc, "/metadata/annotations", CanonicalYaml.map(METALLB_IP_ANNOTATION, dns.address()));
    }
    tree.manifest(c, "service.yaml", svc);
  }

  static String corefile(String domain, List<String> forwarders) {
    return domain
        + ":53 {\n"
        + "    file /etc/coredns/db."
        + domain
        + " "
        + domain
        + "\n"
        + "    reload 30s\n"
        + "    errors\n"
        + "    log\n"
        + "}\n"
        + ".:53 {\n"
        + "    forward . "
        + String.join(" ", forwarders)
        + "\n"
        + "    cache 30\n"
        + "    errors\n"
        + "    health :8080\n"
        + "    ready :8181\n"
        + "}\n";
  }

  /**
   * The zone of the domain, every name derived: the name server, hosts with a hostname, ingress
   * hosts (Traefik's address), the SLURM login, Grendel, the SLURM controller, inventory nodes and
   * their BMCs, then the extra records. A name keeps its first address.
   */
  static String zone(Facts f) {
    String domain = f.domain();
    Map<String, String> records = new LinkedHashMap<>();
    NetworkSpec.CorednsSpec dns = f.net.coredns();
    for (NetworkSpec.DnsRecord r : dns.records()) {
      put(records, r.name(), r.address(), domain);
    }
    put(records, "ns", f.dnsAddress(), domain);
    for (Host h : f.cluster.spec().hosts()) {
      String address =
          h.privateAddress() != null
              ? h.privateAddress()
              : h.ssh() == null ? null : h.ssh().address();
      if (h.hostname() != null && StackNetworks.address(address) != null) {
        put(records, h.hostname(), address, domain);
      }
    }
    String traefik = f.traefikAddress();
    if (traefik != null) {
      if (f.argocd()) {
        put(records, f.gitops.argocd().host(), traefik, domain);
      }
      if (f.ldapThroughTraefik()) {
        put(records, f.sw.ldap().host(), traefik, domain);
      }
      if (f.cvmfs()) {
        put(records, f.sw.cvmfs().host(), traefik, domain);
      }
    }
    if (f.slurm()) {
      put(records, f.sw.slurm().login().host(), f.sw.slurm().login().address(), domain);
      if (f.sw.slurm().controllerAddress() != null) {
        put(records, "slurm-controller", f.sw.slurm().controllerAddress(), domain);
      }
    }
    if (f.grendel()) {
      put(records, "grendel", f.grendelIp(), domain);
    }
    if (f.inventory() != null) {
      for (ResolvedNode n : f.inventory().nodes()) {
        put(records, n.name(), n.ip(), domain);
        if (n.bmcIp() != null) {
          put(records, n.name() + BMC_SUFFIX, n.bmcIp(), domain);
        }
      }
    }
    StringBuilder body = new StringBuilder();
    records.forEach(
        (name, address) -> body.append(name).append(" IN A ").append(address).append('\n'));
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.UTF_8));
    // a serial that changes with the content and stays the same for the same content
    long serial = 1 + (crc.getValue() % 2_000_000_000L);
    return "$ORIGIN "
        + domain
        + ".\n$TTL 300\n@ IN SOA ns."
        + domain
        + ". hostmaster."
        + domain
        + ". "
        + serial
        + " 7200 3600 1209600 300\n@ IN NS ns."
        + domain
        + ".\n"
        + body;
  }

  private static void put(Map<String, String> records, String name, String address, String domain) {
    if (name == null || address == null) {
      return;
    }
    String relative = name;
    if (name.equals(domain)) {
      relative = "@";
    } else if (name.endsWith("." + domain)) {
      relative = name.substring(0, name.length() - domain.length() - 1);
    } else if (name.contains(".")) {
      return; // outside the zone
    }
    records.putIfAbsent(relative, address);
  }

  private static void traefik(Facts f, TreeBuilder tree) {
    NetworkSpec.TraefikSpec t = f.net.traefik();
    Component c = tree.component(Stack.NETWORK, "traefik", "traefik", 1, "traefik");
    ObjectNode ports =
        CanonicalYaml.map(
            "web",
                CanonicalYaml.map(
                    "port", 8000, "exposedPort", 80, "expose", CanonicalYaml.map("default", true)),
            "websecure",
                CanonicalYaml.map(
                    "port",
                    8443,
                    "exposedPort",
                    443,
                    "expose",
                    CanonicalYaml.map("default", true)));
    if (f.dnsThroughTraefik()) {
      ports.set("dns-tcp", entrypoint(5353, 53, "TCP"));
      ports.set("dns-udp", entrypoint(5354, 53, "UDP"));
    }
    if (f.ldapThroughTraefik()) {
      ports.set("ldap", entrypoint(3389, 389, "TCP"));
      ports.set("ldaps", entrypoint(3636, 636, "TCP"));
    }
    ObjectNode values =
        CanonicalYaml.map(
            "deployment", CanonicalYaml.map("replicas", t.replicas()),
            "ingressClass", CanonicalYaml.map("enabled", true, "isDefaultClass", true),
            "providers",
                CanonicalYaml.map(
                    "kubernetesCRD", CanonicalYaml.map("allowCrossNamespace", true),
                    "kubernetesIngress",
                        CanonicalYaml.map("publishedService", CanonicalYaml.map("enabled", true))),
            "ports", ports,
            "service",
                CanonicalYaml.map(
                    "annotations", CanonicalYaml.map(METALLB_IP_ANNOTATION, t.address()),
                    "spec", CanonicalYaml.map("externalTrafficPolicy", "Local")));
    tree.values(c, values);
  }

  private static ObjectNode entrypoint(int port, int exposed, String protocol) {
    return CanonicalYaml.map(
        "port", port,
        "exposedPort", exposed,
        "protocol", protocol,
        "expose", CanonicalYaml.map("default", true));
  }

  /**
   * A short content hash (64-bit FNV-1a, hex) for annotations that roll pods when their
   * configuration changes; not for security.
   */
  static String hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return String.format("%016x", h);
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = CanonicalYaml.list();
    values.forEach(a::add);
    return a;
  }
}
