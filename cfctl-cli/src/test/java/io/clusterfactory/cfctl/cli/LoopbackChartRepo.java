package io.clusterfactory.cfctl.cli;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Helm repository on loopback serving one chart the test makes with helm-java ({@code demo}
 * 0.1.0: a ConfigMap template, a CRD in {@code crds/}); nothing upstream is used.
 */
final class LoopbackChartRepo implements AutoCloseable {
  static final String CHART = "demo";
  static final String VERSION = "0.1.0";

  private final HttpServer server;
  private final byte[] archive;
  final AtomicInteger requests = new AtomicInteger();

  LoopbackChartRepo(Path work) throws Exception {
    Path src = work.resolve("chart-src");
    Files.createDirectories(src);
    Helm.create().withName(CHART).withDir(src).call();
    Path chart = src.resolve(CHART);
    try (var files = Files.walk(chart.resolve("templates"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: " + CHART + "\nversion: " + VERSION + "\ntype: application\n");
    Files.writeString(chart.resolve("values.yaml"), "greeting: chart-default\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
            + "  namespace: {{ .Release.Namespace }}\n"
            + "data:\n  greeting: {{ .Values.greeting | quote }}\n  port: \"8080\"\n");
    Files.createDirectories(chart.resolve("crds"));
    Files.writeString(
        chart.resolve("crds/widget.yaml"),
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: widgets.example.org\n");
    Path out = work.resolve("chart-pkg");
    Files.createDirectories(out);
    new Helm(chart).packageIt().withDestination(out).call();
    archive = Files.readAllBytes(out.resolve(CHART + "-" + VERSION + ".tgz"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          String path = ex.getRequestURI().getPath();
          byte[] body =
              path.endsWith("/index.yaml")
                  ? ("apiVersion: v1\nentries:\n  "
                          + CHART
                          + ":\n  - name: "
                          + CHART
                          + "\n    version: "
                          + VERSION
                          + "\n    urls: [charts/demo.tgz]\n")
                      .getBytes(StandardCharsets.UTF_8)
                  : path.endsWith("/charts/demo.tgz") ? archive : null;
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
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
    server.stop(0);
  }
}
