package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Argo CD's own rules for the Applications of the targets, the ones its API server and controller
 * apply before a sync (written from argo-cd's {@code util/argo} and the v1alpha1 types): {@code
 * source} xor {@code sources}; a {@code $name/...} values file needs a source with {@code ref:
 * name}; the project exists (Argo CD's own {@code default} allows everything unless the tree
 * defines it) and allows each source repository ({@code sourceRepos}), the destination (server or
 * name and namespace, globs, {@code !} denies) and the group/kind of each object the Application
 * delivers (cluster-scoped: {@code clusterResourceWhitelist} minus the blacklist; namespaced:
 * {@code namespaceResourceWhitelist}, all when unset, minus {@code namespaceResourceBlacklist}); a
 * path or values file in cfctl's own repository exists in the tree.
 */
final class ArgoRules {
  private static final String ARGO = "argoproj.io";

  private final List<Target> targets;
  private final TreeLocation tree;
  private final BiFunction<String, String, Optional<Boolean>> namespaced;
  private final Map<String, Target> projects = new HashMap<>();

  /**
   * @param namespaced whether a kind (apiVersion, kind) is namespaced, empty when unknown
   */
  ArgoRules(
      List<Target> targets,
      TreeLocation tree,
      BiFunction<String, String, Optional<Boolean>> namespaced) {
    this.targets = targets;
    this.tree = tree;
    this.namespaced = namespaced;
    for (Target t : targets) {
      if (isArgo(t, "AppProject")) {
        projects.put(t.name(), t);
      }
    }
  }

  void check(List<Finding> out) {
    for (Target t : targets) {
      if (isArgo(t, "Application")) {
        application(t, out);
      }
    }
  }

  private static boolean isArgo(Target t, String kind) {
    return t.group().equals(ARGO) && t.kind().equals(kind);
  }

