package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component switched off disappears with everything derived from it. */
class ComponentToggleTest {
  @Test
  @DisplayName("enabled: false removes the component's Application and what was derived from it")
  void disableTraefikAndCvmfs(@TempDir Path dir) throws IOException {
    Path example = Examples.file("full").getParent();
    String text =
        Files.readString(example.resolve("cluster.yaml"))
            .replace("    traefik: {}", "    traefik: {enabled: false}")
            .replace("    cvmfs:\n", "    cvmfs:\n      enabled: false\n");
    Files.writeString(dir.resolve("cluster.yaml"), text);
    Files.copy(example.resolve("nodes.csv"), dir.resolve("nodes.csv"));

    RenderedTree tree = TreeRenderer.render(Examples.load(dir.resolve("cluster.yaml"), Map.of()));

    assertFalse(tree.files().containsKey("apps/network/traefik.yaml"));
    assertFalse(tree.files().containsKey("values/network/traefik.yaml"));
    assertFalse(tree.files().containsKey("apps/software/cvmfs.yaml"));
    assertFalse(tree.files().containsKey("manifests/software/ldap/ingressroutes.yaml"));
    assertFalse(tree.text("values/gitops/argocd.yaml").contains("ingress"));
    String zone = tree.text("manifests/network/coredns/configmap.yaml");
    assertFalse(zone.contains("argocd IN A"), "no ingress host without Traefik");
    // the login takes the address Traefik no longer needs
    assertTrue(
        tree.text("manifests/software/slurm/login.yaml")
            .contains("loadBalancerIPs: \"10.10.0.101\""));
  }
}
