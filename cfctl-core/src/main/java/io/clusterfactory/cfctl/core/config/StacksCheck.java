package io.clusterfactory.cfctl.core.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.config.v1beta1.SoftwareSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.NodeGroupSpec;
import io.clusterfactory.cfctl.grendel.inventory.Finding;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-checks of the stack blocks: addresses against pools and hosts, attachments against the
 * Grendel address, SLURM partitions against the inventory, storage classes, the domain, and the
 * dependencies between components.
 */
public final class StacksCheck implements ClusterCheck {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  @Override
  public void check(Cluster cluster, Context ctx) {
    var spec = cluster.spec();
    Problems problems = ctx.problems();
    NetworkSpec net = spec.network();
    GitopsSpec gitops = spec.gitops();
    if (deploysAnything(spec)
        && (gitops == null || gitops.repository() == null || blank(gitops.repository().url()))) {
      problems.error(
          "spec.gitops.repository.url",
          "the stacks need a Git repository to render into",
          "set spec.gitops.repository.url, e.g. file:///srv/gitops.git");
    }
    if (net != null) {
      checkNetwork(cluster, net, problems);
    }
    if (gitops != null) {
      checkGitops(gitops, ctx);
    }
    Set<String> inventory = inventoryNodes(spec.provisioning());
    if (spec.provisioning() != null) {
      checkProvisioning(spec.provisioning(), net, problems);
      if (spec.provisioning().enabled() && spec.provisioning().grendel() != null) {
        checkInventory(ctx);
      }
    }
    if (spec.software() != null) {
      checkSoftware(
          spec.software(),
          net,
          spec.provisioning(),
          inventory,
          StackNetworks.hostAddresses(cluster),
          problems);
    }
  }

  /** Whether any component of any stack is on (an empty stack block deploys nothing). */
  public static boolean deploysAnything(
      io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec spec) {
    NetworkSpec n = spec.network();
    GitopsSpec g = spec.gitops();
    SoftwareSpec s = spec.software();
    boolean network =
        n != null
            && ((n.coredns() != null && n.coredns().enabled())
                || (n.metallb() != null && n.metallb().enabled())
                || (n.traefik() != null && n.traefik().enabled())
                || (n.multus() != null && n.multus().enabled()));
    boolean gitops =
        g != null
            && ((g.argocd() != null && g.argocd().enabled())
                || (g.certManager() != null && g.certManager().enabled())
                || (g.sealedSecrets() != null && g.sealedSecrets().enabled()));
    boolean provisioning = spec.provisioning() != null && spec.provisioning().enabled();
    boolean software =
        s != null
            && ((s.storage() != null
                    && ((s.storage().nfs() != null && s.storage().nfs().enabled())
                        || (s.storage().localPath() != null && s.storage().localPath().enabled())))
                || (s.mariadb() != null && s.mariadb().enabled())
                || (s.ldap() != null && s.ldap().enabled())
                || (s.ldapConnector() != null && s.ldapConnector().enabled())
                || (s.slurm() != null && s.slurm().enabled())
                || (s.supervisor() != null && s.supervisor().enabled())
                || (s.cvmfs() != null && s.cvmfs().enabled()));
    return network || gitops || provisioning || software;
  }

  // ---- network ----