  private void application(Target app, List<Finding> out) {
    JsonNode spec = app.body().path("spec");
    boolean single = spec.hasNonNull("source");
    boolean multi = spec.hasNonNull("sources") && spec.get("sources").size() > 0;
    if (single && multi) {
      out.add(app.error("spec.sources", "source and sources are both set: use one of them"));
    } else if (!single && !multi) {
      out.add(app.error("spec", "neither source nor sources is set"));
    }
    List<JsonNode> sources = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    if (multi) {
      for (int i = 0; i < spec.get("sources").size(); i++) {
        sources.add(spec.get("sources").get(i));
        paths.add("spec.sources[" + i + "]");
      }
    } else if (single) {
      sources.add(spec.get("source"));
      paths.add("spec.source");
    }
    Map<String, JsonNode> refs = new HashMap<>();
    for (JsonNode s : sources) {
      if (!s.path("ref").asText().isEmpty()) {
        refs.put(s.path("ref").asText(), s);
      }
    }
    String projectName = spec.path("project").asText("");
    Target project = projects.get(projectName.isEmpty() ? "default" : projectName);
    if (project == null && !projectName.isEmpty() && !projectName.equals("default")) {
      out.add(
          app.error(
              "spec.project",
              "project " + projectName + " is not in the tree (no AppProject of that name)"));
    }
    List<Target> delivered = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      source(app, sources.get(i), paths.get(i), refs, project, delivered, out);
    }
    String hydrated = "hydrated/" + app.name() + "/";
    for (Target t : targets) {
      if (t.file().startsWith(hydrated)) {
        delivered.add(t);
      }
    }
    JsonNode dest = spec.path("destination");
    String server = dest.path("server").asText("");
    String name = dest.path("name").asText("");
    String namespace = dest.path("namespace").asText("");
    if (!server.isEmpty() && !name.isEmpty()) {
      out.add(app.error("spec.destination", "destination has both server and name: set only one"));
    }
    if (project == null) {
      return;
    }
    if (!destinationPermitted(project, server, name, namespace)) {
      out.add(
          app.error(
              "spec.destination",
              "project "
                  + project.name()
                  + " does not allow destination "
                  + (server.isEmpty() ? name : server)
                  + " namespace "
                  + namespace
                  + " (spec.destinations of "
                  + project.file()
                  + ")"));
    }
    for (Target d : delivered) {
      Optional<Boolean> scoped = namespaced.apply(d.apiVersion(), d.kind());
      if (scoped.isEmpty()) {
        continue;
      }
      if (!kindPermitted(project, d.group(), d.kind(), scoped.get())) {
        out.add(
            d.error(
                "kind",
                "project "
                    + project.name()
                    + " (of Application "
                    + app.name()
                    + ") does not allow "
                    + (scoped.get() ? "namespaced" : "cluster-scoped")
                    + " kind "
                    + (d.group().isEmpty() ? "" : d.group() + "/")
                    + d.kind()));
      }
      String ns = d.namespace().isEmpty() ? namespace : d.namespace();
      if (scoped.get() && !destinationPermitted(project, server, name, ns)) {
        out.add(
            d.error(
                "metadata.namespace",
                "project "
                    + project.name()
                    + " (of Application "
                    + app.name()
                    + ") does not allow namespace "
                    + ns));
      }
    }
  }

  private void source(
      Target app,
      JsonNode s,
      String path,
      Map<String, JsonNode> refs,
      Target project,
      List<Target> delivered,
      List<Finding> out) {
    String repo = s.path("repoURL").asText("");
    if (repo.isEmpty()) {
      out.add(app.error(path + ".repoURL", "a source needs a repoURL"));
      return;
    }
    if (project != null && !sourcePermitted(project, repo)) {
      out.add(
          app.error(
              path + ".repoURL",
              "project "
                  + project.name()
                  + " does not allow repository "
                  + repo
                  + " (spec.sourceRepos of "
                  + project.file()
                  + ")"));
    }
    JsonNode files = s.path("helm").path("valueFiles");
    for (int i = 0; i < files.size(); i++) {
      String f = files.get(i).asText();
      if (!f.startsWith("$")) {
        continue;
      }
      int slash = f.indexOf('/');
      String ref = slash < 0 ? f.substring(1) : f.substring(1, slash);
      JsonNode refSource = refs.get(ref);
      String at = path + ".helm.valueFiles[" + i + "]";
      if (refSource == null) {
        out.add(app.error(at, f + " needs a source with ref: " + ref + ", and none has it"));
        continue;
      }
      if (tree != null && slash > 0 && tree.isOwn(refSource.path("repoURL").asText())) {
        String rel = tree.relative(f.substring(slash + 1));
        if (rel == null || !tree.files().contains(rel)) {
          out.add(app.error(at, "values file " + f + " is not in the tree"));
        }
      }
    }
    boolean isChart = !s.path("chart").asText("").isEmpty();
    boolean refOnly = !s.path("ref").asText("").isEmpty() && !s.has("path");
    if (isChart || refOnly || tree == null || !tree.isOwn(repo)) {
      return;
    }
    String repoPath = s.path("path").asText("");
    String rel = tree.relative(repoPath);
    if (rel == null || !tree.hasFolder(rel)) {
      out.add(
          app.error(
              path + ".path",
              "app path "
                  + (repoPath.isEmpty() ? "(repository root)" : repoPath)
                  + " does not exist in the tree (Git holds no empty folder; Argo CD reports"
                  + " \"app path does not exist\")"));
      return;
    }
    boolean recurse = s.path("directory").path("recurse").asBoolean(false);
    for (Target t : targets) {
      String f = t.file();
      boolean under = rel.isEmpty() || f.startsWith(rel + "/");
      String rest = rel.isEmpty() ? f : under ? f.substring(rel.length() + 1) : "";
      if (under && (recurse || !rest.contains("/"))) {
        delivered.add(t);
      }
    }
  }

  static boolean sourcePermitted(Target project, String repo) {
    String url = TreeLocation.normalise(repo);
    boolean allowed = false;
    for (JsonNode r : project.body().path("spec").path("sourceRepos")) {
      String pattern = r.asText();
      boolean deny = pattern.startsWith("!");
      String p = TreeLocation.normalise(deny ? pattern.substring(1) : pattern);
      if (glob(p, url)) {
        if (deny) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  static boolean destinationPermitted(
      Target project, String server, String name, String namespace) {
    boolean allowed = false;
    for (JsonNode d : project.body().path("spec").path("destinations")) {
      String ds = d.path("server").asText("");
      String dn = d.path("name").asText("");
      String dns = d.path("namespace").asText("");
      boolean deny = ds.startsWith("!") || dn.startsWith("!") || dns.startsWith("!");
      boolean target =
          !server.isEmpty()
              ? !ds.isEmpty() && glob(unbang(ds), server)
              : !dn.isEmpty() && glob(unbang(dn), name);
      if (target && glob(unbang(dns), namespace)) {
        if (deny) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  static boolean kindPermitted(Target project, String group, String kind, boolean namespaced) {
    JsonNode spec = project.body().path("spec");
    if (namespaced) {
      JsonNode white = spec.get("namespaceResourceWhitelist");
      boolean listed =
          white == null || white.isNull() || (white.size() > 0 && inList(white, group, kind));
      return listed && !inList(spec.path("namespaceResourceBlacklist"), group, kind);
    }
    return inList(spec.path("clusterResourceWhitelist"), group, kind)
        && !inList(spec.path("clusterResourceBlacklist"), group, kind);
  }

  private static boolean inList(JsonNode list, String group, String kind) {
    for (JsonNode e : list) {
      if (glob(e.path("group").asText(""), group) && glob(e.path("kind").asText(""), kind)) {
        return true;
      }
    }
    return false;
  }

  private static String unbang(String s) {
    return s.startsWith("!") ? s.substring(1) : s;
  }

  /** Argo CD's glob: {@code *} any text, {@code ?} one character, the rest literal. */
  static boolean glob(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
  }
}
