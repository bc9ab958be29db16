package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Charts a test makes (never an upstream one): written from the files it names, packaged by Helm
 * itself (helm-java), and listed in a Helm repository's {@code index.yaml}; with {@link
 * LoopbackServer} they are a chart repository on loopback. Shared by the hydration, values and CLI
 * tests (cfctl-core's test jar).
 */
public final class TestCharts {
  private TestCharts() {}

  /**
   * Writes chart {@code name} {@code version} under {@code work} from {@code files} (paths under
   * the chart folder; a {@code Chart.yaml} of its own replaces the plain one) and packages it.
   *
   * @return the archive's bytes ({@code <name>-<version>.tgz})
   */
  public static byte[] pack(Path work, String name, String version, Map<String, String> files)
      throws IOException {
    Path chart = work.resolve("chart-src").resolve(name);
    Files.createDirectories(chart);
    Files.writeString(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = chart.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    Path out = work.resolve("chart-pkg");
    Files.createDirectories(out);
    new Helm(chart).packageIt().withDestination(out).call();
    return Files.readAllBytes(out.resolve(name + "-" + version + ".tgz"));
  }

  /** A Helm repository's {@code index.yaml} listing one chart version at {@code url}. */
  public static byte[] index(String name, String version, String url) {
    return ("apiVersion: v1\nentries:\n  "
            + name
            + ":\n  - name: "
            + name
            + "\n    version: "
            + version
            + "\n    urls: ["
            + url
            + "]\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A tree of one Application ({@code apps/demo.yaml} of stack software) and these files. */
  public static RenderedTree treeOf(ObjectNode application, Map<String, byte[]> files) {
    RenderedObject o =
        new RenderedObject(
            "apps/demo.yaml",
            "software",
            "demo",
            0,
            Delivery.values()[0],
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            application.path("metadata").path("name").asText(),
            application);
    return new RenderedTree(new TreeMap<>(files), List.of(o), List.of(), new TreeMap<>());
  }
}