  private static void checkNetwork(Cluster cluster, NetworkSpec net, Problems problems) {
    if (net.domain() != null && !validDomain(net.domain())) {
      problems.error(
          "spec.network.domain",
          "'" + net.domain() + "' is not a valid DNS name",
          "use lowercase labels of letters, digits and '-', separated by dots, e.g."
              + " hpc.example.com");
    }
    NetworkSpec.MetallbSpec lb = net.metallb();
    boolean lbOn = lb != null && lb.enabled();
    List<Named> ranges = new ArrayList<>();
    if (lbOn) {
      if (lb.pools().isEmpty()) {
        problems.error(
            "spec.network.metallb.pools", "MetalLB needs at least one address pool", null);
      }
      Map<String, Integer> names = new HashMap<>();
      for (int i = 0; i < lb.pools().size(); i++) {
        NetworkSpec.Pool pool = lb.pools().get(i);
        String path = "spec.network.metallb.pools[" + i + "]";
        if (pool == null) {
          problems.error(path, "empty pool entry");
          continue;
        }
        checkName(pool.name(), path + ".name", names, problems);
        if (pool.addresses().isEmpty()) {
          problems.error(path + ".addresses", "a pool needs at least one address range", null);
        }
        for (int j = 0; j < pool.addresses().size(); j++) {
          String entry = pool.addresses().get(j);
          String ep = path + ".addresses[" + j + "]";
          IPAddressSeqRange r = StackNetworks.poolRange(entry);
          if (r == null) {
            problems.error(
                ep,
                "'" + entry + "' is not an address range",
                "write a CIDR (10.0.0.64/28) or first-last (10.0.0.100-10.0.0.120)");
            continue;
          }
          for (Named other : ranges) {
            if (other.range().overlaps(r)) {
              problems.error(
                  ep,
                  "range " + entry + " overlaps " + other.text() + " (" + other.path() + ")",
                  "MetalLB pools must not overlap");
            }
          }
          ranges.add(new Named(entry, ep, r));
        }
      }
      if (lb.mode() == NetworkSpec.MetallbMode.BGP) {
        NetworkSpec.Bgp bgp = lb.bgp();
        if (bgp == null || bgp.myAsn() == null) {
          problems.error(
              "spec.network.metallb.bgp.myAsn", "mode bgp needs the cluster's AS number", null);
        }
        if (bgp == null || bgp.peers().isEmpty()) {
          problems.error("spec.network.metallb.bgp.peers", "mode bgp needs a peer", null);
        } else {
          for (int i = 0; i < bgp.peers().size(); i++) {
            NetworkSpec.BgpPeer p = bgp.peers().get(i);
            String path = "spec.network.metallb.bgp.peers[" + i + "]";
            if (p == null || StackNetworks.address(p.address()) == null) {
              problems.error(path + ".address", "a peer needs an IP address", null);
            }
            if (p != null && p.asn() == null) {
              problems.error(path + ".asn", "a peer needs an AS number", null);
            }
          }
        }
      }
    }
    Set<IPAddress> hosts = StackNetworks.hostAddresses(cluster);
    Map<IPAddress, String> used = new HashMap<>();
    NetworkSpec.CorednsSpec dns = net.coredns();
    if (dns != null && dns.enabled()) {
      if (dns.expose() == NetworkSpec.DnsExpose.LOAD_BALANCER) {
        checkLoadBalancerIp(
            dns.address(),
            "spec.network.coredns.address",
            "CoreDNS",
            lbOn,
            ranges,
            hosts,
            used,
            problems);
      } else if (net.traefik() == null || !net.traefik().enabled()) {
        problems.error(
            "spec.network.coredns.expose",
            "expose: traefik needs the Traefik component",
            "add spec.network.traefik, or use expose: loadBalancer");
      }
      if (blank(net.domain())) {
        problems.error("spec.network.domain", "CoreDNS serves the domain: set it", null);
      }
      for (int i = 0; i < dns.forwarders().size(); i++) {
        if (StackNetworks.address(dns.forwarders().get(i)) == null) {
          problems.error(
              "spec.network.coredns.forwarders[" + i + "]",
              "'" + dns.forwarders().get(i) + "' is not an IP address",
              null);
        }
      }
      for (int i = 0; i < dns.records().size(); i++) {
        NetworkSpec.DnsRecord r = dns.records().get(i);
        String path = "spec.network.coredns.records[" + i + "]";
        if (r == null || r.name() == null || !validDomain(r.name())) {
          problems.error(path + ".name", "a record needs a valid DNS name", null);
        }
        if (r != null && StackNetworks.address(r.address()) == null) {
          problems.error(path + ".address", "a record needs an IP address", null);
        }
      }
    }
    NetworkSpec.TraefikSpec traefik = net.traefik();
    if (traefik != null && traefik.enabled()) {
      checkLoadBalancerIp(
          traefik.address(),
          "spec.network.traefik.address",
          "Traefik",
          lbOn,
          ranges,
          hosts,
          used,
          problems);
    }
    NetworkSpec.MultusSpec multus = net.multus();
    if (multus != null && multus.enabled()) {
      Map<String, Integer> names = new HashMap<>();
      for (int i = 0; i < multus.attachments().size(); i++) {
        NetworkSpec.Attachment a = multus.attachments().get(i);
        String path = "spec.network.multus.attachments[" + i + "]";
        if (a == null) {
          problems.error(path, "empty attachment entry");
          continue;
        }
        checkName(a.name(), path + ".name", names, problems);
        if (blank(a.master())) {
          problems.error(
              path + ".master",
              "an attachment needs the host interface it sits on",
              "name the interface, e.g. master: eth1");
        }
        IPAddress subnet = StackNetworks.subnet(a.subnet());
        if (subnet == null) {
          problems.error(
              path + ".subnet",
              "'" + a.subnet() + "' is not a subnet in CIDR form",
              "e.g. 192.168.0.0/24");
        } else if (a.gateway() != null) {
          IPAddress gw = StackNetworks.address(a.gateway());
          if (gw == null || !subnet.contains(gw)) {
            problems.error(
                path + ".gateway",
                "gateway " + a.gateway() + " is not an address inside " + a.subnet(),
                null);
          }
        }
      }
    }
  }

