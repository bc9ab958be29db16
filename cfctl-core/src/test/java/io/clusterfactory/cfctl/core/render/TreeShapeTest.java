package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties every rendered tree has, checked over all of its files. */
class TreeShapeTest {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass", "ClusterIssuer");

  static List<JsonNode> docs(byte[] bytes) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        CanonicalYaml.TREE.mapper().readerFor(JsonNode.class).readValues(bytes)) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    return docs;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "network-only"})
  @DisplayName(
      "every document parses and has apiVersion, kind, name, and a namespace if namespaced")
  void everyDocumentIsAKubernetesObject(String example) throws IOException {
    RenderedTree tree = Examples.render(example);
    int objects = 0;
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      if (f.getKey().endsWith(".md")) {
        continue; // a note in a folder that will hold only SealedSecrets
      }
      List<JsonNode> docs = docs(f.getValue());
      assertFalse(docs.isEmpty(), f.getKey() + " is empty");
      if (f.getKey().startsWith("values/") || f.getKey().endsWith("/kustomization.yaml")) {
        continue; // Helm values and kustomize's build file, not objects
      }
      for (JsonNode d : docs) {
        String where =
            f.getKey() + ": " + d.path("kind").asText() + "/" + d.at("/metadata/name").asText();
        assertFalse(d.path("apiVersion").asText().isEmpty(), where + " has no apiVersion");
        assertFalse(d.path("kind").asText().isEmpty(), where + " has no kind");
        assertFalse(d.at("/metadata/name").asText().isEmpty(), where + " has no name");
        boolean namespaced =
            !CLUSTER_SCOPED.contains(d.path("kind").asText())
                && !d.path("kind").asText().equals("SecretRequestList");
        assertEquals(namespaced, d.at("/metadata/namespace").isTextual(), where + " namespace");
        if (!f.getKey().equals(RenderedTree.SECRETS_INDEX)) {
          assertEquals(
              "cfctl", d.at("/metadata/labels/app.kubernetes.io~1managed-by").asText(), where);
          assertFalse(
              d.at("/metadata/labels/cfctl.clusterfactory.io~1stack").asText().isEmpty(), where);
          assertFalse(
              d.at("/metadata/labels/cfctl.clusterfactory.io~1component").asText().isEmpty(),
              where);
          objects++;
        }
      }
    }
    assertEquals(objects, tree.objects().size(), "the object list covers every document");
  }

  @Test
  @DisplayName(
      "Applications are ordered network -> gitops -> provisioning -> software by sync wave")
  void stacksAreOrderedByWave() {
    RenderedTree tree = Examples.render("full");
    Map<String, int[]> waves = new LinkedHashMap<>();
    for (RenderedObject o : tree.objects()) {
      if (o.kind().equals("Application")
          && o.delivery() == Delivery.APP
          && !o.name().equals("cfctl-root")) {
        int wave =
            Integer.parseInt(
                o.body().at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText());
        assertEquals(o.wave(), wave);
        waves.computeIfAbsent(o.stack(), k -> new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE});
        waves.get(o.stack())[0] = Math.min(waves.get(o.stack())[0], wave);
        waves.get(o.stack())[1] = Math.max(waves.get(o.stack())[1], wave);
      }
    }
    assertEquals(
        List.of("network", "gitops", "provisioning", "software"), List.copyOf(waves.keySet()));
    assertTrue(waves.get("network")[1] < waves.get("gitops")[0]);
    assertTrue(waves.get("gitops")[1] < waves.get("provisioning")[0]);
    assertTrue(waves.get("provisioning")[1] < waves.get("software")[0]);
    // one Application per component, every component of the table present
    long apps = tree.objects().stream().filter(o -> o.kind().equals("Application")).count();
    assertEquals(16, apps - 1);
  }

  @Test
  @DisplayName("LoadBalancer IPs, the domain and the storage class are derived, not repeated")
  void valuesAreDerived() {
    RenderedTree tree = Examples.render("full");
    // CoreDNS, Traefik, the login: the first free addresses of the pool, in that order
    assertTrue(
        tree.text("manifests/network/coredns/service.yaml")
            .contains("loadBalancerIPs: \"10.10.0.100\""));
    assertTrue(
        tree.text("values/network/traefik.yaml").contains("loadBalancerIPs: \"10.10.0.101\""));
    assertTrue(
        tree.text("manifests/software/slurm/login.yaml")
            .contains("loadBalancerIPs: \"10.10.0.102\""));
    String zone = tree.text("manifests/network/coredns/configmap.yaml");
    assertTrue(zone.contains("argocd IN A 10.10.0.101"), zone);
    assertTrue(zone.contains("cn016") || zone.contains("gpu04 IN A 192.168.0.54"), zone);
    assertTrue(
        tree.text("manifests/software/ldap/statefulset.yaml")
            .contains("dc=sion,dc=example,dc=com"));
    assertTrue(tree.text("values/gitops/argocd.yaml").contains("domain: argocd.sion.example.com"));
    assertTrue(
        tree.text("manifests/software/mariadb/statefulset.yaml").contains("storageClassName: nfs"));
    assertTrue(
        tree.text("manifests/provisioning/grendel/statefulset.yaml")
            .contains("storageClassName: nfs"));
    assertTrue(
        tree.text("values/software/csi-driver-nfs.yaml")
            .contains("kubeletDir: /var/lib/k0s/kubelet"));
    String slurm = tree.text("manifests/software/slurm/configmap.yaml");
    assertTrue(slurm.contains("NodeName=cn[001-012] CPUs=64"), slurm);
    assertTrue(
        slurm.contains("PartitionName=batch Nodes=cn[001-012],gpu[01-04] Default=YES"), slurm);
  }

  @Test
  @DisplayName("every chart and image comes from versions.yaml")
  void pinsComeFromTheVersionsFile() {
    RenderedTree tree = Examples.render("full");
    Versions v = Versions.pinned();
    for (RenderedObject o : tree.objects()) {
      for (JsonNode c : o.body().findValues("containers")) {
        for (JsonNode container : c) {
          assertTrue(
              v.images().containsValue(container.path("image").asText()),
              o.path() + " " + container);
        }
      }
      if (o.kind().equals("Application")) {
        for (JsonNode src : o.body().at("/spec/sources")) {
          if (src.has("chart")) {
            assertTrue(
                v.charts().values().stream()
                    .anyMatch(ch -> src.path("targetRevision").asText().equals(ch.version())),
                o.name());
          }
        }
      }
    }
  }
}
