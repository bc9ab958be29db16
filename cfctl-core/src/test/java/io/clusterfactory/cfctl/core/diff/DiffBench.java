package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Driver of {@code bench/diff-bench.sh}, not a test: {@code generate DIR N} writes {@code
 * desired.yaml} and {@code live.yaml} with N objects (about 8% created, updated or deleted); {@code
 * diff DIR FORMAT} reads both, compares every object and prints the report, as {@code cfctl diff}
 * does after fetching the live objects.
 */
public final class DiffBench {
  private static final String[] COMPONENTS = {
    "network/metallb", "network/traefik", "network/coredns", "gitops/argocd", "gitops/cert-manager",
    "provisioning/grendel", "software/mariadb", "software/slurm", "software/ldap", "software/cvmfs"
  };

  private DiffBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Integer.parseInt(args[2]));
    } else if (args.length == 3 && args[0].equals("diff")) {
      diff(Path.of(args[1]), DiffFormat.parse(args[2]));
    } else {
      System.err.println("usage: DiffBench generate DIR N | diff DIR text|json|markdown");
      System.exit(2);
    }
  }

  private static void generate(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    List<String> desired = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String component = COMPONENTS[i % COMPONENTS.length];
      String namespace = component.substring(component.indexOf('/') + 1);
      Map<String, Object> object = object(i, namespace, component, false);
      if (i % 50 != 1) {
        desired.add(CanonicalYaml.DIFF.writeOne(object));
      }
      if (i % 50 != 0) {
        live.add(CanonicalYaml.DIFF.writeOne(liveOf(object(i, namespace, component, i % 25 == 2))));
      }
    }
    Files.writeString(dir.resolve("desired.yaml"), String.join("---\n", desired));
    Files.writeString(dir.resolve("live.yaml"), String.join("---\n", live));
  }

  private static Map<String, Object> object(
      int i, String namespace, String component, boolean drift) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "obj-" + i);
    meta.put("namespace", namespace);
    meta.put("labels", Map.of("app.kubernetes.io/part-of", component.replace('/', '-')));
    Map<String, Object> o = new LinkedHashMap<>();
    switch (i % 4) {
      case 0 -> {
        o.put("apiVersion", "apps/v1");
        o.put("kind", "Deployment");
        o.put("metadata", meta);
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "main");
        container.put("image", "registry.lab/app-" + i + (drift ? ":1.1" : ":1.0"));
        container.put("args", List.of("--port=8080", "--log-level=info"));
        container.put("env", List.of(Map.of("name", "MODE", "value", "prod")));
        o.put(
            "spec",
            Map.of(
                "replicas", 2,
                "selector", Map.of("matchLabels", Map.of("app", "obj-" + i)),
                "template",
                    Map.of(
                        "metadata", Map.of("labels", Map.of("app", "obj-" + i)),
                        "spec", Map.of("containers", List.of(container)))));
      }
      case 1 -> {
        o.put("apiVersion", "v1");
        o.put("kind", "Service");
        o.put("metadata", meta);
        o.put(
            "spec",
            Map.of(
                "selector", Map.of("app", "obj-" + i),
                "ports", List.of(Map.of("name", "http", "port", drift ? 8081 : 80))));
      }
      case 2 -> {
        o.put("apiVersion", "v1");
        o.put("kind", "ConfigMap");
        o.put("metadata", meta);
        Map<String, Object> data = new TreeMap<>();
        for (int k = 0; k < 8; k++) {
          data.put(
              "key" + k, "value " + k + " of object " + i + (drift && k == 3 ? " changed" : ""));
        }
        o.put("data", data);
      }
      default -> {
        o.put("apiVersion", "v1");
        o.put("kind", "Secret");
        o.put("metadata", meta);
        o.put(
            "stringData",
            Map.of("password", "pw-" + i + (drift ? "-rotated" : ""), "user", "u" + i));
      }
    }
    return o;
  }

  /** What the API server returns: bookkeeping, status, defaults, base64 data. */
  private static Map<String, Object> liveOf(Map<String, Object> desired) {
    Map<String, Object> live = CanonicalYaml.toMap(desired);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) live.get("metadata");
    meta.put("uid", "0000-" + meta.get("name"));
    meta.put("resourceVersion", "12345");
    meta.put("creationTimestamp", "2026-11-01T00:00:00Z");
    meta.put("managedFields", List.of(Map.of("manager", "cfctl", "operation", "Apply")));
    if (live.get("stringData") instanceof Map<?, ?> stringData) {
      Map<String, Object> data = new TreeMap<>();
      stringData.forEach(
          (k, v) ->
              data.put(
                  k.toString(),
                  java.util.Base64.getEncoder()
                      .encodeToString(v.toString().getBytes(StandardCharsets.UTF_8))));
      live.remove("stringData");
      live.put("data", data);
      live.put("type", "Opaque");
    }
    if ("Deployment".equals(live.get("kind"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) live.get("spec");
      spec.put("progressDeadlineSeconds", 600);
      spec.put("revisionHistoryLimit", 10);
      live.put("status", Map.of("readyReplicas", 2, "observedGeneration", 1));
    }
    return live;
  }

  private static void diff(Path dir, DiffFormat format) throws IOException {
    Map<ObjectRef, Map<String, Object>> desired = read(dir.resolve("desired.yaml"));
    Map<ObjectRef, Map<String, Object>> live = read(dir.resolve("live.yaml"));
    TreeMap<ObjectRef, String> components = new TreeMap<>();
    desired.forEach((ref, o) -> components.put(ref, component(o)));
    live.forEach((ref, o) -> components.putIfAbsent(ref, component(o)));
    List<ObjectDiff> objects =
        components.entrySet().parallelStream()
            .map(
                e ->
                    LiveObjectDiffer.compare(
                        e.getKey(),
                        e.getValue(),
                        live.get(e.getKey()),
                        desired.get(e.getKey()),
                        null))
            .toList();
    DiffReport report =
        new DiffReport(null, null, new LiveSection("https://127.0.0.1:6443", objects), List.of());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(format.renderer(false).render(report));
    out.flush();
  }

  private static String component(Map<String, Object> object) {
    Object meta = object.get("metadata");
    if (meta instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> labels) {
      Object partOf = labels.get("app.kubernetes.io/part-of");
      return partOf == null ? "" : partOf.toString();
    }
    return "";
  }

  private static Map<ObjectRef, Map<String, Object>> read(Path file) throws IOException {
    Map<ObjectRef, Map<String, Object>> byRef = new LinkedHashMap<>();
    for (Map<String, Object> doc : CanonicalYaml.readDocuments(Files.readString(file))) {
      byRef.put(GitTreeDiffer.refOf(doc), doc);
    }
    return byRef;
  }
}