  /** Also used for the SLURM login address. */
  private static void checkLoadBalancerIp(
      String text,
      String path,
      String what,
      boolean lbOn,
      List<Named> ranges,
      Set<IPAddress> hosts,
      Map<IPAddress, String> used,
      Problems problems) {
    if (!lbOn) {
      problems.error(
          path,
          what + " needs a LoadBalancer IP but MetalLB is not enabled",
          "add spec.network.metallb with an address pool");
      return;
    }
    if (text == null) {
      problems.error(
          path,
          "no free address left in the MetalLB pools for " + what,
          "enlarge a pool or set the address");
      return;
    }
    IPAddress a = StackNetworks.address(text);
    if (a == null) {
      problems.error(path, "'" + text + "' is not an IP address", null);
      return;
    }
    if (ranges.stream().noneMatch(r -> r.range().contains(a))) {
      problems.error(
          path,
          what + " address " + text + " is in no MetalLB pool",
          "pick an address from spec.network.metallb.pools, or add it to a pool");
    }
    if (hosts.contains(a)) {
      problems.error(
          path, what + " address " + text + " is a host's address", "pick a free pool address");
    }
    String other = used.putIfAbsent(a, path);
    if (other != null) {
      problems.error(path, "address " + text + " is already used by " + other, null);
    }
  }

  // ---- gitops ----

  private static void checkGitops(GitopsSpec g, Context ctx) {
    Problems problems = ctx.problems();
    GitopsSpec.ArgocdSpec argo = g.argocd();
    if (argo != null && argo.enabled() && argo.credentials() != null) {
      GitopsSpec.RepositoryCredentials c = argo.credentials();
      String path = "spec.gitops.argocd.credentials";
      secret(c.sshPrivateKey(), path + ".sshPrivateKey", problems);
      secret(c.password(), path + ".password", problems);
      if (c.sshPrivateKey() == null && c.password() == null) {
        problems.error(path, "credentials need sshPrivateKey, or username and password", null);
      }
      if (c.password() != null && blank(c.username())) {
        problems.error(path + ".username", "a password needs a username", null);
      }
    }
    GitopsSpec.CertManagerSpec cm = g.certManager();
    if (cm != null && cm.enabled()) {
      if (cm.issuer() == GitopsSpec.IssuerKind.ACME
          && (cm.acme() == null || blank(cm.acme().email()))) {
        problems.error(
            "spec.gitops.certManager.acme.email", "issuer acme needs an account e-mail", null);
      }
      if (cm.ca() != null) {
        if (cm.ca().certificate() == null || cm.ca().key() == null) {
          problems.error(
              "spec.gitops.certManager.ca", "a private CA needs both certificate and key", null);
        }
        secret(cm.ca().certificate(), "spec.gitops.certManager.ca.certificate", problems);
        secret(cm.ca().key(), "spec.gitops.certManager.ca.key", problems);
      }
    }
    GitopsSpec.SealedSecretsSpec ss = g.sealedSecrets();
    if (ss != null && ss.certificate() != null && !Files.isRegularFile(Path.of(ss.certificate()))) {
      ctx.localFileMissing(
          "spec.gitops.sealedSecrets.certificate",
          "sealing certificate " + ss.certificate() + " does not exist here",
          "fetch it with `kubeseal --fetch-cert` or remove the field");
    }
  }

