package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a site owns: values, value files, patches, its own applications and manifests. */
class SiteOwnedTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "site-owned");
  @TempDir Path dir;

  /** The site-owned example copied to a temporary folder, cluster.yaml edited by {@code edit}. */
  Path example(java.util.function.UnaryOperator<String> edit) throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path p : files.toList()) {
        Path to = dir.resolve(EXAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, edit.apply(Files.readString(file)));
    return file;
  }

  static LoadedConfig load(Path file) {
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(file);
  }

  static JsonNode yaml(String text) throws IOException {
    return CanonicalYaml.TREE.mapper().readTree(text);
  }

  @Test
  @DisplayName(
      "precedence: cfctl's defaults < derived values < values: < valuesFiles: (later wins) <"
          + " patches")
  void precedence() throws Exception {
    Path file =
        example(
            s ->
                s.replace(
                        "    coredns:\n      patches:\n",
                        "    coredns:\n      replicas: 3\n      patches:\n"
                            + "        - target: {kind: Deployment, name: coredns}\n"
                            + "          type: merge\n"
                            + "          patch: {spec: {replicas: 1}}\n")
                    .replace(
                        "valuesFiles: [values/traefik.yaml]",
                        "valuesFiles: [values/traefik.yaml, values/late.yaml]"));
    Files.writeString(dir.resolve("values/late.yaml"), "deployment: {replicas: 5}\n");
    RenderedTree tree = TreeRenderer.render(load(file));
    JsonNode values = yaml(tree.text("values/network/traefik.yaml"));
    // values: over cfctl's default (2 replicas); maps merge: the derived LoadBalancer IP stays
    assertEquals(3, values.at("/deployment/replicas").asInt());
    assertEquals("network-team", values.at("/service/annotations/example.com~1owner").asText());
    assertEquals(
        "10.30.0.241", values.at("/service/annotations/metallb.io~1loadBalancerIPs").asText());
    assertEquals(true, values.at("/ingressClass/isDefaultClass").asBoolean(), "defaults kept");
    // value files come after cfctl's file, in their order: Helm lets the later one win
    assertEquals(
        4,
        yaml(tree.text("values/network/traefik.site-1.yaml")).at("/deployment/replicas").asInt());
    assertEquals(
        5,
        yaml(tree.text("values/network/traefik.site-2.yaml")).at("/deployment/replicas").asInt());
    JsonNode app = yaml(tree.text("apps/network/traefik.yaml").split("\n---\n")[1]);
    assertEquals(
        yaml(
            "[$values/clusters/site/values/network/traefik.yaml,"
                + " $values/clusters/site/values/network/traefik.site-1.yaml,"
                + " $values/clusters/site/values/network/traefik.site-2.yaml]"),
        app.at("/spec/sources/0/helm/valueFiles"));
    // a patch wins over the value cluster.yaml sets (replicas: 3)
    JsonNode deployment = yaml(tree.text("manifests/network/coredns/deployment.yaml"));
    assertEquals(1, deployment.at("/spec/replicas").asInt());
  }

  @Test
  @DisplayName("a patch that matches nothing is refused with its YAML path and position (exit 2)")
  void unmatchedPatchIsRefused() throws Exception {
    Path file =
        example(
            s ->
                s.replace(
                    "target: {kind: Service, name: coredns}",
                    "target: {kind: Service, name: nope}"));
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> TreeRenderer.render(load(file)));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertTrue(
        e.getMessage()
            .contains("spec.network.coredns.patches[1].target: the patch matches no object"),
        e.getMessage());
    assertTrue(e.getMessage().contains("cluster.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("kind Service, name nope"), e.getMessage());
  }

  @Test
  @DisplayName(
      "own applications: unknown stack, wave outside 0-9, clashing names, chart and path refused")
  void applicationsAreValidated() throws Exception {
    String apps =
        "  applications:\n"
            + "    - {name: a, stack: storage, repoURL: https://x.example/r.git, path: p, targetRevision: main}\n"
            + "    - {name: b, stack: software, wave: 12, repoURL: https://x.example/r.git, path: p, targetRevision: main}\n"
            + "    - {name: traefik, stack: network, repoURL: https://x.example/r.git, path: p, targetRevision: main}\n"
            + "    - {name: d, stack: software, repoURL: https://c.example, chart: c, path: p, targetRevision: '1'}\n"
            + "    - {name: d, stack: software, repoURL: not a url, path: p, targetRevision: main}\n"
            + "    - {name: e, stack: software, wave: x, repoURL: https://x.example/r.git, path: p, targetRevision: main}\n";
    Path file = example(s -> s.substring(0, s.indexOf("  applications:\n")) + apps);
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(file));
    String m = e.getMessage();
    for (String expected :
        List.of(
            "spec.applications[0].stack: unknown stack 'storage'",
            "spec.applications[1].wave: wave 12 is outside the stack's band",
            "spec.applications[2].name: 'traefik' is the name of cfctl's own component network-traefik",
            "spec.applications[3]: both chart and path are set",
            "spec.applications[4].name: the Application software-d is already defined at spec.applications[3]",
            "spec.applications[4].repoURL: 'not a url' is not a URL",
            "spec.applications[5].wave")) {
      assertTrue(m.contains(expected), expected + " in\n" + m);
    }
  }

  @Test
  @DisplayName("value files must exist and be one YAML mapping: file:line:column of the value file")
  void valueFilesAreChecked() throws Exception {
    Path file =
        example(
            s ->
                s.replace(
                    "valuesFiles: [values/traefik.yaml]",
                    "valuesFiles: [values/list.yaml, values/missing.yaml]"));
    Files.writeString(dir.resolve("values/list.yaml"), "# a list, not values\n- a\n- b\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(file));
    String m = e.getMessage();
    assertTrue(m.contains("list.yaml:2:1: error: a Helm value file must hold one YAML mapping"), m);
    assertTrue(m.contains("spec.network.traefik.valuesFiles[1]: "), m);
    assertTrue(m.contains("missing.yaml does not exist"), m);
  }

  @Test
  @DisplayName(
      "an own application removed from cluster.yaml leaves the stack's Applications, so the stack's prune removes it")
  void removedApplicationLeavesTheTree() throws Exception {
    RenderedTree with = TreeRenderer.render(load(example(s -> s)));
    assertTrue(with.files().containsKey("apps/software/ondemand.yaml"));
    assertTrue(
        io.clusterfactory.cfctl.core.apply.DeliveredObjects.of(with, Delivery.APP, "software")
            .stream()
            .anyMatch(o -> o.getMetadata().getName().equals("software-ondemand")));
    Path file = dir.resolve("cluster.yaml");
    String text = Files.readString(file);
    int from = text.indexOf("    - name: ondemand");
    int to = text.indexOf("    - name: dashboards");
    Files.writeString(file, text.substring(0, from) + text.substring(to));
    RenderedTree without = TreeRenderer.render(load(file));
    assertFalse(without.files().containsKey("apps/software/ondemand.yaml"));
    assertFalse(
        io.clusterfactory.cfctl.core.apply.DeliveredObjects.of(without, Delivery.APP, "software")
            .stream()
            .anyMatch(o -> o.getMetadata().getName().equals("software-ondemand")));
    assertFalse(
        without.text("apps/projects/software.yaml").contains("ondemand.git"),
        "its repository leaves the AppProject");
  }

  @Test
  @DisplayName("every component cfctl registers is reserved against the site's names")
  void reservedNamesCoverEveryComponent() {
    RenderedTree full = Examples.render("full");
    for (RenderedObject o : full.objects()) {
      if (o.kind().equals("Application") && o.path().startsWith("apps/")) {
        assertTrue(
            io.clusterfactory.cfctl.core.config.SiteComponents.RESERVED
                .get(o.stack())
                .contains(o.component()),
            o.stack() + "-" + o.component());
      }
    }
  }
}
