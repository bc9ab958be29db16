package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SoftwareSpec;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedNode;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.slurm.SlurmConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The software stack: storage drivers and classes, MariaDB, 389ds, the LDAP connector, SLURM, the
 * provider supervisor and the CVMFS Stratum 1.
 */
final class SoftwareRenderer {
  private static final String NFS_NS = "csi-driver-nfs";
  private static final String DEFAULT_CLASS_ANNOTATION =
      "storageclass.kubernetes.io~1is-default-class";

  private SoftwareRenderer() {}

  static void render(Facts f, TreeBuilder tree) {
    if (f.nfs()) {
      nfs(f, tree);
    }
    if (f.localPath()) {
      localPath(f, tree);
    }
    if (f.mariadb()) {
      mariadb(f, tree);
    }
    if (f.ldap()) {
      ldap(f, tree);
    }
    if (f.cvmfs()) {
      cvmfs(f, tree);
    }
    if (f.ldapConnector()) {
      ldapConnector(f, tree);
    }
    if (f.slurm()) {
      slurm(f, tree);
    }
    if (f.supervisor()) {
      supervisor(f, tree);
    }
  }

  // ---- storage ----

  private static void nfs(Facts f, TreeBuilder tree) {
    Component c = tree.component(Stack.SOFTWARE, "csi-driver-nfs", NFS_NS, 0, "csi-driver-nfs");
    tree.values(
        c,
        CanonicalYaml.map(
            "kubeletDir", kubeletDir(f),
            "externalSnapshotter", CanonicalYaml.map("enabled", false)));
    for (SoftwareSpec.NfsClass nc : f.sw.storage().nfs().classes()) {
      ObjectNode sc = Templates.one("software/storage/nfs-storageclass.yaml");
      Templates.set(sc, "/metadata/name", nc.name());
      Templates.set(
          sc,
          "/metadata/annotations/" + DEFAULT_CLASS_ANNOTATION,
          Boolean.toString(nc.name().equals(f.sw.storage().defaultClass())));
      Templates.set(sc, "/parameters/server", nc.server());
      Templates.set(sc, "/parameters/share", nc.share());
      Templates.set(sc, "/reclaimPolicy", nc.reclaimPolicy());
      Templates.set(sc, "/mountOptions", nc.mountOptions());
      tree.manifest(c, "storageclasses.yaml", sc);
    }
  }

  /**
   * The kubelet root of the workers: k0s keeps it under its data dir, which CSI drivers must be
   * told (the chart's default is /var/lib/kubelet).
   */
  static String kubeletDir(Facts f) {
    for (Host h : f.cluster.spec().hosts()) {
      if (h != null && h.role() != null && h.role().runsWorkloads()) {
        return h.kubeletRootDir() != null ? h.kubeletRootDir() : h.dataDir() + "/kubelet";
      }
    }
    return "/var/lib/k0s/kubelet";
  }

  private static void localPath(Facts f, TreeBuilder tree) {
    SoftwareSpec.LocalPathSpec lp = f.sw.storage().localPath();
    Component c =
        tree.component(Stack.SOFTWARE, "local-path", "local-path-storage", 0, "local-path");
    tree.values(
        c,
        CanonicalYaml.map(
            "storageClass",
                CanonicalYaml.map(
                    "create",
                    true,
                    "name",
                    lp.className(),
                    "defaultClass",
                    lp.className().equals(f.sw.storage().defaultClass()),
                    "reclaimPolicy",
                    "Delete"),
            "nodePathMap",
                CanonicalYaml.list(
                    CanonicalYaml.map(
                        "node",
                        "DEFAULT_PATH_FOR_NON_LISTED_NODES",
                        "paths",
                        CanonicalYaml.list(lp.path())))));
  }

  private static void volume(ObjectNode sts, SoftwareSpec.VolumeSpec v) {
    Templates.set(sts, "/spec/volumeClaimTemplates/0/spec/storageClassName", v.storageClass());
    Templates.set(sts, "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", v.size());
  }

  // ---- databases and directory ----