  // ---- provisioning ----

  private static void checkProvisioning(ProvisioningSpec p, NetworkSpec net, Problems problems) {
    secret(p.rootPassword(), "spec.provisioning.rootPassword", problems);
    GrendelSpec g = p.grendel();
    if (!p.enabled() || g == null) {
      return;
    }
    String path = "spec.provisioning.grendel";
    if (StackNetworks.hostPart(g.address()) == null) {
      return; // the Grendel inventory checks report a missing or malformed address
    }
    NetworkSpec.MultusSpec multus = net == null ? null : net.multus();
    if (multus == null || !multus.enabled()) {
      problems.error(
          path + ".address",
          "Grendel joins the provisioning network through Multus, which is not enabled",
          "add spec.network.multus with an attachment whose subnet contains " + g.address());
      return;
    }
    NetworkSpec.Attachment a = StackNetworks.grendelAttachment(multus, g);
    if (a == null) {
      problems.error(
          path + ".address",
          "Grendel address " + g.address() + " is in no Multus attachment subnet",
          "add an attachment to spec.network.multus.attachments whose subnet contains it");
    } else if (g.networkInterface() != null && !g.networkInterface().equals(a.master())) {
      problems.error(
          path + ".interface",
          "interface "
              + g.networkInterface()
              + " differs from the master "
              + a.master()
              + " of attachment "
              + a.name(),
          "use the same interface in both places, or drop grendel.interface");
    }
  }

  /**
   * The Grendel inventory's own findings (resolved once, at load), under spec.provisioning.grendel.
   */
  private static void checkInventory(Context ctx) {
    if (ctx.facts().inventory() == null) {
      return;
    }
    List<Finding> findings = ctx.facts().inventory().findings();
    for (Finding f : findings) {
      String path =
          f.path() == null || f.path().isEmpty()
              ? "spec.provisioning.grendel"
              : "spec.provisioning.grendel." + f.path();
      if (f.isError()) {
        ctx.problems().error(path, f.message(), f.hint());
      } else {
        ctx.problems().warning(path, f.message(), f.hint());
      }
    }
  }

  /** Node names of the inventory: every group's nodeset (syntax errors are Grendel's findings). */
  public static Set<String> inventoryNodes(ProvisioningSpec p) {
    Set<String> names = new LinkedHashSet<>();
    if (p == null || p.grendel() == null || p.grendel().groups() == null) {
      return names;
    }
    for (NodeGroupSpec group : p.grendel().groups()) {
      if (group == null || group.nodes() == null) {
        continue;
      }
      try {
        names.addAll(NodeSet.expand(group.nodes()));
      } catch (IllegalArgumentException e) {
        // reported by the Grendel inventory checks with its column
      }
    }
    return names;
  }

  // ---- software ----

