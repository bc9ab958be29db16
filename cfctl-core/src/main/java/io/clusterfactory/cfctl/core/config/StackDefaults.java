package io.clusterfactory.cfctl.core.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import io.clusterfactory.cfctl.core.config.v1beta1.ApplicationSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Duration;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ManifestsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.config.v1beta1.SoftwareSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelStorageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Every default of the network, gitops, provisioning and software blocks, in one place. Values a
 * user would otherwise repeat are derived here: hosts from the domain, the LDAP suffix, the
 * component storage classes, and the LoadBalancer IPs that are not written (the next free addresses
 * of the first MetalLB pools, in a fixed order: CoreDNS, Traefik, SLURM login).
 */
public final class StackDefaults {
  public static final List<String> DNS_FORWARDERS = List.of("1.1.1.1");
  public static final int COREDNS_REPLICAS = 2;
  public static final int TRAEFIK_REPLICAS = 2;
  public static final String ACME_SERVER = "https://acme-v02.api.letsencrypt.org/directory";
  public static final String LOCAL_PATH_CLASS = "local-path";
  public static final String LOCAL_PATH_DIR = "/opt/local-path-provisioner";
  public static final List<String> NFS_MOUNT_OPTIONS = List.of("nfsvers=4.1", "hard");
  public static final String RECLAIM_POLICY = "Delete";
  public static final String MARIADB_SIZE = "10Gi";
  public static final String LDAP_SIZE = "5Gi";
  public static final String SLURM_STATE_SIZE = "5Gi";
  public static final String CVMFS_SIZE = "50Gi";
  public static final Duration CVMFS_SNAPSHOT_INTERVAL = Duration.parse("15m");
  public static final String USERS_GROUP = "cluster-users";
  public static final String SHELL = "/bin/bash";
  public static final String SLURM_USER = "slurm";
  public static final String MAX_TIME = "INFINITE";

  private StackDefaults() {}

  /** Applies the stack defaults to a cluster whose hosts and metadata are already defaulted. */
  public static Cluster apply(Cluster c, Path baseDir) {
    ClusterSpec s = c.spec();
    if (s == null) {
      return c;
    }
    String clusterName = c.metadata().name();
    NetworkSpec network = network(s.network());
    String domain = network == null ? null : network.domain();
    SoftwareSpec software = software(s.software(), domain, clusterName);
    String defaultClass =
        software == null || software.storage() == null ? null : software.storage().defaultClass();
    ProvisioningSpec provisioning = provisioning(s.provisioning(), domain, defaultClass);
    GitopsSpec gitops = gitops(s.gitops(), domain, baseDir);
    Cluster partial =
        c.withSpec(
            new ClusterSpec(
                s.hosts(),
                s.k0s(),
                s.options(),
                network,
                gitops,
                provisioning,
                software,
                applications(s.applications()),
                manifests(s.manifests()),
                s.registries(),
                s.charts()));
    return allocateAddresses(partial);
  }

  /** True when a component block is present and not switched off. */
  public static boolean on(Object block, Boolean enabled) {
    return block != null && !Boolean.FALSE.equals(enabled);
  }