  private static void mariadb(Facts f, TreeBuilder tree) {
    SoftwareSpec.MariadbSpec db = f.sw.mariadb();
    Component c = tree.component(Stack.SOFTWARE, "mariadb", "mariadb", 1, null);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("root-password", tree.input("spec.software.mariadb.rootPassword", db.rootPassword()));
    data.put(
        "slurm-password", tree.input("spec.software.mariadb.slurmPassword", db.slurmPassword()));
    tree.secret(c, "mariadb-credentials", "Opaque", null, data);
    ObjectNode sts = Templates.one("software/mariadb/statefulset.yaml");
    Templates.set(sts, "/spec/template/spec/containers/0/image", tree.versions().image("mariadb"));
    volume(sts, db.volume());
    tree.manifest(c, "statefulset.yaml", sts);
    tree.manifest(c, "service.yaml", Templates.one("software/mariadb/service.yaml"));
  }

  private static void ldap(Facts f, TreeBuilder tree) {
    SoftwareSpec.LdapSpec ldap = f.sw.ldap();
    Component c = tree.component(Stack.SOFTWARE, "ldap", "ldap", 1, null);
    String admin = tree.input("spec.software.ldap.adminPassword", ldap.adminPassword());
    tree.secret(c, "ldap-admin", "Opaque", null, Map.of("password", admin));
    String image = tree.versions().image("389ds");
    ObjectNode sts = Templates.one("software/ldap/statefulset.yaml");
    Templates.set(sts, "/spec/template/spec/containers/0/image", image);
    Templates.set(sts, "/spec/template/spec/containers/0/env/0/value", ldap.suffix());
    volume(sts, ldap.volume());
    tree.manifest(c, "statefulset.yaml", sts);
    tree.manifest(c, "service.yaml", Templates.one("software/ldap/service.yaml"));
    for (ObjectNode d : Templates.all("software/ldap/base.yaml")) {
      if (d.path("kind").asText().equals("ConfigMap")) {
        Templates.set(d, "/data", Map.of("base.ldif", baseLdif(ldap)));
      } else {
        Templates.set(d, "/spec/template/spec/containers/0/image", image);
        Templates.set(d, "/spec/template/spec/containers/0/env/0/value", ldap.suffix());
      }
      tree.manifest(c, "base.yaml", d);
    }
    if (f.ldapThroughTraefik()) {
      boolean tls = f.ingressIssuer() != null;
      for (ObjectNode route : Templates.all("software/ldap/ingressroutes.yaml")) {
        if (route.path("metadata").path("name").asText().equals("ldaps")) {
          if (!tls) {
            continue; // ldaps needs a certificate from cert-manager
          }
          Templates.set(route, "/spec/routes/0/match", "HostSNI(`" + ldap.host() + "`)");
        }
        tree.manifest(c, "ingressroutes.yaml", route);
      }
      if (tls) {
        ObjectNode cert = Templates.one("software/ldap/certificate.yaml");
        Templates.set(cert, "/spec/dnsNames", List.of(ldap.host()));
        Templates.set(cert, "/spec/issuerRef/name", f.ingressIssuer());
        tree.manifest(c, "certificate.yaml", cert);
      }
    }
  }

  /** The base entries: people and groups units, and the group every registered user joins. */
  static String baseLdif(SoftwareSpec.LdapSpec ldap) {
    String s = ldap.suffix();
    return "dn: ou=people,"
        + s
        + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: people\n\n"
        + "dn: ou=groups,"
        + s
        + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: groups\n\n"
        + "dn: cn="
        + ldap.usersGroup()
        + ",ou=groups,"
        + s
        + "\nobjectClass: top\nobjectClass: groupOfNames\nobjectClass: posixGroup\ncn: "
        + ldap.usersGroup()
        + "\ngidNumber: 1600\n";
  }

