package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.hydrate.LoopbackServer;
import io.clusterfactory.cfctl.core.hydrate.TestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Helm repository on loopback serving one chart the test makes with helm-java ({@code demo}
 * 0.1.0: a ConfigMap template, a CRD in {@code crds/}); nothing upstream is used.
 */
final class LoopbackChartRepo implements AutoCloseable {
  static final String CHART = "demo";
  static final String VERSION = "0.1.0";

  private final LoopbackServer server;
  private final byte[] archive;
  final AtomicInteger requests = new AtomicInteger();

  LoopbackChartRepo(Path work) throws Exception {
    this(work, Map.of());
  }

  /** The demo chart with more files ({@code templates/...}) beside its own. */
  LoopbackChartRepo(Path work, Map<String, String> more) throws Exception {
    Map<String, String> files =
        new java.util.TreeMap<>(
            Map.of(
                "Chart.yaml",
                "apiVersion: v2\nname: "
                    + CHART
                    + "\nversion: "
                    + VERSION
                    + "\ntype: application\n",
                "values.yaml",
                "greeting: chart-default\n",
                "templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
                    + "  namespace: {{ .Release.Namespace }}\n"
                    + "data:\n  greeting: {{ .Values.greeting | quote }}\n  port: \"8080\"\n",
                "crds/widget.yaml",
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                    + "metadata:\n  name: widgets.example.org\n"));
    files.putAll(more);
    archive = TestCharts.pack(work, CHART, VERSION, files);
    byte[] index = TestCharts.index(CHART, VERSION, "charts/demo.tgz");
    server =
        LoopbackServer.serve(
            path -> {
              requests.incrementAndGet();
              return path.endsWith("/index.yaml")
                  ? index
                  : path.endsWith("/charts/demo.tgz") ? archive : null;
            });
  }

  String url() {
    return server.url("/repo");
  }

  /** The label the lock and the messages name the chart by. */
  String label() {
    return url() + " " + CHART + " " + VERSION;
  }

  byte[] archive() {
    return archive.clone();
  }

  /**
   * examples/single with one site Application, {@code software-demo}, from this repository (the
   * tree's only chart), publishing to {@code gitUrl}.
   */
  String clusterYaml(String gitUrl) throws Exception {
    return Files.readString(Path.of("../examples/single/cluster.yaml"))
            .replace("file:///srv/gitops.git", gitUrl)
        + "  applications:\n"
        + "    - name: demo\n"
        + "      stack: software\n"
        + "      namespace: demo-ns\n"
        + "      repoURL: "
        + url()
        + "\n"
        + "      chart: "
        + CHART
        + "\n"
        + "      targetRevision: "
        + VERSION
        + "\n"
        + "      values: {greeting: hello}\n";
  }

  @Override
  public void close() {
    server.close();
  }
}