  static NetworkSpec network(NetworkSpec n) {
    if (n == null) {
      return null;
    }
    NetworkSpec.CorednsSpec dns = n.coredns();
    if (dns != null) {
      dns =
          new NetworkSpec.CorednsSpec(
              on(dns, dns.enabled()),
              dns.address(),
              or(dns.expose(), NetworkSpec.DnsExpose.LOAD_BALANCER),
              dns.forwarders() == null || dns.forwarders().isEmpty()
                  ? DNS_FORWARDERS
                  : dns.forwarders(),
              orEmpty(dns.records()),
              or(dns.replicas(), COREDNS_REPLICAS),
              patches(dns.patches()));
    }
    NetworkSpec.MetallbSpec lb = n.metallb();
    if (lb != null) {
      List<NetworkSpec.Pool> pools = new ArrayList<>();
      for (NetworkSpec.Pool p : orEmpty(lb.pools())) {
        pools.add(
            p == null
                ? null
                : new NetworkSpec.Pool(p.name(), orEmpty(p.addresses()), or(p.autoAssign(), true)));
      }
      NetworkSpec.Bgp bgp = lb.bgp();
      if (bgp != null) {
        List<NetworkSpec.BgpPeer> peers = new ArrayList<>();
        List<NetworkSpec.BgpPeer> in = orEmpty(bgp.peers());
        for (int i = 0; i < in.size(); i++) {
          NetworkSpec.BgpPeer p = in.get(i);
          peers.add(
              p == null
                  ? null
                  : new NetworkSpec.BgpPeer(or(p.name(), "peer-" + i), p.address(), p.asn()));
        }
        bgp = new NetworkSpec.Bgp(bgp.myAsn(), peers);
      }
      lb =
          new NetworkSpec.MetallbSpec(
              on(lb, lb.enabled()),
              or(lb.mode(), NetworkSpec.MetallbMode.L2),
              pools,
              orEmpty(lb.interfaces()),
              bgp,
              orEmptyMap(lb.values()),
              orEmpty(lb.valuesFiles()),
              patches(lb.patches()));
    }
    NetworkSpec.TraefikSpec traefik = n.traefik();
    if (traefik != null) {
      traefik =
          new NetworkSpec.TraefikSpec(
              on(traefik, traefik.enabled()),
              traefik.address(),
              or(traefik.replicas(), TRAEFIK_REPLICAS),
              orEmptyMap(traefik.values()),
              orEmpty(traefik.valuesFiles()),
              patches(traefik.patches()));
    }
    NetworkSpec.MultusSpec multus = n.multus();
    if (multus != null) {
      List<NetworkSpec.Attachment> attachments = new ArrayList<>();
      for (NetworkSpec.Attachment a : orEmpty(multus.attachments())) {
        attachments.add(
            a == null
                ? null
                : new NetworkSpec.Attachment(
                    a.name(),
                    a.master(),
                    or(a.mode(), NetworkSpec.IpvlanMode.L2),
                    a.subnet(),
                    a.gateway()));
      }
      multus =
          new NetworkSpec.MultusSpec(
              on(multus, multus.enabled()), attachments, patches(multus.patches()));
    }
    String domain = n.domain() == null ? null : n.domain().trim().toLowerCase();
    return new NetworkSpec(domain, dns, lb, traefik, multus);
  }

  static GitopsSpec gitops(GitopsSpec g, String domain, Path baseDir) {
    if (g == null) {
      return null;
    }
    GitopsSpec.ArgocdSpec argo = g.argocd();
    if (argo != null) {
      argo =
          new GitopsSpec.ArgocdSpec(
              on(argo, argo.enabled()),
              or(argo.repositoryUrl(), g.repository() == null ? null : g.repository().url()),
              or(argo.host(), subdomain("argocd", domain)),
              argo.credentials(),
              orEmptyMap(argo.values()),
              orEmpty(argo.valuesFiles()),
              patches(argo.patches()));
    }
    GitopsSpec.CertManagerSpec cm = g.certManager();
    if (cm != null) {
      GitopsSpec.AcmeSpec acme = cm.acme();
      if (acme != null) {
        acme = new GitopsSpec.AcmeSpec(acme.email(), or(acme.server(), ACME_SERVER));
      }
      cm =
          new GitopsSpec.CertManagerSpec(
              on(cm, cm.enabled()),
              or(cm.issuer(), GitopsSpec.IssuerKind.CA),
              cm.ca(),
              acme,
              orEmptyMap(cm.values()),
              orEmpty(cm.valuesFiles()),
              patches(cm.patches()));
    }
    GitopsSpec.SealedSecretsSpec ss = g.sealedSecrets();
    if (ss != null) {
      ss =
          new GitopsSpec.SealedSecretsSpec(
              on(ss, ss.enabled()),
              ss.certificate() == null
                  ? null
                  : ClusterDefaults.localPath(ss.certificate(), baseDir),
              orEmptyMap(ss.values()),
              orEmpty(ss.valuesFiles()),
              patches(ss.patches()));
    }
    return new GitopsSpec(g.repository(), argo, cm, ss);
  }

  static ProvisioningSpec provisioning(ProvisioningSpec p, String domain, String defaultClass) {
    if (p == null) {
      return null;
    }
    GrendelSpec g = p.grendel();
    if (g != null) {
      g = GrendelDefaults.apply(g);
      GrendelStorageSpec st = g.storage();
      g =
          new GrendelSpec(
              g.nodeName(),
              g.networkInterface(),
              g.address(),
              g.subnet(),
              g.bmcSubnet(),
              g.gateway(),
              g.dnsServers(),
              or(g.domain(), domain),
              g.apiGeneration(),
              g.api(),
              new GrendelStorageSpec(st.size(), or(st.storageClass(), defaultClass)),
              g.images(),
              g.groups(),
              g.inventory(),
              g.defaultPartition());
    }
    return new ProvisioningSpec(
        on(p, p.enabled()) && g != null,
        g,
        or(p.rootPassword(), SecretSource.generated()),
        orEmpty(p.adminSshKeys()),
        patches(p.patches()));
  }