  private static void ldapConnector(Facts f, TreeBuilder tree) {
    SoftwareSpec.LdapConnectorSpec lc = f.sw.ldapConnector();
    SoftwareSpec.LdapSpec ldap = f.sw.ldap();
    Component c = tree.component(Stack.SOFTWARE, "ldap-connector", "ldap-connector", 2, null);
    tree.secret(
        c,
        "ldap-connector",
        "Opaque",
        null,
        Map.of(
            "bind-password", tree.input("spec.software.ldap.adminPassword", ldap.adminPassword())));
    ObjectNode config =
        CanonicalYaml.map(
            "peopleDN",
            "ou=people," + ldap.suffix(),
            "groupDN",
            "cn=" + ldap.usersGroup() + ",ou=groups," + ldap.suffix(),
            "addUserToGroup",
            CanonicalYaml.map("memberAttributes", CanonicalYaml.list("member")),
            "createUserIfNotExists",
            CanonicalYaml.map(
                "rdnAttribute", "uid",
                "objectClasses",
                    CanonicalYaml.list("nsPerson", "nsOrgPerson", "nsAccount", "posixAccount"),
                "userNameAttributes", CanonicalYaml.list("uid", "cn", "displayName"),
                "defaultAttributes",
                    CanonicalYaml.map(
                        "homeDirectory", CanonicalYaml.list("/dev/shm"),
                        "loginShell", CanonicalYaml.list(lc.shell()))));
    String text = CanonicalYaml.TREE.writeOne(config);
    ObjectNode cm = Templates.one("software/ldap-connector/configmap.yaml");
    Templates.set(cm, "/data", Map.of("config.yaml", text));
    tree.manifest(c, "configmap.yaml", cm);
    ObjectNode d = Templates.one("software/ldap-connector/deployment.yaml");
    String p = "/spec/template/spec/containers/0";
    Templates.set(d, p + "/image", tree.versions().image("ldap-connector"));
    Templates.set(d, p + "/env/0/value", lc.endpoint());
    Templates.set(d, p + "/env/1/value", lc.contract());
    Templates.set(d, p + "/env/2/value", "ldap://" + Facts.serviceHost("ldap", "ldap") + ":389");
    Templates.set(
        d,
        "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash",
        NetworkRenderer.hash(text));
    tree.manifest(c, "deployment.yaml", d);
  }

  // ---- SLURM ----

  private static void slurm(Facts f, TreeBuilder tree) {
    SoftwareSpec.SlurmSpec slurm = f.sw.slurm();
    Component c = tree.component(Stack.SOFTWARE, "slurm", "slurm", 2, null);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("slurm.conf", slurmConf(f));
    config.put(
        "cgroup.conf",
        ConfigText.keyValues(
            map("ConstrainCores", "yes", "ConstrainRAMSpace", "yes", "ConstrainDevices", "yes")));
    ObjectNode cm = Templates.one("software/slurm/configmap.yaml");
    Templates.set(cm, "/data", config);
    tree.manifest(c, "configmap.yaml", cm);
    String hash = NetworkRenderer.hash(config.toString());

    tree.secret(
        c,
        "slurm-munge",
        "Opaque",
        null,
        Map.of("munge.key", tree.input("spec.software.slurm.mungeKey", slurm.mungeKey())));
    tree.secret(c, "slurm-sssd", "Opaque", null, Map.of("sssd.conf", sssdConf(f, tree)));

    ObjectNode ctl = Templates.one("software/slurm/controller.yaml");
    Templates.set(
        ctl, "/spec/template/spec/containers/0/image", tree.versions().image("slurm-controller"));
    Templates.set(
        ctl, "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash", hash);
    if (slurm.controllerAddress() != null) {
      NetworkSpec.Attachment a = f.attachmentOf(slurm.controllerAddress());
      Templates.set(
          ctl,
          "/spec/template/metadata/annotations/k8s.v1.cni.cncf.io~1networks",
          NetworkRenderer.networksAnnotation(a, slurm.controllerAddress()));
    }
    volume(ctl, slurm.controllerVolume());
    tree.manifest(c, "controller.yaml", ctl);
    tree.manifest(c, "controller.yaml", Templates.one("software/slurm/controller-service.yaml"));

    if (f.mariadb()) {
      tree.secret(
          c, "slurmdbd-config", "Opaque", null, Map.of("slurmdbd.conf", slurmdbdConf(f, tree)));
      for (ObjectNode d : Templates.all("software/slurm/db.yaml")) {
        if (d.path("kind").asText().equals("StatefulSet")) {
          Templates.set(
              d, "/spec/template/spec/containers/0/image", tree.versions().image("slurm-db"));
        }
        tree.manifest(c, "db.yaml", d);
      }
    }
    for (ObjectNode d : Templates.all("software/slurm/login.yaml")) {
      switch (d.path("kind").asText()) {
        case "Deployment" -> {
          Templates.set(d, "/spec/replicas", slurm.login().replicas());
          Templates.set(
              d, "/spec/template/spec/containers/0/image", tree.versions().image("slurm-login"));
          Templates.set(
              d, "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash", hash);
        }
        case "ConfigMap" -> {
          Map<String, String> keys = new LinkedHashMap<>();
          if (f.supervisor()) {
            keys.put(f.sw.supervisor().user(), f.sw.supervisor().sshPublicKey().trim() + "\n");
          }
          Templates.set(d, "/data", keys);
        }
        case "Service" ->
            Templates.set(
                d,
                "/metadata/annotations",
                CanonicalYaml.map(NetworkRenderer.METALLB_IP_ANNOTATION, slurm.login().address()));
        default -> {}
      }
      tree.manifest(c, "login.yaml", d);
    }
  }