  private static void checkSoftware(
      SoftwareSpec sw,
      NetworkSpec net,
      ProvisioningSpec prov,
      Set<String> inventory,
      Set<IPAddress> hosts,
      Problems problems) {
    Set<String> classes = new LinkedHashSet<>();
    SoftwareSpec.StorageSpec storage = sw.storage();
    if (storage != null) {
      Map<String, Integer> names = new HashMap<>();
      if (storage.nfs() != null && storage.nfs().enabled()) {
        for (int i = 0; i < storage.nfs().classes().size(); i++) {
          SoftwareSpec.NfsClass c = storage.nfs().classes().get(i);
          String path = "spec.software.storage.nfs.classes[" + i + "]";
          if (c == null) {
            problems.error(path, "empty class entry");
            continue;
          }
          checkName(c.name(), path + ".name", names, problems);
          classes.add(c.name());
          if (blank(c.server())) {
            problems.error(path + ".server", "an NFS class needs the server address", null);
          }
          if (blank(c.share()) || !c.share().startsWith("/")) {
            problems.error(
                path + ".share", "an NFS class needs the exported path, e.g. /srv/nfs", null);
          }
          if (!c.reclaimPolicy().equals("Delete") && !c.reclaimPolicy().equals("Retain")) {
            problems.error(path + ".reclaimPolicy", "expected Delete or Retain", null);
          }
        }
      }
      if (storage.localPath() != null && storage.localPath().enabled()) {
        checkName(
            storage.localPath().className(),
            "spec.software.storage.localPath.className",
            names,
            problems);
        classes.add(storage.localPath().className());
      }
      if (storage.defaultClass() == null) {
        problems.error(
            "spec.software.storage.defaultClass",
            "no storage class to make the default",
            "enable nfs or localPath");
      } else if (!classes.contains(storage.defaultClass())) {
        problems.error(
            "spec.software.storage.defaultClass",
            "storage class '" + storage.defaultClass() + "' does not exist",
            classes.isEmpty()
                ? "enable nfs or localPath"
                : "use one of " + String.join(", ", classes));
      }
    }
    String domain = net == null ? null : net.domain();
    if (prov != null && prov.enabled() && prov.grendel() != null) {
      checkClass(
          prov.grendel().storage().storageClass(),
          "spec.provisioning.grendel.storage.storageClass",
          classes,
          storage != null,
          problems);
    }
    SoftwareSpec.MariadbSpec db = sw.mariadb();
    if (db != null && db.enabled()) {
      checkVolume(db.volume(), "spec.software.mariadb.volume", classes, storage != null, problems);
      secret(db.rootPassword(), "spec.software.mariadb.rootPassword", problems);
      secret(db.slurmPassword(), "spec.software.mariadb.slurmPassword", problems);
    }
    SoftwareSpec.LdapSpec ldap = sw.ldap();
    boolean ldapOn = ldap != null && ldap.enabled();
    if (ldapOn) {
      checkVolume(ldap.volume(), "spec.software.ldap.volume", classes, storage != null, problems);
      secret(ldap.adminPassword(), "spec.software.ldap.adminPassword", problems);
      if (ldap.suffix() == null) {
        problems.error(
            "spec.software.ldap.suffix",
            "no LDAP suffix",
            "set spec.network.domain (the suffix derives from it) or ldap.suffix");
      }
      if (domain == null && ldap.host() == null) {
        problems.error("spec.software.ldap.host", "no LDAP host", "set spec.network.domain");
      }
    }
    SoftwareSpec.LdapConnectorSpec lc = sw.ldapConnector();
    if (lc != null && lc.enabled()) {
      if (!ldapOn) {
        problems.error(
            "spec.software.ldapConnector", "the LDAP connector needs spec.software.ldap", null);
      }
      if (blank(lc.endpoint())) {
        problems.error("spec.software.ldapConnector.endpoint", "endpoint is required", null);
      }
      if (blank(lc.contract())) {
        problems.error("spec.software.ldapConnector.contract", "contract is required", null);
      }
    }
    SoftwareSpec.SlurmSpec slurm = sw.slurm();
    boolean slurmOn = slurm != null && slurm.enabled();
    if (slurmOn) {
      checkSlurm(slurm, sw, net, prov, inventory, hosts, classes, storage != null, problems);
    }
    SoftwareSpec.SupervisorSpec sup = sw.supervisor();
    if (sup != null && sup.enabled()) {
      String path = "spec.software.supervisor";
      if (!slurmOn) {
        problems.error(path, "the supervisor submits to SLURM: enable spec.software.slurm", null);
      }
      if (blank(sup.endpoint())) {
        problems.error(path + ".endpoint", "endpoint is required", null);
      }
      if (sup.walletKey() == null) {
        problems.error(
            path + ".walletKey", "walletKey is required", "e.g. {env: PROVIDER_WALLET_KEY}");
      }
      if (sup.sshKey() == null || blank(sup.sshPublicKey())) {
        problems.error(
            path + ".sshKey",
            "sshKey and sshPublicKey are required (the login authorises the key)",
            null);
      }
      secret(sup.walletKey(), path + ".walletKey", problems);
      secret(sup.sshKey(), path + ".sshKey", problems);
    }
    SoftwareSpec.CvmfsSpec cvmfs = sw.cvmfs();
    if (cvmfs != null && cvmfs.enabled()) {
      String path = "spec.software.cvmfs";
      checkVolume(cvmfs.volume(), path + ".volume", classes, storage != null, problems);
      if (cvmfs.host() == null) {
        problems.error(path + ".host", "no host for the replica", "set spec.network.domain");
      }
      if (cvmfs.repositories().isEmpty()) {
        problems.error(path + ".repositories", "list at least one repository to replicate", null);
      }
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < cvmfs.repositories().size(); i++) {
        SoftwareSpec.CvmfsRepository r = cvmfs.repositories().get(i);
        String rp = path + ".repositories[" + i + "]";
        if (r == null || r.name() == null || !validDomain(r.name())) {
          problems.error(rp + ".name", "a repository needs its fully qualified name", null);
        } else if (!seen.add(r.name())) {
          problems.error(rp + ".name", "duplicate repository " + r.name(), null);
        }
        if (r != null && (r.url() == null || !r.url().matches("https?://.+"))) {
          problems.error(rp + ".url", "a repository needs its Stratum 0 http(s) URL", null);
        }
        if (r != null && (r.publicKey() == null || !r.publicKey().contains("PUBLIC KEY"))) {
          problems.error(rp + ".publicKey", "a repository needs its PEM public key", null);
        }
      }
    }
  }

  private static void checkSlurm(
      SoftwareSpec.SlurmSpec slurm,
      SoftwareSpec sw,
      NetworkSpec net,
      ProvisioningSpec prov,
      Set<String> inventory,
      Set<IPAddress> hosts,
      Set<String> classes,
      boolean storagePresent,
      Problems problems) {
    String path = "spec.software.slurm";
    checkVolume(
        slurm.controllerVolume(), path + ".controllerVolume", classes, storagePresent, problems);
    secret(slurm.mungeKey(), path + ".mungeKey", problems);
    if (sw.ldap() == null || !sw.ldap().enabled()) {
      problems.error(
          path, "SLURM authenticates users against 389ds: enable spec.software.ldap", null);
    }
    NetworkSpec.MetallbSpec lb = net == null ? null : net.metallb();
    boolean lbOn = lb != null && lb.enabled();
    List<Named> ranges = new ArrayList<>();
    if (lbOn) {
      for (IPAddressSeqRange r : StackNetworks.poolRanges(lb)) {
        ranges.add(new Named(r.toString(), "spec.network.metallb.pools", r));
      }
    }
    Map<IPAddress, String> used = new HashMap<>();
    if (net != null) {
      if (net.coredns() != null && net.coredns().enabled() && net.coredns().address() != null) {
        addUsed(used, net.coredns().address(), "spec.network.coredns.address");
      }
      if (net.traefik() != null && net.traefik().enabled() && net.traefik().address() != null) {
        addUsed(used, net.traefik().address(), "spec.network.traefik.address");
      }
    }
    checkLoadBalancerIp(
        slurm.login().address(),
        path + ".login.address",
        "the SLURM login",
        lbOn,
        ranges,
        hosts,
        used,
        problems);
    if (slurm.controllerAddress() != null) {
      String cp = path + ".controllerAddress";
      IPAddress a = StackNetworks.address(slurm.controllerAddress());
      NetworkSpec.MultusSpec multus = net == null ? null : net.multus();
      if (a == null) {
        problems.error(cp, "'" + slurm.controllerAddress() + "' is not an IP address", null);
      } else if (multus == null
          || !multus.enabled()
          || StackNetworks.attachmentOf(multus, a) == null) {
        problems.error(
            cp,
            "controller address "
                + slurm.controllerAddress()
                + " is in no Multus attachment subnet",
            "add an attachment to spec.network.multus.attachments whose subnet contains it");
      }
    }
    Map<String, Integer> names = new HashMap<>();
    boolean hasInventory = prov != null && prov.enabled() && prov.grendel() != null;
    Set<String> groupPartitions = new LinkedHashSet<>();
    if (hasInventory) {
      for (NodeGroupSpec g : prov.grendel().groups()) {
        if (g != null && g.partitions() != null) {
          groupPartitions.addAll(g.partitions());
        }
      }
    }
    for (int i = 0; i < slurm.partitions().size(); i++) {
      SoftwareSpec.Partition p = slurm.partitions().get(i);
      String pp = path + ".partitions[" + i + "]";
      if (p == null) {
        problems.error(pp, "empty partition entry");
        continue;
      }
      checkName(p.name(), pp + ".name", names, problems);
      if (p.nodes() == null) {
        if (!groupPartitions.contains(p.name())) {
          problems.error(
              pp + ".nodes",
              "partition " + p.name() + " has no nodes: no inventory group lists it",
              "set nodes, or add the partition to a group in spec.provisioning.grendel.groups");
        }
        continue;
      }
      List<String> nodes;
      try {
        nodes = NodeSet.expand(p.nodes());
      } catch (IllegalArgumentException e) {
        problems.error(pp + ".nodes", e.getMessage(), "write a nodeset like cn[001-016]");
        continue;
      }
      if (!hasInventory) {
        problems.error(
            pp + ".nodes",
            "partition names nodes but there is no inventory",
            "describe the nodes in spec.provisioning.grendel.groups");
        continue;
      }
      List<String> missing = nodes.stream().filter(n -> !inventory.contains(n)).toList();
      if (!missing.isEmpty()) {
        problems.error(
            pp + ".nodes",
            "node"
                + (missing.size() == 1 ? " " : "s ")
                + NodeSet.fold(missing)
                + " not in the inventory",
            "inventory nodes: " + (inventory.isEmpty() ? "none" : NodeSet.fold(inventory)));
      }
    }
  }

  private static void addUsed(Map<IPAddress, String> used, String text, String path) {
    IPAddress a = StackNetworks.address(text);
    if (a != null) {
      used.putIfAbsent(a, path);
    }
  }

  private static void checkVolume(
      SoftwareSpec.VolumeSpec v,
      String path,
      Set<String> classes,
      boolean storagePresent,
      Problems problems) {
    checkClass(v.storageClass(), path + ".storageClass", classes, storagePresent, problems);
    if (v.size() == null || !v.size().matches("\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?")) {
      problems.error(
          path + ".size", "'" + v.size() + "' is not a Kubernetes quantity", "e.g. 10Gi");
    }
  }

  private static void checkClass(
      String name, String path, Set<String> classes, boolean storagePresent, Problems problems) {
    if (name == null) {
      if (!storagePresent) {
        problems.error(
            path,
            "no storage class for this volume",
            "add spec.software.storage (its defaultClass is used) or set storageClass");
      }
      return;
    }
    if (storagePresent && !classes.contains(name)) {
      problems.error(
          path,
          "storage class '" + name + "' does not exist",
          classes.isEmpty()
              ? "enable nfs or localPath"
              : "use one of " + String.join(", ", classes));
    }
  }

  private static void secret(SecretSource s, String path, Problems problems) {
    if (s == null) {
      return;
    }
    for (String p : s.problems()) {
      problems.error(path, p, null);
    }
  }

  private static void checkName(
      String name, String path, Map<String, Integer> seen, Problems problems) {
    if (name == null || !K8S_NAME.matcher(name).matches()) {
      problems.error(
          path,
          "'" + name + "' is not a valid name",
          "use lowercase letters, digits and '-' (at most 63)");
      return;
    }
    Integer first = seen.putIfAbsent(name, 0);
    if (first != null) {
      problems.error(path, "duplicate name '" + name + "'", null);
    }
  }

  /** A DNS name: labels of [a-z0-9-] up to 63 characters, 253 in total. */
  public static boolean validDomain(String name) {
    if (name == null || name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private record Named(String text, String path, IPAddressSeqRange range) {}
}