  static SoftwareSpec software(SoftwareSpec s, String domain, String clusterName) {
    if (s == null) {
      return null;
    }
    SoftwareSpec.StorageSpec storage = s.storage();
    if (storage != null) {
      SoftwareSpec.NfsSpec nfs = storage.nfs();
      if (nfs != null) {
        List<SoftwareSpec.NfsClass> classes = new ArrayList<>();
        for (SoftwareSpec.NfsClass c : orEmpty(nfs.classes())) {
          classes.add(
              c == null
                  ? null
                  : new SoftwareSpec.NfsClass(
                      c.name(),
                      c.server(),
                      c.share(),
                      c.mountOptions() == null ? NFS_MOUNT_OPTIONS : c.mountOptions(),
                      or(c.reclaimPolicy(), RECLAIM_POLICY)));
        }
        nfs =
            new SoftwareSpec.NfsSpec(
                on(nfs, nfs.enabled()),
                classes,
                orEmptyMap(nfs.values()),
                orEmpty(nfs.valuesFiles()),
                patches(nfs.patches()));
      }
      SoftwareSpec.LocalPathSpec lp = storage.localPath();
      if (lp != null) {
        lp =
            new SoftwareSpec.LocalPathSpec(
                on(lp, lp.enabled()),
                or(lp.className(), LOCAL_PATH_CLASS),
                or(lp.path(), LOCAL_PATH_DIR),
                orEmptyMap(lp.values()),
                orEmpty(lp.valuesFiles()),
                patches(lp.patches()));
      }
      String defaultClass = storage.defaultClass();
      if (defaultClass == null) {
        if (nfs != null
            && nfs.enabled()
            && !nfs.classes().isEmpty()
            && nfs.classes().get(0) != null) {
          defaultClass = nfs.classes().get(0).name();
        } else if (lp != null && lp.enabled()) {
          defaultClass = lp.className();
        }
      }
      storage = new SoftwareSpec.StorageSpec(defaultClass, nfs, lp);
    }
    String defaultClass = storage == null ? null : storage.defaultClass();
    SoftwareSpec.MariadbSpec db = s.mariadb();
    if (db != null) {
      db =
          new SoftwareSpec.MariadbSpec(
              on(db, db.enabled()),
              volume(db.volume(), defaultClass, MARIADB_SIZE),
              or(db.rootPassword(), SecretSource.generated()),
              or(db.slurmPassword(), SecretSource.generated()),
              patches(db.patches()));
    }
    SoftwareSpec.LdapSpec ldap = s.ldap();
    if (ldap != null) {
      ldap =
          new SoftwareSpec.LdapSpec(
              on(ldap, ldap.enabled()),
              or(ldap.suffix(), suffixOf(domain)),
              or(ldap.host(), subdomain("ldap", domain)),
              or(ldap.adminPassword(), SecretSource.generated()),
              or(ldap.usersGroup(), USERS_GROUP),
              volume(ldap.volume(), defaultClass, LDAP_SIZE),
              patches(ldap.patches()));
    }
    SoftwareSpec.LdapConnectorSpec lc = s.ldapConnector();
    if (lc != null) {
      lc =
          new SoftwareSpec.LdapConnectorSpec(
              on(lc, lc.enabled()),
              lc.endpoint(),
              lc.contract(),
              or(lc.shell(), SHELL),
              patches(lc.patches()));
    }
    SoftwareSpec.SlurmSpec slurm = s.slurm();
    if (slurm != null) {
      SoftwareSpec.SlurmLoginSpec login =
          slurm.login() == null ? new SoftwareSpec.SlurmLoginSpec(null, null, null) : slurm.login();
      login =
          new SoftwareSpec.SlurmLoginSpec(
              login.address(),
              or(login.host(), subdomain("login", domain)),
              or(login.replicas(), 1));
      List<SoftwareSpec.Partition> partitions = new ArrayList<>();
      List<SoftwareSpec.Partition> in = orEmpty(slurm.partitions());
      boolean anyDefault =
          in.stream().anyMatch(p -> p != null && Boolean.TRUE.equals(p.isDefault()));
      for (int i = 0; i < in.size(); i++) {
        SoftwareSpec.Partition p = in.get(i);
        partitions.add(
            p == null
                ? null
                : new SoftwareSpec.Partition(
                    p.name(),
                    p.nodes(),
                    anyDefault ? Boolean.TRUE.equals(p.isDefault()) : i == 0,
                    or(p.maxTime(), MAX_TIME)));
      }
      slurm =
          new SoftwareSpec.SlurmSpec(
              on(slurm, slurm.enabled()),
              or(slurm.clusterName(), clusterName),
              slurm.controllerAddress(),
              volume(slurm.controllerVolume(), defaultClass, SLURM_STATE_SIZE),
              login,
              partitions,
              or(slurm.mungeKey(), SecretSource.generated()),
              patches(slurm.patches()));
    }
    SoftwareSpec.SupervisorSpec sup = s.supervisor();
    if (sup != null) {
      sup =
          new SoftwareSpec.SupervisorSpec(
              on(sup, sup.enabled()),
              sup.endpoint(),
              sup.contract(),
              sup.walletKey(),
              sup.sshKey(),
              sup.sshPublicKey(),
              or(sup.user(), SLURM_USER),
              patches(sup.patches()));
    }
    SoftwareSpec.CvmfsSpec cvmfs = s.cvmfs();
    if (cvmfs != null) {
      cvmfs =
          new SoftwareSpec.CvmfsSpec(
              on(cvmfs, cvmfs.enabled()),
              or(cvmfs.host(), subdomain("cvmfs", domain)),
              orEmpty(cvmfs.repositories()),
              volume(cvmfs.volume(), defaultClass, CVMFS_SIZE),
              or(cvmfs.snapshotInterval(), CVMFS_SNAPSHOT_INTERVAL),
              patches(cvmfs.patches()));
    }
    return new SoftwareSpec(storage, db, ldap, lc, slurm, sup, cvmfs);
  }

