package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A report with every section and kind of change, secrets included, for golden and masking tests.
 */
final class SampleReports {
  private SampleReports() {}

  /** Every secret value (clear and base64) and ciphertext used below: no output may contain one. */
  static final List<String> SECRET_VALUES =
      List.of(
          "hunter2",
          "aHVudGVyMg==",
          "s3cr3t-new",
          "czNjcjN0LW5ldw==",
          "db-root-pw",
          "ZGItcm9vdC1wdw==",
          "AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq",
          "AgCt7xQ2zLz9WZ4lF0r3Wmn5kS8Hq1Ue",
          "AgDdL0m2v9c5nZ8s1Gq3Jk7Wx4Rt6Yp0");

  static DiffReport lab() {
    HostsSection hosts =
        new HostsSection(
            "v1.30.4+k0s.0",
            "v1.31.2+k0s.0",
            List.of(
                new HostDiff(
                    "root@10.199.0.11:22",
                    "controller",
                    ChangeKind.UPDATE,
                    "v1.30.4+k0s.0",
                    "v1.31.2+k0s.0",
                    List.of(
                        new HostDiff.FlagChange("--labels", "zone=a", "zone=b"),
                        new HostDiff.FlagChange("--debug", null, "true"))),
                new HostDiff(
                    "root@10.199.0.12:22",
                    "worker",
                    ChangeKind.UNCHANGED,
                    "v1.31.2+k0s.0",
                    "v1.31.2+k0s.0",
                    List.of()),
                new HostDiff(
                    "root@10.199.0.14:22",
                    "worker",
                    ChangeKind.CREATE,
                    "",
                    "v1.31.2+k0s.0",
                    List.of()),
                new HostDiff(
                    "root@10.199.0.15:22",
                    "worker",
                    ChangeKind.DELETE,
                    "v1.30.4+k0s.0",
                    "",
                    List.of())));
    GitSection git =
        GitTreeDiffer.compare(
            "file:///srv/gitops.git",
            "main",
            "clusters/lab",
            "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
            files(
                "root.yaml",
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n",
                "network/metallb.yaml",
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: metallb\nspec:\n  source:\n    targetRevision: 0.14.8\n",
                "network/old.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n",
                "software/mariadb-secret.yaml",
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: mariadb\n  namespace: db\nstringData:\n  root-password: hunter2\n  user: admin\n",
                "software/ldap-sealed.yaml",
                    "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ldap\n  namespace: ldap\nspec:\n  encryptedData:\n    bindPassword: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n    url: AgCt7xQ2zLz9WZ4lF0r3Wmn5kS8Hq1Ue\n"),
            files(
                "root.yaml",
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n",
                "network/metallb.yaml",
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: metallb\nspec:\n  source:\n    targetRevision: 0.15.2\n",
                "network/traefik.yaml",
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: traefik\n",
                "software/mariadb-secret.yaml",
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: mariadb\n  namespace: db\nstringData:\n  root-password: s3cr3t-new\n  user: admin\n",
                "software/ldap-sealed.yaml",
                    "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ldap\n  namespace: ldap\nspec:\n  encryptedData:\n    bindPassword: AgDdL0m2v9c5nZ8s1Gq3Jk7Wx4Rt6Yp0\n    url: AgCt7xQ2zLz9WZ4lF0r3Wmn5kS8Hq1Ue\n"));
    List<ObjectDiff> objects = new ArrayList<>();
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("apps/v1", "Deployment", "traefik", "traefik"),
            "network",
            deployment("traefik:v3.1", 2, true),
            deployment("traefik:v3.2", 2, false),
            null));
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("v1", "ConfigMap", "traefik", "dashboard"),
            "network",
            null,
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "dashboard", "namespace", "traefik"),
                "data",
                Map.of("enabled", "true")),
            "namespace traefik does not exist yet: not validated by the server"));
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("v1", "Service", "traefik", "traefik"),
            "network",
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "traefik", "namespace", "traefik", "uid", "u-1"),
                "spec",
                Map.of(
                    "clusterIP", "10.96.0.20",
                    "type", "ClusterIP",
                    "ports", List.of(Map.of("port", 80, "protocol", "TCP", "targetPort", 80)))),
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "traefik", "namespace", "traefik"),
                "spec",
                Map.of("ports", List.of(Map.of("port", 80)))),
            null));
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("v1", "Secret", "db", "mariadb-root"),
            "software/mariadb",
            Map.of(
                "apiVersion", "v1",
                "kind", "Secret",
                "metadata",
                    Map.of(
                        "name", "mariadb-root",
                        "namespace", "db",
                        "annotations",
                            Map.of(
                                LiveObjectNormalizer.LAST_APPLIED,
                                "{\"data\":{\"password\":\"ZGItcm9vdC1wdw==\"}}")),
                "type", "Opaque",
                "data", Map.of("password", "ZGItcm9vdC1wdw==", "user", "cm9vdA==")),
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Secret",
                "metadata",
                Map.of("name", "mariadb-root", "namespace", "db"),
                "stringData",
                Map.of("password", "hunter2", "user", "root")),
            null));
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("bitnami.com/v1alpha1", "SealedSecret", "ldap", "ldap-bind"),
            "software/ldap",
            sealed("AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq"),
            sealed("AgDdL0m2v9c5nZ8s1Gq3Jk7Wx4Rt6Yp0"),
            null));
    objects.add(
        LiveObjectDiffer.compare(
            ObjectRef.of("v1", "ConfigMap", "ldap", "legacy"),
            "software/ldap",
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "legacy", "namespace", "ldap"),
                "data",
                Map.of("bind", "cn=admin,dc=lab")),
            null,
            "pruned: applied by cfctl earlier, no longer desired"));
    LiveSection live = new LiveSection("https://10.199.0.11:6443", objects);
    return new DiffReport(hosts, git, live, List.of());
  }

  private static Map<String, Object> sealed(String bindPassword) {
    return Map.of(
        "apiVersion",
        "bitnami.com/v1alpha1",
        "kind",
        "SealedSecret",
        "metadata",
        Map.of("name", "ldap-bind", "namespace", "ldap"),
        "spec",
        Map.of(
            "encryptedData",
            Map.of("bindPassword", bindPassword, "url", "AgCt7xQ2zLz9WZ4lF0r3Wmn5kS8Hq1Ue"),
            "template",
            Map.of("metadata", Map.of("name", "ldap-bind"))));
  }

  private static Map<String, Object> deployment(String image, int replicas, boolean live) {
    Map<String, Object> container = new java.util.LinkedHashMap<>();
    container.put("name", "traefik");
    container.put("image", image);
    if (live) {
      container.put("terminationMessagePath", "/dev/termination-log");
      container.put("imagePullPolicy", "IfNotPresent");
    }
    Map<String, Object> spec = new java.util.LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put("template", Map.of("spec", Map.of("containers", List.of(container))));
    if (live) {
      spec.put("progressDeadlineSeconds", 600);
    }
    Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("name", "traefik");
    meta.put("namespace", "traefik");
    if (live) {
      meta.put("generation", 7);
      meta.put("resourceVersion", "4242");
    }
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("apiVersion", "apps/v1");
    d.put("kind", "Deployment");
    d.put("metadata", meta);
    d.put("spec", spec);
    if (live) {
      d.put("status", Map.of("readyReplicas", 2));
    }
    return d;
  }

  static SortedMap<String, byte[]> files(String... pathAndContent) {
    SortedMap<String, byte[]> t = new TreeMap<>();
    for (int i = 0; i < pathAndContent.length; i += 2) {
      t.put(pathAndContent[i], pathAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return t;
  }
}
