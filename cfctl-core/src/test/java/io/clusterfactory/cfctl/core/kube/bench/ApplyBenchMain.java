package io.clusterfactory.cfctl.core.kube.bench;

import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.LiveDiff;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.core.kube.SsaOptions;
import io.clusterfactory.cfctl.core.kube.StackApplier;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/apply-bench.sh: starts one mock API server ({@link MockCluster}, loopback) and applies the
 * same N objects, on a fresh store each time, with {@code kubectl apply -f}, with cfctl's {@link
 * StackApplier} in its own JVM ({@link ApplyBenchClient}, JVM start included, started with the CLI
 * launcher's flags) and with the applier inside this JVM. Prints wall times; see
 * docs/kube-apply.md.
 *
 * <p>Arguments: object count, kubectl path, java path, classpath for the child JVM.
 */
public final class ApplyBenchMain {
  private ApplyBenchMain() {}

  public static void main(String[] args) throws Exception {
    quietLogging();
    int count = Integer.parseInt(args[0]);
    String kubectl = args[1];
    String java = args[2];
    String classpath = args[3];
    Path work = Files.createTempDirectory("cfctl-apply-bench");
    List<HasMetadata> objects = objects(count);
    Path manifest = work.resolve("objects.yaml");
    writeManifest(objects, manifest);

    try (MockCluster cluster = new MockCluster()) {
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfig(cluster.url()));
      Path warmup = work.resolve("warmup.yaml");
      writeManifest(objects(100), warmup);
      List<String> kubectlApply =
          List.of(
              kubectl, "--kubeconfig", kubeconfig.toString(), "apply", "--validate=false", "-f");
      List<String> cfctlChild = new ArrayList<>(List.of(java));
      // the flags ./cfctl starts the CLI with (see the launcher and docs/performance.md)
      cfctlChild.addAll(
          List.of(
              "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable", "-cp", classpath));
      Path archive = work.resolve("bench.jsa");

      // untimed: warm the mock server's code paths so neither client pays for them, and train the
      // class-data-sharing archive the way ./cfctl does after each build
      run(concat(kubectlApply, warmup.toString()));
      reset(cluster);
      run(
          concat(
              cfctlChild,
              "-XX:ArchiveClassesAtExit=" + archive,
              ApplyBenchClient.class.getName(),
              kubeconfig.toString(),
              warmup.toString()));
      reset(cluster);

      long serverCpuBefore = processCpuMillis();
      long kubectlMillis = timeMillis(() -> run(concat(kubectlApply, manifest.toString())));
      long serverCpuKubectl = processCpuMillis() - serverCpuBefore;
      int kubectlWrites = cluster.dispatcher().writes().size();
      int kubectlRequests = cluster.dispatcher().requests().size();
      check(cluster, count);
      reset(cluster);

      List<String> cfctlApply =
          concat(
              cfctlChild,
              "-XX:SharedArchiveFile=" + archive,
              ApplyBenchClient.class.getName(),
              kubeconfig.toString());
      long childJvm = timeMillis(() -> run(concat(cfctlApply, manifest.toString())));
      int cfctlWrites = cluster.dispatcher().writes().size();
      int cfctlRequests = cluster.dispatcher().requests().size();
      check(cluster, count);
      reset(cluster);

      // the floor: the same child JVM applying a single object is start-up and nothing else
      Path one = work.resolve("one.yaml");
      writeManifest(objects(1), one);
      long startupFloor = timeMillis(() -> run(concat(cfctlApply, one.toString())));
      reset(cluster);

      long inProcess = timeMillis(() -> applyInProcess(cluster.client(), objects, count));
      cluster.dispatcher().clearRequests();
      long noop = timeMillis(() -> applyInProcess(cluster.client(), objects, 0));
      int noopWrites = cluster.dispatcher().writes().size();
      long diff =
          timeMillis(
              () ->
                  new LiveDiff(cluster.client(), new MutationGuard(true), calls(cluster.client()))
                      .compare(objects, true));

      System.out.printf(
          Locale.ROOT,
          "objects: %d (1 Namespace, ConfigMaps, Secrets); fabric8 mock API server on loopback%n",
          objects.size());
      System.out.printf(
          Locale.ROOT,
          "kubectl apply -f (client-side apply)    : %6d ms  (%d requests, %d writes)%n",
          kubectlMillis,
          kubectlRequests,
          kubectlWrites);
      System.out.printf(
          Locale.ROOT,
          "cfctl applier, own JVM incl. start      : %6d ms  (%d requests, %d writes)%n",
          childJvm,
          cfctlRequests,
          cfctlWrites);
      System.out.printf(
          Locale.ROOT,
          "mock server CPU during kubectl's run    : %6d ms  (kubectl's wall is the server's work)%n",
          serverCpuKubectl);
      System.out.printf(
          Locale.ROOT,
          "cfctl applier, own JVM, 1 object        : %6d ms  (JVM + fabric8 start-up floor)%n",
          startupFloor);
      System.out.printf(
          Locale.ROOT, "cfctl applier, in the server's JVM      : %6d ms%n", inProcess);
      System.out.printf(
          Locale.ROOT,
          "cfctl re-apply, nothing changed         : %6d ms  (%d writes)%n",
          noop,
          noopWrites);
      System.out.printf(Locale.ROOT, "cfctl live diff of all objects          : %6d ms%n", diff);
      System.out.printf(
          Locale.ROOT,
          "cfctl (own JVM) / kubectl               : %6.2f  (target <= 0.50)%n",
          childJvm / (double) kubectlMillis);
    }
  }

  private static List<String> concat(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * cfctl logs each write at INFO (progress for a human); a benchmark measures, it does not read.
   */
  static void quietLogging() {
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  static List<HasMetadata> objects(int count) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(generic("v1", "Namespace", null, "bench", Map.of()));
    for (int i = 0; i < count - 1; i++) {
      String name = String.format(Locale.ROOT, "object-%04d", i);
      if (i % 10 == 9) {
        objects.add(
            generic(
                "v1",
                "Secret",
                "bench",
                name,
                Map.of("type", "Opaque", "stringData", Map.of("password", "bench-" + i))));
      } else {
        objects.add(
            generic(
                "v1",
                "ConfigMap",
                "bench",
                name,
                Map.of(
                    "data",
                    Map.of("index", String.valueOf(i), "config.yaml", "key: value-" + i + "\n"))));
      }
    }
    return objects;
  }

  private static GenericKubernetesResource generic(
      String apiVersion, String kind, String namespace, String name, Map<String, Object> body) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(apiVersion);
    object.setKind(kind);
    object.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("cfctl.clusterfactory.io/stack", "bench")
            .addToLabels("cfctl.clusterfactory.io/component", kind.toLowerCase(Locale.ROOT))
            .build());
    body.forEach(object::setAdditionalProperty);
    return object;
  }

  private static void writeManifest(List<HasMetadata> objects, Path file) throws IOException {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder yaml = new StringBuilder();
    for (HasMetadata object : objects) {
      yaml.append(serialization.asYaml(object));
    }
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
  }

  static KubeCalls calls(KubernetesClient client) {
    return new KubeCalls(
        client.getConfiguration().getMasterUrl(),
        RetryPolicy.DEFAULT,
        Deadline.in(Duration.ofMinutes(5)));
  }

  private static void applyInProcess(
      KubernetesClient client, List<HasMetadata> objects, int expectCreated) {
    ApplyResult result =
        new StackApplier(client, new MutationGuard(false), calls(client))
            .apply("bench", objects, new SsaOptions(false, true, 16));
    int created = result.counts().get(io.clusterfactory.cfctl.core.kube.ObjectOutcome.CREATED);
    if (created != expectCreated) {
      throw new IllegalStateException(
          "expected " + expectCreated + " created, got " + result.counts());
    }
  }

  private static void reset(MockCluster cluster) {
    cluster.dispatcher().reset();
    cluster.dispatcher().clearRequests();
  }

  private static void check(MockCluster cluster, int count) {
    int configMaps = cluster.client().configMaps().inNamespace("bench").list().getItems().size();
    int secrets = cluster.client().secrets().inNamespace("bench").list().getItems().size();
    if (configMaps + secrets != count - 1) {
      throw new IllegalStateException(
          "expected "
              + (count - 1)
              + " objects in namespace bench, found "
              + (configMaps + secrets));
    }
  }

  private static String kubeconfig(String server) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
        + server
        + "\ncontexts:\n- name: mock\n  context: {cluster: mock, user: bench}\n"
        + "current-context: mock\nusers:\n- name: bench\n  user: {token: bench}\n";
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            String.join(" ", command.subList(0, 1)) + " failed:\n" + tail(output));
      }
    } catch (IOException e) {
      throw new IllegalStateException("running " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }

  /** CPU time of this JVM (the mock server lives here), all threads. */
  private static long processCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  private static long timeMillis(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
