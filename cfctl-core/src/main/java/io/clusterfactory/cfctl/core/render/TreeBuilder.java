package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.SiteFiles;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.patch.MergePatch;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import io.clusterfactory.cfctl.core.patch.ObjectPatcher;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collects what the stack renderers produce, labels every object, and lays out the tree: the
 * Applications, AppProjects and Namespaces of every registered component, the values files, and the
 * secret request index.
 */
final class TreeBuilder {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String STACK_LABEL = "cfctl.clusterfactory.io/stack";
  static final String COMPONENT_LABEL = "cfctl.clusterfactory.io/component";
  static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  static final String ARGOCD_NAMESPACE = "argocd";
  static final String IN_CLUSTER = "https://kubernetes.default.svc";
  static final String ARGOCD_PIN = "argocd";
  static final String KUSTOMIZE_BUILD_OPTIONS = "--enable-helm";

  /** Kinds that have no namespace (the ones cfctl renders). */
  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "StorageClass",
          "CustomResourceDefinition",
          "ClusterIssuer",
          "PersistentVolume",
          "PriorityClass");

  private final String clusterName;
  private final String repoUrl;
  private final String revision;
  private final String basePath;
  private final Map<String, List<Entry>> docs = new TreeMap<>();
  private final SortedMap<String, byte[]> rawFiles = new TreeMap<>();
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final List<SecretRequest> secrets = new ArrayList<>();
  private final SortedMap<String, SecretSource> inputs = new TreeMap<>();
  private final Versions versions;
  private final ImageMirror images;
  private final Map<Component, ObjectNode> chartValues = new LinkedHashMap<>();
  private final Map<String, Customization> customizations = new TreeMap<>();
  private final Map<String, ObjectNode> siteSources = new TreeMap<>();
  private final List<ObjectPatch> unmatched = new ArrayList<>();
  private final Map<Component, List<ObjectPatch>> chartPatches = new LinkedHashMap<>();

  private record Entry(Component component, Delivery delivery, int wave, ObjectNode body) {}

  TreeBuilder(
      String clusterName,
      String repoUrl,
      String revision,
      String basePath,
      Versions versions,
      ImageMirror images) {
    this.clusterName = clusterName;
    this.repoUrl = repoUrl;
    this.revision = revision;
    this.basePath = basePath;
    this.versions = versions;
    this.images = images;
  }

  Versions versions() {
    return versions;
  }

  String clusterName() {
    return clusterName;
  }

  /** Registers a component: it gets an Application (and a Namespace when it owns one). */
  Component component(Stack stack, String name, String namespace, int waveOffset, String pin) {
    Component c =
        new Component(
            stack,
            name,
            namespace,
            stack.wave() + waveOffset,
            pin,
            // kube-system exists; argocd's namespace is created by the bootstrap and must never be
            // pruned with an Application
            !"kube-system".equals(namespace) && !ARGOCD_NAMESPACE.equals(namespace));
    if (components.putIfAbsent(c.appName(), c) != null) {
      throw new InternalException("component " + c.appName() + " registered twice", null);
    }
    return c;
  }

  /** A plain manifest of a component, synced by its Application from its folder. */
  void manifest(Component c, String file, ObjectNode body) {
    add(c.manifestsDir() + "/" + file, c, Delivery.SYNCED, c.wave(), body);
  }

  /** An object cfctl applies itself before ArgoCD exists. */
  void bootstrap(Component c, String file, ObjectNode body) {
    add("bootstrap/" + file, c, Delivery.BOOTSTRAP, -1, body);
  }

  /** The Helm values of a chart component, with the site's {@code values:} merged over them. */
  void values(Component c, ObjectNode values) {
    chartValues.put(c, values);
  }

  /**
   * Writes each chart component's values file: cfctl's values, the mirrored image of every image
   * the chart names (through the site's registry mirrors), then the site's {@code values:} over
   * them.
   */
  private void valuesFiles() {
    for (Component c : components.values()) {
      ObjectNode values = chartValues.get(c);
      List<Versions.ImageValue> imageValues =
          c.pin() == null || !images.active() ? List.of() : versions.chart(c.pin()).imageValues();
      if (!imageValues.isEmpty()) {
        values = values == null ? CanonicalYaml.map() : values.deepCopy();
        for (Versions.ImageValue v : imageValues) {
          mirrorImageValue(values, v);
        }
      }
      if (values != null && !chartPatches.isEmpty() && ARGOCD_PIN.equals(c.pin())) {
        // the charts whose objects the site patches are kustomizations with helmCharts:
        // Argo CD builds them only with Helm enabled
        values = values.deepCopy();
        values
            .withObject("/configs")
            .withObject("/cm")
            .put("kustomize.buildOptions", KUSTOMIZE_BUILD_OPTIONS);
      }
      if (values == null) {
        continue;
      }
      Customization custom = customizations.get(c.appName());
      JsonNode merged =
          custom == null || !custom.hasValues()
              ? values
              : MergePatch.mergeValues(values, custom.values());
      rawFiles.put(c.valuesFile(), bytes(CanonicalYaml.TREE.writeOne(merged)));
    }
  }

  private void mirrorImageValue(ObjectNode values, Versions.ImageValue v) {
    String mirrored = images.rewrite(v.image());
    if (mirrored.equals(v.image())) {
      return;
    }
    if (v.registry() == null) {
      setPath(values, v.repository(), mirrored);
    } else {
      int slash = mirrored.indexOf('/');
      setPath(values, v.registry(), mirrored.substring(0, slash));
      setPath(values, v.repository(), mirrored.substring(slash + 1));
    }
  }

  /** Sets a dotted values key (keys themselves hold no dot), creating the maps on the way. */
  private static void setPath(ObjectNode root, String dotted, String value) {
    String[] keys = dotted.split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = at.get(keys[i]);
      at = next instanceof ObjectNode o ? o : at.putObject(keys[i]);
    }
    at.put(keys[keys.length - 1], value);
  }

  /** What the site sets on a component (before the stacks render). */
  void customize(String appName, Customization custom) {
    customizations.put(appName, custom);
  }

  /** The source of one of the site's own Applications. */
  void siteSource(Component c, ObjectNode source) {
    siteSources.put(c.appName(), source);
  }

  /** A document of the site's own manifests: kept as written (no namespace is added). */
  void siteManifest(Component c, String file, ObjectNode body) {
    String path = c.manifestsDir() + "/" + file;
    ObjectNode labels = body.withObject("/metadata").withObject("/labels");
    baseLabels(c).forEach(labels::put);
    docs.computeIfAbsent(path, k -> new ArrayList<>())
        .add(new Entry(c, Delivery.SYNCED, c.wave(), body));
  }

  /** The site's value files of a component, as tree paths, in order. */
  private List<String> siteValueFiles(Component c) {
    Customization custom = customizations.get(c.appName());
    List<String> out = new ArrayList<>();
    for (int i = 0; custom != null && i < custom.valueFiles().size(); i++) {
      out.add("values/" + c.stack().id() + "/" + c.name() + ".site-" + (i + 1) + ".yaml");
    }
    return out;
  }

  /**
   * The patches of chart components that matched none of cfctl's own objects: they are the chart's,
   * checked when the chart is hydrated.
   */
  List<ObjectPatch> chartPatches() {
    return chartPatches.values().stream().flatMap(List::stream).toList();
  }

  /** The patches that matched no object in the last {@link #build()}. */
  List<ObjectPatch> unmatchedPatches() {
    return List.copyOf(unmatched);
  }

  /** Declares a secret input (by its YAML path); the same input may feed several secrets. */
  String input(String id, SecretSource source) {
    if (source == null) {
      throw new InternalException("secret input " + id + " has no source after defaults", null);
    }
    inputs.put(id, source);
    return SecretRequest.placeholder(id);
  }

  /** A Secret of a component, to be sealed into the component's folder. */
  void secret(
      Component c, String name, String type, Map<String, String> labels, Map<String, String> data) {
    SortedMap<String, String> l = new TreeMap<>(baseLabels(c));
    if (labels != null) {
      l.putAll(labels);
    }
    secrets.add(
        new SecretRequest(
            c.stack().id(),
            c.name(),
            c.namespace(),
            name,
            type,
            c.manifestsDir() + "/" + name + "-sealedsecret.yaml",
            l,
            new TreeMap<>(data)));
  }

  String repoUrl() {
    return repoUrl;
  }

  /** A path of the tree as seen from the repository root. */
  String repoPath(String treePath) {
    return basePath == null || basePath.isEmpty() ? treePath : basePath + "/" + treePath;
  }

  private void add(String path, Component c, Delivery d, int wave, ObjectNode body) {
    ObjectNode md = body.withObject("/metadata");
    if (!md.hasNonNull("name")) {
      throw new InternalException("object without a name in " + path, null);
    }
    String kind = body.path("kind").asText();
    if (CLUSTER_SCOPED.contains(kind)) {
      md.remove("namespace");
    } else if (!md.hasNonNull("namespace")) {
      md.put("namespace", c.namespace());
    }
    ObjectNode labels = md.withObject("/labels");
    baseLabels(c).forEach(labels::put);
    docs.computeIfAbsent(path, k -> new ArrayList<>()).add(new Entry(c, d, wave, body));
  }

  private Map<String, String> baseLabels(Component c) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put(MANAGED_BY, "cfctl");
    l.put(STACK_LABEL, c.stack().id());
    l.put(COMPONENT_LABEL, c.name());
    return l;
  }

  // ---- layout ----

  RenderedTree build() {
    patch();
    valuesFiles();
    siteValueFiles();
    for (Component c : components.values()) {
      secretOnlyFolder(c);
      application(c);
    }
    projects();
    rootFolder();
    SortedMap<String, byte[]> files = new TreeMap<>(rawFiles);
    List<RenderedObject> objects = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> f : docs.entrySet()) {
      List<JsonNode> bodies = new ArrayList<>();
      for (Entry e : f.getValue()) {
        bodies.add(e.body());
        ObjectNode md = (ObjectNode) e.body().get("metadata");
        objects.add(
            new RenderedObject(
                f.getKey(),
                e.component().stack().id(),
                e.component().name(),
                e.wave(),
                e.delivery(),
                e.body().path("apiVersion").asText(),
                e.body().path("kind").asText(),
                md.hasNonNull("namespace") ? md.get("namespace").asText() : null,
                md.get("name").asText(),
                e.body()));
      }
      files.put(f.getKey(), bytes(CanonicalYaml.TREE.write(bodies)));
    }
    secrets.sort(Comparator.comparing(SecretRequest::path));
    files.put(RenderedTree.SECRETS_INDEX, bytes(secretIndex()));
    objects.sort(
        Comparator.comparingInt(RenderedObject::wave)
            .thenComparing(RenderedObject::delivery)
            .thenComparing(RenderedObject::path));
    return new RenderedTree(
        java.util.Collections.unmodifiableSortedMap(files),
        List.copyOf(objects),
        List.copyOf(secrets),
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputs)));
  }

  /**
   * Applies the site's patches of each component to the objects rendered for it (its manifests, not
   * its Application), through the same pure {@link ObjectPatcher} hydrated charts go through.
   */
  private void patch() {
    for (Component c : components.values()) {
      Customization custom = customizations.get(c.appName());
      if (custom == null || custom.patches().isEmpty()) {
        continue;
      }
      List<Entry> mine = new ArrayList<>();
      for (List<Entry> entries : docs.values()) {
        for (Entry e : entries) {
          if (e.component() == c && e.delivery() == Delivery.SYNCED) {
            mine.add(e);
          }
        }
      }
      ObjectPatcher.Result r =
          ObjectPatcher.apply(custom.patches(), mine.stream().map(Entry::body).toList());
      for (ObjectPatch p : r.unmatched()) {
        if (patchesChart(c)) {
          ChartKustomization.requireKustomizable(p);
          chartPatches.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
        } else {
          unmatched.add(p);
        }
      }
      Map<Entry, ObjectNode> patched = new java.util.IdentityHashMap<>();
      for (int i = 0; i < mine.size(); i++) {
        patched.put(mine.get(i), r.objects().get(i));
      }
      for (List<Entry> entries : docs.values()) {
        entries.replaceAll(
            e ->
                patched.containsKey(e)
                    ? new Entry(e.component(), e.delivery(), e.wave(), patched.get(e))
                    : e);
      }
    }
  }

  /**
   * Whether a patch of {@code c} that matches none of cfctl's objects can be the chart's: a chart
   * of a Helm repository, which kustomize's {@code helmCharts} can render (a chart of a Git folder
   * it cannot).
   */
  private boolean patchesChart(Component c) {
    if (c.pin() == null || siteSources.containsKey(c.appName())) {
      return false;
    }
    Versions.Chart chart = versions.chart(c.pin());
    return chart.isHelmRepository() && chart.include() == null;
  }

  /** The site's value files, each committed as its own file so a PR shows it. */
  private void siteValueFiles() {
    for (Component c : components.values()) {
      Customization custom = customizations.get(c.appName());
      List<String> paths = siteValueFiles(c);
      for (int i = 0; i < paths.size(); i++) {
        SiteFiles.ValueFile f = custom.valueFiles().get(i);
        rawFiles.put(
            paths.get(i),
            bytes(
                "# from "
                    + f.path()
                    + " beside cluster.yaml (listed after cfctl's values: it wins)\n"
                    + CanonicalYaml.TREE.writeOne(f.values())));
      }
    }
  }

  private void pinnedManifest(Component c, Versions.Chart chart) {
    String dir = c.manifestsDir() + "/";
    ArrayNode resources = CanonicalYaml.list(chart.manifestUrl());
    java.util.stream.Stream.concat(
            docs.keySet().stream(), secrets.stream().map(SecretRequest::path))
        .filter(p -> p.startsWith(dir))
        .map(p -> p.substring(dir.length()))
        .distinct()
        .sorted()
        .forEach(resources::add);
    String image = chart.image();
    int colon = image.lastIndexOf(':');
    ObjectNode kustomization =
        CanonicalYaml.map(
            "apiVersion",
            "kustomize.config.k8s.io/v1beta1",
            "kind",
            "Kustomization",
            "resources",
            resources,
            "images",
            CanonicalYaml.list(
                imageOverride(image.substring(0, colon), image.substring(colon + 1))));
    rawFiles.put(dir + "kustomization.yaml", bytes(CanonicalYaml.TREE.writeOne(kustomization)));
  }

  /**
   * Writes the chart folder of a component whose chart objects the site patches: its values files
   * move there (kustomize reads files inside the kustomization's folder only) beside the
   * kustomization that renders the chart and patches it.
   *
   * @return the folder, as a tree path
   */
  private String chartKustomization(Component c, Versions.Chart chart, List<String> valueFiles) {
    String dir = c.manifestsDir() + "/chart";
    List<String> local = new ArrayList<>();
    for (String v : valueFiles) {
      String name = "values/" + v.substring(v.lastIndexOf('/') + 1);
      rawFiles.put(dir + "/" + name, rawFiles.remove(v));
      local.add(name);
    }
    String repo = chart.repository();
    ChartKustomization.HelmChart helm =
        new ChartKustomization.HelmChart(
            repo.contains("://") ? repo : "oci://" + repo,
            chart.chart(),
            chart.version(),
            c.name(),
            c.namespace(),
            local);
    rawFiles.put(
        dir + "/" + ChartKustomization.FILE,
        bytes(CanonicalYaml.TREE.writeOne(ChartKustomization.write(helm, chartPatches.get(c)))));
    return dir;
  }

  /** A kustomize image override: the pinned tag, from the mirror when the site has one. */
  private ObjectNode imageOverride(String name, String tag) {
    ObjectNode o = CanonicalYaml.map("name", name);
    String mirrored = images.rewrite(name);
    if (!mirrored.equals(name)) {
      o.put("newName", mirrored);
    }
    o.put("newTag", tag);
    return o;
  }

  /**
   * The root Application's path (apps/) gets a note when no stack puts an Application there (a
   * cluster with hosts and ArgoCD only): Git keeps no empty folder, and ArgoCD reports "app path
   * does not exist" for a missing path, while a path with no YAML is simply an empty Application.
   */
  private void rootFolder() {
    if (docs.keySet().stream().noneMatch(p -> p.startsWith("apps/"))) {
      rawFiles.put(
          "apps/README.md",
          bytes(
              "cfctl writes the AppProjects and Applications of the cluster's stacks here;"
                  + " the root Application (bootstrap/root.yaml) syncs this folder.\n"
                  + "No stack is enabled in cluster.yaml yet.\n"));
    }
  }

  /**
   * A component whose folder will hold only SealedSecrets gets a note there, so the folder exists
   * in Git before sealing (ArgoCD fails on a source path that does not exist; it ignores files that
   * are not YAML or JSON).
   */
  private void secretOnlyFolder(Component c) {
    String dir = c.manifestsDir() + "/";
    boolean hasDocs = docs.keySet().stream().anyMatch(p -> p.startsWith(dir));
    List<String> names =
        secrets.stream()
            .filter(s -> s.path().startsWith(dir))
            .map(SecretRequest::name)
            .sorted()
            .toList();
    if (!hasDocs && !names.isEmpty()) {
      rawFiles.put(
          dir + "README.md",
          bytes(
              "cfctl seals the Secrets of "
                  + c.appName()
                  + " into this folder: "
                  + String.join(", ", names)
                  + ".\nSee cfctl-secrets.yaml at the top of the tree.\n"));
    }
  }

  private void application(Component c) {
    String file = "apps/" + c.stack().id() + "/" + c.name() + ".yaml";
    if (c.ownsNamespace()) {
      ObjectNode ns =
          CanonicalYaml.map(
              "apiVersion",
              "v1",
              "kind",
              "Namespace",
              "metadata",
              CanonicalYaml.map("name", c.namespace()));
      wave(ns, c.wave());
      // switching a component off removes its Application, not its namespace and volumes
      ns.withObject("/metadata/annotations").put("argocd.argoproj.io/sync-options", "Prune=false");
      add(file, c, Delivery.APP, c.wave(), ns);
    }
    ArrayNode sources = CanonicalYaml.list();
    boolean hasManifests =
        docs.keySet().stream().anyMatch(p -> p.startsWith(c.manifestsDir() + "/"))
            || secrets.stream().anyMatch(s -> s.path().startsWith(c.manifestsDir() + "/"));
    Versions.Chart pinned = c.pin() == null ? null : versions.chart(c.pin());
    ObjectNode site = siteSources.get(c.appName());
    List<String> valueFiles = new ArrayList<>();
    if (rawFiles.containsKey(c.valuesFile())) {
      valueFiles.add(c.valuesFile());
    }
    valueFiles.addAll(siteValueFiles(c));
    if (site != null) {
      ObjectNode src = site.deepCopy();
      if (src.has("chart")) {
        ObjectNode helm = CanonicalYaml.map("releaseName", c.name());
        if (!valueFiles.isEmpty()) {
          ArrayNode vf = helm.putArray("valueFiles");
          valueFiles.forEach(v -> vf.add("$values/" + repoPath(v)));
        }
        src.set("helm", helm);
      }
      sources.add(src);
      if (!valueFiles.isEmpty()) {
        sources.add(
            CanonicalYaml.map("repoURL", repoUrl, "targetRevision", revision, "ref", "values"));
      }
    } else if (pinned != null && pinned.include() != null && pinned.image() != null) {
      // a plain manifest whose image must be replaced: Argo CD's directory source cannot, so
      // the component's folder becomes a kustomization of the manifest (fetched at its tag) and
      // the component's own files, with the pinned image
      pinnedManifest(c, pinned);
      hasManifests = true;
    } else if (chartPatches.containsKey(c)) {
      sources.add(
          CanonicalYaml.map(
              "repoURL",
              repoUrl,
              "targetRevision",
              revision,
              "path",
              repoPath(chartKustomization(c, pinned, valueFiles))));
    } else if (c.pin() != null) {
      Versions.Chart chart = pinned;
      ObjectNode src =
          CanonicalYaml.map("repoURL", chart.repository(), "targetRevision", chart.version());
      boolean hasValues = !valueFiles.isEmpty();
      if (chart.isHelmRepository()) {
        src.put("chart", chart.chart());
      } else {
        src.put("path", chart.path());
      }
      if (chart.include() != null) {
        src.set("directory", CanonicalYaml.map("include", chart.include()));
      } else {
        ObjectNode helm = CanonicalYaml.map("releaseName", c.name());
        if (hasValues) {
          ArrayNode vf = helm.putArray("valueFiles");
          valueFiles.forEach(v -> vf.add("$values/" + repoPath(v)));
        }
        src.set("helm", helm);
      }
      sources.add(src);
      if (hasValues) {
        sources.add(
            CanonicalYaml.map("repoURL", repoUrl, "targetRevision", revision, "ref", "values"));
      }
    }
    if (hasManifests || (c.pin() == null && site == null)) {
      sources.add(
          CanonicalYaml.map(
              "repoURL", repoUrl, "targetRevision", revision, "path", repoPath(c.manifestsDir())));
    }
    ObjectNode app =
        CanonicalYaml.map(
            "apiVersion",
            "argoproj.io/v1alpha1",
            "kind",
            "Application",
            "metadata",
            CanonicalYaml.map(
                "name",
                c.appName(),
                "namespace",
                ARGOCD_NAMESPACE,
                "finalizers",
                CanonicalYaml.list("resources-finalizer.argocd.argoproj.io")),
            "spec",
            CanonicalYaml.map(
                "project",
                c.stack().id(),
                "destination",
                CanonicalYaml.map("server", IN_CLUSTER, "namespace", c.namespace()),
                "sources",
                sources,
                "syncPolicy",
                CanonicalYaml.map(
                    "automated",
                    CanonicalYaml.map("prune", true, "selfHeal", true),
                    "syncOptions",
                    CanonicalYaml.list(
                        "ServerSideApply=true", "SkipDryRunOnMissingResource=true"))));
    wave(app, c.wave());
    add(file, c, Delivery.APP, c.wave(), app);
  }

  private void projects() {
    Map<Stack, List<Component>> byStack = new TreeMap<>();
    for (Component c : components.values()) {
      byStack.computeIfAbsent(c.stack(), k -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<Stack, List<Component>> e : byStack.entrySet()) {
      Stack s = e.getKey();
      java.util.TreeSet<String> repos = new java.util.TreeSet<>();
      java.util.TreeSet<String> namespaces = new java.util.TreeSet<>();
      repos.add(repoUrl);
      for (Component c : e.getValue()) {
        if (c.pin() != null) {
          repos.add(versions.chart(c.pin()).repository());
        }
        if (siteSources.containsKey(c.appName())) {
          repos.add(siteSources.get(c.appName()).get("repoURL").asText());
        }
        namespaces.add(c.namespace());
      }
      ArrayNode destinations = CanonicalYaml.list();
      for (String ns : namespaces) {
        destinations.add(CanonicalYaml.map("server", IN_CLUSTER, "namespace", ns));
      }
      ObjectNode project =
          CanonicalYaml.map(
              "apiVersion",
              "argoproj.io/v1alpha1",
              "kind",
              "AppProject",
              "metadata",
              CanonicalYaml.map("name", s.id(), "namespace", ARGOCD_NAMESPACE),
              "spec",
              CanonicalYaml.map(
                  "description",
                  "cfctl " + s.id() + " stack of " + clusterName,
                  "sourceRepos",
                  CanonicalYaml.tree(List.copyOf(repos)),
                  "destinations",
                  destinations,
                  "clusterResourceWhitelist",
                  CanonicalYaml.list(CanonicalYaml.map("group", "*", "kind", "*"))));
      wave(project, s.wave() - 1);
      Component anchor = new Component(s, "project", ARGOCD_NAMESPACE, s.wave() - 1, null, false);
      add("apps/projects/" + s.id() + ".yaml", anchor, Delivery.APP, s.wave() - 1, project);
    }
  }

  /** The root Application: it owns apps/, so Git drives the AppProjects and Applications. */
  ObjectNode rootApplication() {
    return CanonicalYaml.map(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "Application",
        "metadata",
        CanonicalYaml.map("name", "cfctl-root", "namespace", ARGOCD_NAMESPACE),
        "spec",
        CanonicalYaml.map(
            "project",
            "default",
            "destination",
            CanonicalYaml.map("server", IN_CLUSTER, "namespace", ARGOCD_NAMESPACE),
            "source",
            CanonicalYaml.map(
                "repoURL",
                repoUrl,
                "targetRevision",
                revision,
                "path",
                repoPath("apps"),
                "directory",
                CanonicalYaml.map("recurse", true)),
            "syncPolicy",
            CanonicalYaml.map(
                "automated",
                CanonicalYaml.map("prune", true, "selfHeal", true),
                "syncOptions",
                CanonicalYaml.list("ServerSideApply=true"))));
  }

  void root(Component gitopsAnchor) {
    add("bootstrap/root.yaml", gitopsAnchor, Delivery.APP, 1000, rootApplication());
  }

  static void wave(ObjectNode o, int wave) {
    o.withObject("/metadata").withObject("/annotations").put(SYNC_WAVE, Integer.toString(wave));
  }

  private String secretIndex() {
    ObjectNode index =
        CanonicalYaml.map(
            "apiVersion",
            "cfctl.clusterfactory.io/v1beta1",
            "kind",
            "SecretRequestList",
            "metadata",
            CanonicalYaml.map("name", clusterName));
    ObjectNode in = index.putObject("inputs");
    inputs.forEach((k, v) -> in.set(k, CanonicalYaml.tree(v)));
    ArrayNode list = index.putArray("secrets");
    for (SecretRequest s : secrets) {
      list.add(
          CanonicalYaml.map(
              "namespace",
              s.namespace(),
              "name",
              s.name(),
              "type",
              s.type(),
              "path",
              s.path(),
              "stack",
              s.stack(),
              "component",
              s.component(),
              "labels",
              s.labels(),
              "data",
              s.data()));
    }
    return "# Secrets cfctl seals into the tree. Values are ${secret:INPUT} references to the\n"
        + "# inputs of cluster.yaml; no clear value is ever written here.\n"
        + CanonicalYaml.TREE.writeOne(index);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
