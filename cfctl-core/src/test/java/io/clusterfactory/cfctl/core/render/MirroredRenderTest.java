package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.ImageReference;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.ChartsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * examples/full with mirrors set: no image reference and no chart source of the rendered tree lies
 * outside the mirrors (every object, every Application and AppProject, every values file, every
 * kustomization cfctl writes).
 */
class MirroredRenderTest {
  static final String MIRROR = "registry.site.local/mirror";
  static final String HUB = "registry.site.local/dockerhub";
  static final String CHARTS = "https://charts.site.local/cfctl";

  static Cluster mirrored(Cluster c, String charts) {
    ClusterSpec s = c.spec();
    return c.withSpec(
        new ClusterSpec(
            s.hosts(),
            s.k0s(),
            s.options(),
            s.network(),
            s.gitops(),
            s.provisioning(),
            s.software(),
            s.applications(),
            s.manifests(),
            new RegistriesSpec(MIRROR, Map.of("docker.io", HUB)),
            new ChartsSpec(charts)));
  }

  static RenderedTree renderFull(String charts) {
    LoadedConfig config = Examples.load("full");
    return TreeRenderer.render(mirrored(config.cluster(), charts), RenderContext.of(config));
  }

  /** Every string under a key named image (a container's, a chart value's), with its location. */
  static void images(JsonNode n, String at, List<String[]> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                  out.add(new String[] {at + "." + e.getKey(), e.getValue().asText()});
                }
                images(e.getValue(), at + "." + e.getKey(), out);
              });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        images(n.get(i), at + "[" + i + "]", out);
      }
    }
  }

  static boolean inMirror(String image) {
    return image.startsWith(MIRROR + "/") || image.startsWith(HUB + "/");
  }

  @Test
  @DisplayName("every image of every object is pulled from the mirrors, normalised, tag kept")
  void everyObjectImageIsMirrored() {
    RenderedTree tree = renderFull(CHARTS);
    List<String[]> found = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      images(o.body(), o.path() + ":" + o.kind() + "/" + o.name(), found);
    }
    assertTrue(found.size() >= 10, "walked " + found.size() + " images");
    List<String> outside = new ArrayList<>();
    for (String[] f : found) {
      if (!inMirror(f[1])) {
        outside.add(f[0] + " = " + f[1]);
      }
      assertFalse(ImageReference.parse(f[1]).tag() == null, f[0] + " keeps its tag");
    }
    assertEquals(List.of(), outside);
    Set<String> all = new TreeSet<>();
    found.forEach(f -> all.add(f[1]));
    assertTrue(all.contains(HUB + "/library/busybox:1.37.0"), all.toString());
    assertTrue(all.contains(MIRROR + "/squarefactory/grendel:0.2.6"), all.toString());
  }

  @Test
  @DisplayName("every chart source of every Application and AppProject is the chart mirror")
  void everyChartSourceIsTheMirror() {
    RenderedTree tree = renderFull(CHARTS);
    String gitops = "ssh://git@git.sion.example.com/infra/gitops.git";
    int charts = 0;
    List<String> outside = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      if (o.kind().equals("Application")) {
        JsonNode spec = o.body().path("spec");
        List<JsonNode> sources = new ArrayList<>();
        if (spec.has("source")) {
          sources.add(spec.get("source"));
        }
        spec.path("sources").forEach(sources::add);
        for (JsonNode s : sources) {
          String repo = s.path("repoURL").asText();
          if (s.has("chart")) {
            charts++;
            if (!repo.equals(CHARTS)) {
              outside.add(o.name() + ": " + repo);
            }
          } else if (!repo.equals(gitops)) {
            outside.add(o.name() + ": " + repo + " (not the GitOps tree)");
          }
        }
      }
      if (o.kind().equals("AppProject")) {
        o.body()
            .path("spec")
            .path("sourceRepos")
            .forEach(
                r -> {
                  if (!r.asText().equals(CHARTS) && !r.asText().equals(gitops)) {
                    outside.add(o.name() + " sourceRepos: " + r.asText());
                  }
                });
      }
    }
    assertEquals(List.of(), outside);
    assertTrue(charts >= 7, charts + " chart sources");
  }

  @Test
  @DisplayName("every image value cfctl sets for a chart, and each kustomization, names the mirror")
  void valuesAndKustomizationsNameTheMirror() throws IOException {
    RenderedTree tree = renderFull(CHARTS);
    List<String> outside = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      String path = f.getKey();
      String text = new String(f.getValue(), StandardCharsets.UTF_8);
      if (path.startsWith("values/")) {
        JsonNode values = CanonicalYaml.TREE.mapper().readTree(text);
        List<String[]> found = new ArrayList<>();
        images(values, path, found);
        for (String[] i : found) {
          checked++;
          if (!inMirror(i[1])) {
            outside.add(i[0] + " = " + i[1]);
          }
        }
        checked += repositories(values, path, outside);
      }
      if (path.endsWith("kustomization.yaml")) {
        JsonNode k = CanonicalYaml.TREE.mapper().readTree(text);
        for (JsonNode i : k.path("images")) {
          checked++;
          if (!inMirror(i.path("newName").asText())) {
            outside.add(path + " image " + i);
          }
        }
        for (JsonNode r : k.path("resources")) {
          if (r.asText().contains("://") && !r.asText().startsWith(CHARTS + "/")) {
            outside.add(path + " resource " + r.asText());
          }
        }
      }
    }
    assertEquals(List.of(), outside);
    assertTrue(checked >= 20, checked + " image values checked");
  }

  /**
   * The values key a chart reads an image repository from: under {@code image} (or a key ending in
   * Image, or metallb's rbacProxy), {@code repository} joined to {@code registry} when given.
   */
  private static int repositories(JsonNode n, String at, List<String> outside) {
    int count = 0;
    if (n.isObject()) {
      var it = n.fields();
      while (it.hasNext()) {
        var e = it.next();
        String k = e.getKey();
        JsonNode v = e.getValue();
        boolean imageBlock =
            k.equals("image")
                || k.endsWith("Image")
                || k.equals("rbacProxy")
                || at.endsWith(".image");
        if (imageBlock && v.isObject() && v.path("repository").isTextual()) {
          count++;
          String repo = v.get("repository").asText();
          String full =
              v.path("registry").isTextual() ? v.get("registry").asText() + "/" + repo : repo;
          if (!inMirror(full)) {
            outside.add(at + "." + k + ".repository = " + full);
          }
        }
        count += repositories(v, at + "." + k, outside);
      }
    }
    return count;
  }

  @Test
  @DisplayName("every chart pin records its image values keys; a chart kept in Git its package")
  void everyChartPinCanBeMirrored() {
    List<String> missing = new ArrayList<>();
    Versions.pinned()
        .charts()
        .forEach(
            (key, c) -> {
              if (c.include() == null && c.imageValues().isEmpty()) {
                missing.add(key + ": no imageValues");
              }
              if (c.include() == null && !c.isHelmRepository() && c.packaged() == null) {
                missing.add(key + ": no packaged chart name and version");
              }
              c.imageValues()
                  .forEach(
                      v -> {
                        ImageReference r = ImageReference.parse(v.image());
                        if (!v.image().equals(r.name()) || r.tag() != null) {
                          missing.add(key + ": " + v.image() + " is not a normalised name");
                        }
                      });
            });
    assertEquals(List.of(), missing);
  }

  @Test
  @DisplayName("an oci:// chart mirror: the Application names the registry path and the chart")
  void ociChartMirror() {
    LoadedConfig config = Examples.load("full");
    Cluster c = mirrored(config.cluster(), "oci://registry.site.local/charts");
    // multus is a plain manifest an OCI registry cannot serve (the config check says so): off here
    RenderedTree tree = TreeRenderer.render(withoutMultus(c), RenderContext.of(config));
    RenderedObject argocd =
        tree.objects().stream()
            .filter(o -> o.kind().equals("Application") && o.name().equals("gitops-argocd"))
            .findFirst()
            .orElseThrow();
    JsonNode src = argocd.body().path("spec").path("sources").get(0);
    assertEquals("registry.site.local/charts", src.path("repoURL").asText());
    assertEquals("argo-cd", src.path("chart").asText());
    assertEquals("8.3.0", src.path("targetRevision").asText());
  }

  private static Cluster withoutMultus(Cluster c) {
    var n = c.spec().network();
    var m = n.multus();
    var off =
        new io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec.MultusSpec(
            false, m.attachments(), m.patches());
    var net =
        new io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec(
            n.domain(), n.coredns(), n.metallb(), n.traefik(), off);
    ClusterSpec s = c.spec();
    return c.withSpec(
        new ClusterSpec(
            s.hosts(),
            s.k0s(),
            s.options(),
            net,
            s.gitops(),
            s.provisioning(),
            s.software(),
            s.applications(),
            s.manifests(),
            s.registries(),
            s.charts()));
  }
}