  /**
   * Gives every LoadBalancer that has no written address the next free address of the MetalLB pools
   * (in file order, skipping host addresses and written LoadBalancer IPs).
   */
  static Cluster allocateAddresses(Cluster c) {
    ClusterSpec s = c.spec();
    NetworkSpec n = s.network();
    if (n == null || n.metallb() == null || !n.metallb().enabled()) {
      return c;
    }
    NetworkSpec.CorednsSpec dns = n.coredns();
    NetworkSpec.TraefikSpec traefik = n.traefik();
    SoftwareSpec sw = s.software();
    SoftwareSpec.SlurmSpec slurm = sw == null ? null : sw.slurm();
    boolean dnsNeeds =
        dns != null
            && dns.enabled()
            && dns.address() == null
            && dns.expose() == NetworkSpec.DnsExpose.LOAD_BALANCER;
    boolean traefikNeeds = traefik != null && traefik.enabled() && traefik.address() == null;
    boolean loginNeeds = slurm != null && slurm.enabled() && slurm.login().address() == null;
    if (!dnsNeeds && !traefikNeeds && !loginNeeds) {
      return c;
    }
    Set<IPAddress> taken = new HashSet<>(StackNetworks.hostAddresses(c));
    for (String written :
        new String[] {
          dns == null ? null : dns.address(),
          traefik == null ? null : traefik.address(),
          slurm == null ? null : slurm.login().address()
        }) {
      IPAddress a = StackNetworks.address(written);
      if (a != null) {
        taken.add(a);
      }
    }
    Iterator<IPAddress> free = freeAddresses(n.metallb(), taken);
    if (dnsNeeds && free.hasNext()) {
      dns =
          new NetworkSpec.CorednsSpec(
              dns.enabled(),
              free.next().toCanonicalString(),
              dns.expose(),
              dns.forwarders(),
              dns.records(),
              dns.replicas(),
              dns.patches());
    }
    if (traefikNeeds && free.hasNext()) {
      traefik =
          new NetworkSpec.TraefikSpec(
              traefik.enabled(),
              free.next().toCanonicalString(),
              traefik.replicas(),
              traefik.values(),
              traefik.valuesFiles(),
              traefik.patches());
    }
    if (loginNeeds && free.hasNext()) {
      SoftwareSpec.SlurmLoginSpec l = slurm.login();
      slurm =
          new SoftwareSpec.SlurmSpec(
              slurm.enabled(),
              slurm.clusterName(),
              slurm.controllerAddress(),
              slurm.controllerVolume(),
              new SoftwareSpec.SlurmLoginSpec(
                  free.next().toCanonicalString(), l.host(), l.replicas()),
              slurm.partitions(),
              slurm.mungeKey(),
              slurm.patches());
      sw =
          new SoftwareSpec(
              sw.storage(),
              sw.mariadb(),
              sw.ldap(),
              sw.ldapConnector(),
              slurm,
              sw.supervisor(),
              sw.cvmfs());
    }
    NetworkSpec network = new NetworkSpec(n.domain(), dns, n.metallb(), traefik, n.multus());
    return c.withSpec(
        new ClusterSpec(
            s.hosts(),
            s.k0s(),
            s.options(),
            network,
            s.gitops(),
            s.provisioning(),
            sw,
            s.applications(),
            s.manifests(),
            s.registries(),
            s.charts()));
  }

