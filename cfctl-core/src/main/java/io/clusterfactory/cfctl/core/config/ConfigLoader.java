package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads cluster.yaml: environment substitution, YAML with positions, strict binding, defaults,
 * validation. Every problem of the file is collected and reported at once, with file:line:column. A
 * ClusterFactory cfctl.yaml or a k0sctl.yaml loads unchanged.
 */
public final class ConfigLoader {
  static final Set<String> API_VERSIONS = Set.of(Cluster.API_VERSION, Cluster.K0SCTL_API_VERSION);
  static final String K0S_CONFIG_API = "k0s.k0sproject.io/v1beta1";

  private final Function<String, String> env;
  private final ValidationMode mode;

  public ConfigLoader(Function<String, String> env, ValidationMode mode) {
    this.env = env;
    this.mode = mode;
  }

  public static ConfigLoader offline() {
    return new ConfigLoader(System::getenv, ValidationMode.OFFLINE);
  }

  public static ConfigLoader forApply() {
    return new ConfigLoader(System::getenv, ValidationMode.APPLY);
  }

  /** Loads a file; relative paths in it resolve against its folder. */
  public LoadedConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "config file " + file + " does not exist",
          "pass the file as an argument, or create one with `cfctl init > cluster.yaml`");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read config file " + file + ": " + e.getMessage());
    }
    Path abs = file.toAbsolutePath().normalize();
    return load(text, file.toString(), abs.getParent());
  }

  /** Loads text named {@code source} in messages; relative paths resolve against baseDir. */
  public LoadedConfig load(String text, String source, Path baseDir) {
    Problems early = new Problems(null);
    String substituted = new EnvSubstitution(env).apply(text, source, early);
    List<YamlDocument> docs = YamlReader.read(substituted, source, early);
    if (early.all().stream().anyMatch(p -> p.message().startsWith(YamlReader.SYNTAX_ERROR))) {
      // Nothing after a syntax error can be trusted; everything else is reported together below.
      early.throwIfErrors(source);
    }

    YamlDocument clusterDoc = null;
    List<ObjectNode> k0sConfigs = new ArrayList<>();
    List<ExtraManifest> manifests = new ArrayList<>();
    for (int index = 0; index < docs.size(); index++) {
      YamlDocument doc = docs.get(index);
      JsonNode root = doc.root();
      if (root == null || root.isNull() || root.isMissingNode()) {
        continue;
      }
      String api = root.path("apiVersion").asText("");
      String kind = root.path("kind").asText("");
      if (API_VERSIONS.contains(api)
          || (clusterDoc == null
              && !root.has("apiVersion")
              && root.has("spec")
              && root.path("spec").has("hosts"))) {
        if (clusterDoc != null) {
          early.add(
              Severity.ERROR,
              "",
              new Position(source, doc.startLine(), 1),
              "a second Cluster document",
              "keep exactly one Cluster document per file");
        } else {
          clusterDoc = doc;
        }
      } else if (K0S_CONFIG_API.equals(api)
          && kind.equals("ClusterConfig")
          && root instanceof ObjectNode o) {
        k0sConfigs.add(o);
      } else {
        ExtraManifest m = extraManifest(index, doc, early);
        if (m != null) {
          manifests.add(m);
        }
      }
    }
    if (clusterDoc == null) {
      early.add(
          Severity.ERROR,
          "",
          new Position(source, 1, 1),
          "no Cluster document (apiVersion " + Cluster.API_VERSION + ", kind Cluster)",
          "start from `cfctl init`");
      early.throwIfErrors(source);
    }

    Problems problems = new Problems(clusterDoc.sourceMap());
    early
        .all()
        .forEach(p -> problems.add(p.severity(), p.path(), p.position(), p.message(), p.hint()));
    JsonNode root = clusterDoc.root();
    if (!root.isObject()) {
      problems.error("", "the Cluster document must be a mapping");
      problems.throwIfErrors(source);
    }
    checkHeader(root, problems);
    Cluster raw = StrictBinder.bind(root, Cluster.class, "", problems);
    if (raw == null || raw.spec() == null) {
      if (raw != null) {
        problems.error("spec", "spec is required", "add spec.hosts");
      }
      problems.throwIfErrors(source);
    }
    if (!k0sConfigs.isEmpty()) {
      raw = mergeK0sConfig(raw, k0sConfigs);
    }
    Cluster cluster = ClusterDefaults.apply(raw, baseDir);
    ClusterFacts facts = ClusterFacts.of(cluster, baseDir);
    ClusterValidator.validate(cluster, new ClusterCheck.Context(problems, baseDir, mode, facts));
    problems.throwIfErrors(source);
    return new LoadedConfig(
        cluster,
        facts,
        source,
        baseDir,
        clusterDoc.sourceMap(),
        List.copyOf(manifests),
        problems.warnings());
  }

  /**
   * A further document of the file, kept to be applied as k0sctl does; it must say what it is
   * (apiVersion, kind, metadata.name), or it is an error here rather than at apply time.
   */
  private static ExtraManifest extraManifest(int index, YamlDocument doc, Problems problems) {
    String path = "documents[" + index + "]";
    SourceMap map = doc.sourceMap();
    if (!(doc.root() instanceof ObjectNode o)) {
      problems.add(
          Severity.ERROR,
          path,
          map.valueOf(""),
          "document " + (index + 1) + " of the file is not a mapping",
          "each further document must be a Kubernetes object, or remove it");
      return null;
    }
    boolean complete = true;
    for (String field : List.of("apiVersion", "kind", "metadata.name")) {
      JsonNode v = o.at("/" + field.replace('.', '/'));
      if (!v.isTextual() || v.textValue().isBlank()) {
        complete = false;
        problems.add(
            Severity.ERROR,
            path + "." + field,
            map.valueOf(field),
            "document "
                + (index + 1)
                + " of the file (a Kubernetes object applied once the cluster is up) has no "
                + field,
            field.equals("metadata.name")
                ? "add metadata: {name: ...}"
                : "add " + field + ", e.g. " + (field.equals("kind") ? "ConfigMap" : "v1"));
      }
    }
    if (!complete) {
      return null;
    }
    JsonNode ns = o.at("/metadata/namespace");
    return new ExtraManifest(
        index,
        o.get("apiVersion").textValue(),
        o.get("kind").textValue(),
        ns.isTextual() ? ns.textValue() : null,
        o.at("/metadata/name").textValue(),
        o,
        map);
  }

  private static void checkHeader(JsonNode root, Problems problems) {
    JsonNode api = root.get("apiVersion");
    if (api == null) {
      problems.error(
          "apiVersion", "apiVersion is required", "add apiVersion: " + Cluster.API_VERSION);
    } else if (!API_VERSIONS.contains(api.asText())) {
      problems.error(
          "apiVersion",
          "unsupported apiVersion '" + api.asText() + "'",
          "use " + Cluster.API_VERSION);
    }
    JsonNode metadata = root.get("metadata");
    if (metadata != null
        && (metadata.isNull() || (metadata.isTextual() && metadata.textValue().isEmpty()))) {
      problems.warning(
          "metadata",
          "metadata is empty, so the cluster gets the default name k0s-cluster",
          "add name: under metadata, or remove the metadata: line");
    }
    JsonNode kind = root.get("kind");
    if (kind == null) {
      problems.error("kind", "kind is required", "add kind: Cluster");
    } else if (!kind.asText().equals("Cluster") && !kind.asText().equals("cluster")) {
      problems.error("kind", "unsupported kind '" + kind.asText() + "'", "use kind: Cluster");
    }
  }

  @SuppressWarnings("unchecked")
  private static Cluster mergeK0sConfig(Cluster raw, List<ObjectNode> configs) {
    // As k0sctl: separate ClusterConfig documents are merged into spec.k0s.config.
    ObjectNode merged = StrictBinder.mapper().createObjectNode();
    if (raw.spec().k0s() != null && raw.spec().k0s().config() != null) {
      merged.setAll((ObjectNode) StrictBinder.mapper().valueToTree(raw.spec().k0s().config()));
    }
    for (ObjectNode c : configs) {
      deepMerge(merged, c);
    }
    Map<String, Object> cfg = StrictBinder.mapper().convertValue(merged, Map.class);
    var k0s =
        raw.spec().k0s() == null
            ? new io.clusterfactory.cfctl.core.config.v1beta1.K0sSpec(null, null, null, cfg)
            : raw.spec().k0s().withConfig(cfg);
    var s = raw.spec();
    return raw.withSpec(
        new io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec(
            s.hosts(),
            k0s,
            s.options(),
            s.network(),
            s.gitops(),
            s.provisioning(),
            s.software(),
            s.applications(),
            s.manifests(),
            s.registries(),
            s.charts()));
  }

  private static void deepMerge(ObjectNode into, ObjectNode from) {
    from.fields()
        .forEachRemaining(
            e -> {
              JsonNode existing = into.get(e.getKey());
              if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode fo) {
                deepMerge(eo, fo);
              } else {
                into.set(e.getKey(), e.getValue());
              }
            });
  }
}
