package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.Problems;
import io.clusterfactory.cfctl.core.config.SourceMap;
import io.clusterfactory.cfctl.core.config.YamlDocument;
import io.clusterfactory.cfctl.core.config.YamlReader;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.InvalidObjectsException;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every object cfctl writes or applies, the way the API server ({@code
 * fieldValidation=Strict}) and Argo CD would, and reports every finding at once
 * (docs/validation.md):
 *
 * <ul>
 *   <li>built-in kinds against fabric8's generated model of the pinned client, read strictly
 *       ({@link BuiltinSchemas});
 *   <li>custom kinds against the {@code openAPIV3Schema} of a CustomResourceDefinition among the
 *       targets ({@link CrdSchemas}); a custom kind whose CRD none of them carries is a note, not
 *       an error;
 *   <li>Argo CD's rules for Applications and AppProjects ({@link ArgoRules}).
 * </ul>
 *
 * Tree files are read back from their bytes with a YAML 1.1 reader, so a value the writer left
 * plain that a Kubernetes reader types ({@code 0x01} is the integer 1) is seen as that reader sees
 * it.
 */
public final class ObjectValidator {
  /** Groups of documents in the tree that no API server receives. */
  private static final Set<String> NOT_SENT =
      Set.of("kustomize.config.k8s.io", "cfctl.clusterfactory.io");

  /** Where the CRDs of the custom groups cfctl's components use come from. */
  private static final Map<String, String> CRD_SOURCES =
      Map.of(
          "argoproj.io", "chart argo-cd",
          "bitnami.com", "chart sealed-secrets",
          "cert-manager.io", "chart cert-manager",
          "metallb.io", "chart metallb",
          "traefik.io", "chart traefik",
          "k8s.cni.cncf.io", "the multus manifest");

  private final BuiltinSchemas builtins = new BuiltinSchemas();

  /**
   * Every finding for {@code targets}; {@code tree} (may be null) locates cfctl's own repository.
   */
  public List<Finding> validate(List<Target> targets, TreeLocation tree) {
    List<Finding> out = new ArrayList<>();
    CrdSchemas crds = new CrdSchemas(targets);
    Set<String> unchecked = new LinkedHashSet<>();
    for (Target t : targets) {
      if (t.apiVersion().isEmpty() || t.kind().isEmpty()) {
        out.add(t.error("", "not a Kubernetes object: apiVersion and kind are required"));
        continue;
      }
      if (NOT_SENT.contains(t.group())) {
        continue;
      }
      if (t.name().isEmpty() && t.body().path("metadata").path("generateName").asText().isEmpty()) {
        out.add(t.error("metadata.name", "metadata.name is required"));
      }
      Optional<Class<?>> model = builtins.model(t.apiVersion(), t.kind());
      if (model.isPresent()) {
        builtins.check(t, model.get(), out);
      } else if (crds.defines(t.group(), t.kind())) {
        crds.check(t, out);
        checkMetadata(t, out);
      } else if (!t.group().contains(".")) {
        out.add(t.error("kind", "the API has no kind " + t.kind() + " in " + t.apiVersion()));
      } else if (unchecked.add(t.group() + "/" + t.kind())) {
        String from = CRD_SOURCES.get(t.group());
        out.add(
            t.note(
                "not checked: no schema for "
                    + t.group()
                    + "/"
                    + t.kind()
                    + (from == null
                        ? " (no CustomResourceDefinition of it among the checked objects)"
                        : " (its CRD comes with " + from + "; hydrate to check it)")));
      }
    }
    new ArgoRules(
            targets,
            tree,
            (apiVersion, kind) -> {
              Optional<Boolean> b = builtins.namespaced(apiVersion, kind);
              if (b.isPresent()) {
                return b;
              }
              int slash = apiVersion.indexOf('/');
              return crds.namespaced(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
            })
        .check(out);
    return out;
  }

  /** Validates and throws {@link InvalidObjectsException} when any finding is an error. */
  public static List<Finding> requireValid(List<Finding> findings) {
    List<String> errors = findings.stream().filter(Finding::isError).map(Finding::format).toList();
    if (!errors.isEmpty()) {
      throw new InvalidObjectsException(
          errors,
          "fix the cluster.yaml value or the manifest each line names; `cfctl render -o DIR`"
              + " writes the tree to look at");
    }
    return findings;
  }

  private void checkMetadata(Target t, List<Finding> out) {
    JsonNode meta = t.body().get("metadata");
    if (meta == null) {
      return;
    }
    ObjectNode wrapper = t.body().objectNode();
    wrapper.set("metadata", meta);
    Target only = new Target(t.file(), wrapper, t.positions());
    List<Finding> found = new ArrayList<>();
    builtins.check(only, Holder.class, found);
    for (Finding f : found) {
      out.add(new Finding(f.severity(), f.file(), f.line(), t.label(), f.path(), f.message()));
    }
  }

  /** The object metadata of any kind, for {@link #checkMetadata}. */
  static final class Holder {
    private ObjectMeta metadata;

    public ObjectMeta getMetadata() {
      return metadata;
    }

    public void setMetadata(ObjectMeta metadata) {
      this.metadata = metadata;
    }
  }

  /**
   * The objects of a rendered tree, read back from the file bytes with a YAML 1.1 reader, then
   * those hydration rendered ({@code hydrated/<app>/<template>}). Helm values files ({@code
   * values/}, and those of a patched chart's folder, {@code
   * manifests/<stack>/<name>/chart/values/}) and files that are not YAML are not objects.
   */
  public static List<Target> targets(RenderedTree tree, HydratedTree hydrated) {
    List<Target> out = new ArrayList<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (!(path.endsWith(".yaml") || path.endsWith(".yml"))
                  || path.startsWith("values/")
                  || path.matches("manifests/[^/]+/[^/]+/chart/values/.*")) {
                return;
              }
              out.addAll(read(path, new String(bytes, StandardCharsets.UTF_8)));
            });
    for (HydratedApplication app : hydrated.applications()) {
      for (HydratedApplication.HydratedObject o : app.objects()) {
        out.add(new Target("hydrated/" + app.application() + "/" + o.source(), o.body()));
      }
    }
    return out;
  }

  /** The objects of one YAML file, as a YAML 1.1 reader types them, with their positions. */
  public static List<Target> read(String file, String text) {
    Problems problems = new Problems(new SourceMap(file));
    List<YamlDocument> docs = YamlReader.read(text, file, problems);
    List<Target> out = new ArrayList<>();
    if (problems.hasErrors()) {
      // a tree file cfctl wrote that does not parse: the object check reports it as no object
      out.add(
          new Target(
              file, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }
    for (YamlDocument d : docs) {
      if (d.root() instanceof ObjectNode o) {
        out.add(new Target(file, o, d.sourceMap()));
      }
    }
    return out;
  }

  /** Where the tree goes in cfctl's repository, or null when the config names none. */
  public static TreeLocation location(GitopsSpec gitops, RenderedTree tree) {
    if (gitops == null || gitops.repository() == null || gitops.repository().url() == null) {
      return null;
    }
    return new TreeLocation(
        gitops.repository().url(), gitops.repository().path(), tree.files().keySet());
  }
}