  /** slurm.conf: fixed settings, the controller, accounting, then node and partition lines. */
  static String slurmConf(Facts f) {
    SoftwareSpec.SlurmSpec slurm = f.sw.slurm();
    String ctlAddress =
        slurm.controllerAddress() != null
            ? slurm.controllerAddress()
            : "slurm-controller-0." + Facts.serviceHost("slurm-controller", "slurm");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("ClusterName", slurm.clusterName());
    conf.put("SlurmctldHost", "slurm-controller-0(" + ctlAddress + ")");
    conf.put("AuthType", "auth/munge");
    conf.put("CryptoType", "crypto/munge");
    conf.put("SlurmUser", "slurm");
    conf.put("SlurmctldPort", "6817");
    conf.put("SlurmdPort", "6818");
    conf.put("StateSaveLocation", "/var/spool/slurmctld");
    conf.put("SlurmdSpoolDir", "/var/spool/slurmd");
    conf.put("ProctrackType", "proctrack/cgroup");
    conf.put("TaskPlugin", "task/cgroup,task/affinity");
    conf.put("SchedulerType", "sched/backfill");
    conf.put("SelectType", "select/cons_tres");
    conf.put("SelectTypeParameters", "CR_CPU_Memory");
    conf.put("ReturnToService", "2");
    conf.put("MpiDefault", "pmix");
    if (f.mariadb()) {
      conf.put("AccountingStorageType", "accounting_storage/slurmdbd");
      conf.put("AccountingStorageHost", "slurm-db-0." + Facts.serviceHost("slurm-db", "slurm"));
      conf.put("AccountingStoragePort", "6819");
      conf.put("JobAcctGatherType", "jobacct_gather/cgroup");
    }
    StringBuilder b = new StringBuilder(ConfigText.keyValues(conf));
    ResolvedInventory inv = f.inventory();
    if (inv != null) {
      b.append("# nodes of the Grendel inventory\n");
      for (String line : SlurmConfig.nodeLines(inv)) {
        b.append(line).append('\n');
      }
    }
    b.append("# partitions\n");
    for (String line : partitionLines(slurm, inv)) {
      b.append(line).append('\n');
    }
    return b.toString();
  }

  /**
   * The partitions of slurm.conf: the written ones (their nodeset, or the groups listing them),
   * then those only the inventory groups name.
   */
  static List<String> partitionLines(SoftwareSpec.SlurmSpec slurm, ResolvedInventory inv) {
    Map<String, List<String>> byGroups = new LinkedHashMap<>();
    if (inv != null) {
      for (String p : inv.partitions()) {
        byGroups.put(p, new ArrayList<>());
      }
      for (ResolvedNode n : inv.nodes()) {
        for (String p : n.partitions()) {
          byGroups.get(p).add(n.name());
        }
      }
    }
    List<String> lines = new ArrayList<>();
    boolean written = !slurm.partitions().isEmpty();
    for (SoftwareSpec.Partition p : slurm.partitions()) {
      String nodes =
          p.nodes() != null
              ? NodeSet.parse(p.nodes()).fold()
              : NodeSet.fold(byGroups.getOrDefault(p.name(), List.of()));
      lines.add(partitionLine(p.name(), nodes, p.isDefault(), p.maxTime()));
      byGroups.remove(p.name());
    }
    for (Map.Entry<String, List<String>> e : byGroups.entrySet()) {
      boolean isDefault = !written && inv != null && e.getKey().equals(inv.defaultPartition());
      lines.add(partitionLine(e.getKey(), NodeSet.fold(e.getValue()), isDefault, "INFINITE"));
    }
    return lines;
  }

  private static String partitionLine(
      String name, String nodes, boolean isDefault, String maxTime) {
    return "PartitionName="
        + name
        + " Nodes="
        + nodes
        + " Default="
        + (isDefault ? "YES" : "NO")
        + " MaxTime="
        + maxTime
        + " State=UP";
  }

