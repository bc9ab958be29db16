package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.ApplicationSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ManifestsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks of what the site owns: the patches of every component, the site's own applications and
 * manifests (names, stacks, waves, sources), and the files they name (read at load by {@link
 * SiteFiles}).
 */
public final class SiteCheck implements ClusterCheck {
  private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern REPO_URL =
      Pattern.compile("^(https?|ssh|git|oci|file)://[^\\s]+$|^[\\w.-]+@[\\w.-]+:[^\\s]+$");

  @Override
  public void check(Cluster cluster, Context ctx) {
    Problems problems = ctx.problems();
    if (cluster.spec() == null) {
      return;
    }
    for (SiteComponents.Entry e : SiteComponents.all(cluster)) {
      patches(e.yamlPath(), e.block().patches(), problems);
    }
    Map<String, String> taken = new HashMap<>();
    List<ApplicationSpec> apps = orEmpty(cluster.spec().applications());
    for (int i = 0; i < apps.size(); i++) {
      ApplicationSpec a = apps.get(i);
      String path = "spec.applications[" + i + "]";
      if (a == null) {
        problems.error(path, "empty entry", "remove it or fill in name, stack and repoURL");
        continue;
      }
      placement(path, a.name(), a.stack(), a.wave(), a.namespace(), taken, problems);
      application(path, a, problems);
    }
    List<ManifestsSpec> ms = orEmpty(cluster.spec().manifests());
    for (int i = 0; i < ms.size(); i++) {
      ManifestsSpec m = ms.get(i);
      String path = "spec.manifests[" + i + "]";
      if (m == null) {
        problems.error(path, "empty entry", "remove it or fill in name, stack and paths");
        continue;
      }
      placement(path, m.name(), m.stack(), m.wave(), m.namespace(), taken, problems);
      if (m.paths().isEmpty()) {
        problems.error(path + ".paths", "no files or folders", "list YAML files or folders");
      }
      patches(path, m.patches(), problems);
    }
    if (ctx.facts() != null && ctx.facts().site() != null) {
      for (Problem p : ctx.facts().site().problems()) {
        if (p.position() == null) {
          problems.error(p.path(), p.message(), p.hint());
        } else {
          problems.add(p.severity(), p.path(), p.position(), p.message(), p.hint());
        }
      }
    }
  }

  private static void placement(
      String path,
      String name,
      String stack,
      Integer wave,
      String namespace,
      Map<String, String> taken,
      Problems problems) {
    if (name == null || !K8S_NAME.matcher(name).matches()) {
      problems.error(
          path + ".name",
          name == null ? "name is required" : "'" + name + "' is not a Kubernetes name",
          "lower-case letters, digits and '-', e.g. open-ondemand");
    }
    if (stack == null || !SiteComponents.STACKS.contains(stack)) {
      problems.error(
          path + ".stack",
          stack == null ? "stack is required" : "unknown stack '" + stack + "'",
          "one of " + String.join(", ", SiteComponents.STACKS));
      return;
    }
    if (wave != null && (wave < 0 || wave > 9)) {
      problems.error(
          path + ".wave",
          "wave " + wave + " is outside the stack's band",
          "a wave from 0 to 9 inside the stack (cfctl's components use 0-3)");
    }
    if (namespace != null && !K8S_NAME.matcher(namespace).matches()) {
      problems.error(path + ".namespace", "'" + namespace + "' is not a Kubernetes name");
    }
    if (name == null) {
      return;
    }
    if (SiteComponents.RESERVED.get(stack).contains(name)) {
      problems.error(
          path + ".name",
          "'" + name + "' is the name of cfctl's own component " + stack + "-" + name,
          "choose another name; customise cfctl's component with its values or patches instead");
    }
    String other = taken.putIfAbsent(stack + "-" + name, path);
    if (other != null) {
      problems.error(
          path + ".name",
          "the Application " + stack + "-" + name + " is already defined at " + other,
          "give each application and set of manifests its own name");
    }
  }

  private static void application(String path, ApplicationSpec a, Problems problems) {
    if (a.repoURL() == null || !REPO_URL.matcher(a.repoURL()).matches()) {
      problems.error(
          path + ".repoURL",
          a.repoURL() == null ? "repoURL is required" : "'" + a.repoURL() + "' is not a URL",
          "a chart repository (https://charts.example.org) or a Git repository"
              + " (https://git.example.org/site.git, git@host:org/repo.git)");
    }
    boolean chart = a.chart() != null && !a.chart().isBlank();
    boolean gitPath = a.path() != null && !a.path().isBlank();
    if (chart == gitPath) {
      problems.error(
          path,
          chart ? "both chart and path are set" : "neither chart nor path is set",
          "chart: <name> for a Helm chart, path: <folder> for a Git folder");
    }
    if (a.targetRevision() == null || a.targetRevision().isBlank()) {
      problems.error(
          path + ".targetRevision",
          "targetRevision is required",
          chart ? "the chart version, e.g. 1.2.3" : "a branch, tag or commit, e.g. main");
    }
    if (!chart && !a.values().isEmpty()) {
      problems.error(path + ".values", "values apply to a Helm chart only", "remove them");
    }
    if (!chart && !a.valuesFiles().isEmpty()) {
      problems.error(path + ".valuesFiles", "value files apply to a Helm chart only", null);
    }
    if (chart && Boolean.TRUE.equals(a.recurse())) {
      problems.error(path + ".recurse", "recurse applies to a Git path only", "remove it");
    }
  }

  private static void patches(String owner, List<Patch> patches, Problems problems) {
    for (int i = 0; patches != null && i < patches.size(); i++) {
      Patch p = patches.get(i);
      String path = owner + ".patches[" + i + "]";
      if (p == null) {
        problems.error(path, "empty patch", "write target and patch, or remove it");
        continue;
      }
      Patch.Target t = p.target();
      if (t == null
          || (t.kind() == null
              && t.name() == null
              && t.namespace() == null
              && (t.labels() == null || t.labels().isEmpty()))) {
        problems.error(
            path + ".target",
            "a patch needs a target",
            "e.g. target: {kind: Deployment, name: coredns}");
      }
      Patch.Type type = p.type() == null ? Patch.Type.STRATEGIC : p.type();
      Object body = p.patch();
      if (body == null) {
        problems.error(path + ".patch", "patch is required", null);
      } else if (type == Patch.Type.JSON && !(body instanceof List)) {
        problems.error(
            path + ".patch",
            "a json patch is a list of operations",
            "patch: [{op: replace, path: /spec/replicas, value: 3}]");
      } else if (type != Patch.Type.JSON && !(body instanceof Map)) {
        problems.error(
            path + ".patch",
            "a " + type.name().toLowerCase(java.util.Locale.ROOT) + " patch is a mapping",
            "patch: {spec: {replicas: 3}}, or type: json for a list of operations");
      }
    }
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