  /** Addresses of the auto-assign pools in order, lazily, minus {@code taken}. */
  private static Iterator<IPAddress> freeAddresses(
      NetworkSpec.MetallbSpec lb, Set<IPAddress> taken) {
    List<IPAddressSeqRange> ranges = new ArrayList<>();
    for (NetworkSpec.Pool p : lb.pools()) {
      if (p == null || !p.autoAssign()) {
        continue;
      }
      for (String e : p.addresses()) {
        IPAddressSeqRange r = StackNetworks.poolRange(e);
        if (r != null) {
          ranges.add(r);
        }
      }
    }
    return new Iterator<>() {
      private final Iterator<IPAddressSeqRange> rangeIt = ranges.iterator();
      private Iterator<? extends IPAddress> current = null;
      private IPAddress next = advance();

      private IPAddress advance() {
        while (true) {
          while (current == null || !current.hasNext()) {
            if (!rangeIt.hasNext()) {
              return null;
            }
            current = rangeIt.next().iterator();
          }
          IPAddress a = current.next();
          if (!taken.contains(a)) {
            taken.add(a);
            return a;
          }
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public IPAddress next() {
        IPAddress a = next;
        next = advance();
        return a;
      }
    };
  }

  static SoftwareSpec.VolumeSpec volume(
      SoftwareSpec.VolumeSpec v, String defaultClass, String size) {
    if (v == null) {
      return new SoftwareSpec.VolumeSpec(defaultClass, size);
    }
    return new SoftwareSpec.VolumeSpec(or(v.storageClass(), defaultClass), or(v.size(), size));
  }

  /** {@code name.domain}, or null without a domain. */
  public static String subdomain(String name, String domain) {
    return domain == null || domain.isBlank() ? null : name + "." + domain;
  }

  /** {@code hpc.example.com} -> {@code dc=hpc,dc=example,dc=com}; null without a domain. */
  public static String suffixOf(String domain) {
    if (domain == null || domain.isBlank()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String label : domain.split("\\.")) {
      parts.add("dc=" + label);
    }
    return String.join(",", parts);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** Sync wave of a site's own application or manifests inside its stack's band (0-9). */
  public static final int SITE_WAVE = 5;

  /** The site's own Applications: wave 5 of the stack's band, namespace = name. */
  static List<ApplicationSpec> applications(List<ApplicationSpec> in) {
    List<ApplicationSpec> out = new ArrayList<>();
    for (ApplicationSpec a : orEmpty(in)) {
      out.add(
          a == null
              ? null
              : new ApplicationSpec(
                  a.name(),
                  a.stack(),
                  or(a.wave(), SITE_WAVE),
                  or(a.namespace(), a.name()),
                  a.repoURL(),
                  a.chart(),
                  a.path(),
                  a.targetRevision(),
                  orEmptyMap(a.values()),
                  orEmpty(a.valuesFiles()),
                  or(a.recurse(), false)));
    }
    return out;
  }

  /** The site's own manifests: wave 5 of the stack's band, namespace = name. */
  static List<ManifestsSpec> manifests(List<ManifestsSpec> in) {
    List<ManifestsSpec> out = new ArrayList<>();
    for (ManifestsSpec m : orEmpty(in)) {
      out.add(
          m == null
              ? null
              : new ManifestsSpec(
                  m.name(),
                  m.stack(),
                  or(m.wave(), SITE_WAVE),
                  or(m.namespace(), m.name()),
                  orEmpty(m.paths()),
                  patches(m.patches())));
    }
    return out;
  }

  /** A component's patches: strategic merge unless the type says otherwise. */
  static List<Patch> patches(List<Patch> in) {
    List<Patch> out = new ArrayList<>();
    for (Patch p : orEmpty(in)) {
      out.add(
          p == null ? null : new Patch(p.target(), or(p.type(), Patch.Type.STRATEGIC), p.patch()));
    }
    return out;
  }

  private static <K, V> java.util.Map<K, V> orEmptyMap(java.util.Map<K, V> map) {
    return map == null ? java.util.Map.of() : map;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