  private static String sssdConf(Facts f, TreeBuilder tree) {
    SoftwareSpec.LdapSpec ldap = f.sw.ldap();
    Map<String, Map<String, String>> s = new LinkedHashMap<>();
    s.put("sssd", map("config_file_version", "2", "services", "nss, pam, ssh", "domains", "ldap"));
    s.put("nss", map("filter_users", "root", "filter_groups", "root"));
    s.put("pam", map());
    s.put(
        "domain/ldap",
        map(
            "id_provider", "ldap",
            "auth_provider", "ldap",
            "ldap_uri", "ldap://" + Facts.serviceHost("ldap", "ldap") + ":389",
            "ldap_search_base", ldap.suffix(),
            "ldap_default_bind_dn", "cn=Directory Manager",
            "ldap_default_authtok",
                tree.input("spec.software.ldap.adminPassword", ldap.adminPassword()),
            "cache_credentials", "true",
            "enumerate", "false"));
    return ConfigText.ini(s);
  }

  private static String slurmdbdConf(Facts f, TreeBuilder tree) {
    return ConfigText.keyValues(
        map(
            "AuthType", "auth/munge",
            "DbdHost", "slurm-db-0",
            "DbdPort", "6819",
            "SlurmUser", "slurm",
            "StorageType", "accounting_storage/mysql",
            "StorageHost", Facts.serviceHost("mariadb", "mariadb"),
            "StoragePort", "3306",
            "StorageUser", "slurm",
            "StorageLoc", "slurm_acct_db",
            "StoragePass",
                tree.input("spec.software.mariadb.slurmPassword", f.sw.mariadb().slurmPassword()),
            "PidFile", "/var/run/slurmdbd/slurmdbd.pid"));
  }

  // ---- supervisor and CVMFS ----

  private static void supervisor(Facts f, TreeBuilder tree) {
    SoftwareSpec.SupervisorSpec sup = f.sw.supervisor();
    Component c = tree.component(Stack.SOFTWARE, "supervisor", "supervisor", 3, null);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("wallet-key", tree.input("spec.software.supervisor.walletKey", sup.walletKey()));
    data.put("ssh-key", tree.input("spec.software.supervisor.sshKey", sup.sshKey()));
    tree.secret(c, "supervisor", "Opaque", null, data);
    ObjectNode d = Templates.one("software/supervisor/deployment.yaml");
    String p = "/spec/template/spec/containers/0";
    Templates.set(d, p + "/image", tree.versions().image("supervisor"));
    Templates.set(d, p + "/env/0/value", sup.endpoint());
    Templates.set(d, p + "/env/1/value", sup.contract() == null ? "" : sup.contract());
    Templates.set(d, p + "/env/2/value", Facts.serviceHost("slurm-login", "slurm") + ":22");
    Templates.set(d, p + "/env/3/value", sup.user());
    tree.manifest(c, "deployment.yaml", d);
  }

  private static void cvmfs(Facts f, TreeBuilder tree) {
    SoftwareSpec.CvmfsSpec cv = f.sw.cvmfs();
    Component c = tree.component(Stack.SOFTWARE, "cvmfs", "cvmfs", 1, null);
    Map<String, String> repos = new LinkedHashMap<>();
    StringBuilder replicas = new StringBuilder();
    for (SoftwareSpec.CvmfsRepository r : cv.repositories()) {
      replicas.append(r.name()).append(' ').append(r.url()).append('\n');
      repos.put(r.name() + ".pub", r.publicKey().trim() + "\n");
    }
    repos.put("replicas", replicas.toString());
    String image = tree.versions().image("cvmfs-server");
    for (ObjectNode d : Templates.all("software/cvmfs/stratum1.yaml")) {
      switch (d.path("kind").asText()) {
        case "StatefulSet" -> {
          Templates.set(d, "/spec/template/spec/containers/0/image", image);
          Templates.set(d, "/spec/template/spec/containers/1/image", image);
          Templates.set(
              d,
              "/spec/template/spec/containers/1/env/0/value",
              Long.toString(cv.snapshotInterval().value().toSeconds()));
          Templates.set(
              d,
              "/spec/template/metadata/annotations/cfctl.clusterfactory.io~1config-hash",
              NetworkRenderer.hash(repos.toString()));
          volume(d, cv.volume());
        }
        case "ConfigMap" -> Templates.set(d, "/data", repos);
        case "Ingress" -> Templates.set(d, "/spec/rules/0/host", cv.host());
        default -> {}
      }
      tree.manifest(c, "stratum1.yaml", d);
    }
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
