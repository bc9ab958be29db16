package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.gitops.GitFolderReader;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import io.clusterfactory.cfctl.core.patch.ObjectPatcher;
import io.clusterfactory.cfctl.core.patch.PatchFailedException;
import io.clusterfactory.cfctl.core.render.ChartKustomization;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hydrates the tree's Applications with helm-java (Helm's Go code, in-process). Only this package
 * touches helm-java, so the native library loads on the first template call and never for commands
 * that do not hydrate.
 *
 * <p>Done: HTTP Helm repositories (index.yaml, exact version, relative urls) here, OCI registries
 * ({@link OciChartSource}) and Git repositories ({@link GitChartSource}), the digest cache, the
 * lock check, release name, namespace, value files in order, {@code helm.values} and {@code
 * valuesObject}. Not done yet: {@code --api-versions} (helm-java's TemplateCommand has no such
 * option; docs/helm.md).
 */
public final class HelmHydrator implements Hydrator {

  private static final Logger LOG = LoggerFactory.getLogger(HelmHydrator.class);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration READ = Duration.ofSeconds(60);

  private final ChartCache cache;
  private final Map<String, String> lock;
  private final java.time.Instant deadline;
  private final boolean updatesLock;
  private final Map<String, String> pulled = new TreeMap<>();
  private final Map<String, ChartLock.Entry> pulledEntries = new TreeMap<>();
  private final List<String> unlocked = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private String kubeVersion;
  private final Map<ChartRef.Kind, ChartSource> sources;
  private String offlineReason;

  /**
   * @param lock expected digest ({@code sha256:<hex>}) by {@link ChartRef#label()}
   * @param deadline the run's deadline; every request ends by it
   */
  public HelmHydrator(ChartCache cache, Map<String, String> lock, java.time.Instant deadline) {
    this(cache, lock, deadline, false);
  }

  /**
   * @param updatesLock {@code --update-lock}: a digest that differs from the lock is the new pin
   *     (logged), not a refusal; {@link #pulledCharts()} is then what the lock becomes
   */
  public HelmHydrator(
      ChartCache cache, Map<String, String> lock, java.time.Instant deadline, boolean updatesLock) {
    this.cache = cache;
    this.lock = Map.copyOf(lock);
    this.deadline = deadline;
    this.updatesLock = updatesLock;
    this.sources = ChartSources.standard(cache, requests);
  }

  @Override
  public HydratedTree hydrate(RenderedTree tree, String kubeVersion) {
    this.kubeVersion = kubeVersion;
    return hydrate(tree);
  }

  /** Digest of every chart this hydrator read, by label (what {@code --update-lock} writes). */
  public Map<String, String> pulled() {
    return Map.copyOf(pulled);
  }

  /**
   * Every chart this hydrator read, with its digest, sorted: the entries {@code --update-lock}
   * writes.
   */
  public List<ChartLock.Entry> pulledCharts() {
    return List.copyOf(pulledEntries.values());
  }

  /** Charts hydrated without a lock entry (a warning). */
  public List<String> unlocked() {
    return List.copyOf(unlocked);
  }

  /**
   * This hydrator asks no chart repository: a chart its cache does not hold is not hydrated, with
   * {@code reason} (apply from an air-gap bundle, whose charts seed the cache).
   */
  public HelmHydrator offline(String reason) {
    this.offlineReason = reason;
    return this;
  }

  /** One chart archive, pulled (or found in the cache) and checked against the lock. */
  public record PulledChart(ChartRef ref, Path archive, String digest, boolean locked) {}

  /**
   * The archive of {@code ref} as hydration reads it: from the cache, else pulled into it; a digest
   * that is not the lock's is refused. The air-gap bundle collects charts through this.
   *
   * @throws OperationFailedException naming the chart when it cannot be pulled or is refused
   */
  public PulledChart pull(ChartRef ref) {
    try {
      Path archive;
      if (ref.kind() == ChartRef.Kind.HTTP) {
        archive = cache.lookup(ref).orElse(null);
        if (archive == null) {
          archive = cache.store(ref, pullHttp(ref));
        }
      } else {
        // a Git revision or an OCI tag may have moved: resolved anew every time (each source
        // caches by commit or digest), packaged from the chart folder or pulled by digest
        refuseOffline(ref);
        archive =
            cache.store(
                ref, Files.readAllBytes(sources.get(ref.kind()).fetch(ref, deadline).archive()));
      }
      String digest = ChartCache.digest(Files.readAllBytes(archive));
      String expected = expectedDigest(ref);
      if (expected != null && !expected.equals(digest)) {
        throw new HydrationException(
            "pulled digest "
                + digest
                + " "
                + Unhydrated.LOCK_REFUSED
                + "'s "
                + expected
                + " (a moved tag or a tampered mirror; refused)");
      }
      return new PulledChart(ref, archive, digest, expected != null);
    } catch (HydrationException | IOException e) {
      throw new OperationFailedException(
          "chart " + ref.label() + ": " + e.getMessage(),
          "check the repository is reachable and serves this version",
          null);
    }
  }

  /** HTTP requests made so far (a warm cache makes none). */
  public int requests() {
    return requests.get();
  }

  @Override
  public HydratedTree hydrate(RenderedTree tree) {
    List<HydratedApplication> done = new ArrayList<>();
    List<Unhydrated> missing = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      if (!"Application".equals(o.kind())) {
        continue;
      }
      Optional<Source> src = helmSource(o.body(), tree);
      if (src.isEmpty()) {
        continue;
      }
      Source s = src.get();
      String app = o.name();
      String ns = o.body().path("spec").path("destination").path("namespace").asText("default");
      try {
        long start = System.nanoTime();
        ChartSource.FetchedChart fetched;
        String from = "cache";
        if (s.ref().kind() == ChartRef.Kind.HTTP) {
          Path cached = cache.lookup(s.ref()).orElse(null);
          if (cached == null) {
            byte[] bytes = pullHttp(s.ref());
            cached = cache.store(s.ref(), bytes);
            from = "pulled " + bytes.length + " bytes";
          }
          fetched = ChartSource.FetchedChart.archive(cached);
        } else {
          Path bundled = offlineReason == null ? null : cache.lookup(s.ref()).orElse(null);
          if (bundled != null) {
            // an air-gap bundle's archive of the Git or OCI chart (OpenedBundle.seed): online, a
            // Git revision or OCI tag is resolved anew instead, as it may have moved
            fetched = bundledChart(s.ref(), bundled);
          } else {
            refuseOffline(s.ref());
            fetched = sources.get(s.ref().kind()).fetch(s.ref(), deadline);
            from = s.ref().kind().toString();
          }
        }
        long fetchedAt = System.nanoTime();
        Path archive = fetched.archive();
        String digest = ChartCache.digest(Files.readAllBytes(archive));
        pulled.put(s.ref().label(), digest);
        pulledEntries.put(
            s.ref().label(),
            new ChartLock.Entry(
                s.ref().repository(),
                s.ref().chart(),
                s.ref().version(),
                digest,
                fetched.commit()));
        String expected = expectedDigest(s.ref());
        if (expected == null) {
          unlocked.add(s.ref().label());
          if (updatesLock) {
            LOG.info("chart {}: pinned at {}", s.ref().label(), digest);
          } else {
            LOG.warn(
                "chart {} has no lock entry (digest {}); pin it with `cfctl render --hydrate"
                    + " --update-lock`",
                s.ref().label(),
                digest);
          }
        } else if (!expected.equals(digest) && updatesLock) {
          LOG.warn("chart {}: the lock's {} is replaced by {}", s.ref().label(), expected, digest);
        } else if (!expected.equals(digest)) {
          missing.add(
              new Unhydrated(
                  app,
                  s.ref(),
                  "chart "
                      + s.ref().label()
                      + ": pulled digest "
                      + digest
                      + " "
                      + Unhydrated.LOCK_REFUSED
                      + "'s "
                      + expected
                      + " (a moved tag or a tampered mirror; refused)"));
          continue;
        }
        String release = s.helm().path("releaseName").asText(app);
        List<Layer> layers = layers(s.helm(), tree, fetched);
        ChartArchive chart = ChartArchive.read(Files.readAllBytes(archive));
        List<HydratedApplication.ValuesLayer> given = new ArrayList<>();
        for (Layer l : layers) {
          given.add(new HydratedApplication.ValuesLayer(l.source(), l.file(), values(l)));
        }
        long t0 = System.nanoTime();
        String out;
        try {
          out = template(archive, release, ns, layers);
        } catch (SchemaRefusal e) {
          // Helm checks values.schema.json itself and renders nothing: the values check reports it
          done.add(
              new HydratedApplication(
                  app,
                  ns,
                  s.ref(),
                  digest,
                  List.of(),
                  new HydratedApplication.HelmValues(chart, given, e.getMessage())));
          continue;
        }
        long templated = System.nanoTime();
        List<HydratedApplication.HydratedObject> objects = new ArrayList<>(crds(chart, given));
        objects.addAll(parse(out));
        objects = patched(s.patches(), objects);
        done.add(
            new HydratedApplication(
                app,
                ns,
                s.ref(),
                digest,
                objects,
                new HydratedApplication.HelmValues(chart, given, null)));
        // one line per chart (shown with -v): where the time of a hydrated diff goes
        LOG.info(
            "hydrated {} ({}): {} ms ({} {} ms, template {} ms, read {} ms), {} objects",
            app,
            s.ref().label(),
            ms(System.nanoTime() - start),
            from,
            ms(fetchedAt - start),
            ms(templated - t0),
            ms(System.nanoTime() - templated),
            objects.size());
      } catch (HydrationException | IOException e) {
        missing.add(new Unhydrated(app, s.ref(), e.getMessage()));
      }
    }
    return new HydratedTree(done, missing);
  }

  /**
   * A bundled Git chart's own value files are the ones inside its folder (the archive holds the
   * folder alone); an OCI chart has none.
   */
  private static ChartSource.FetchedChart bundledChart(ChartRef ref, Path archive)
      throws IOException {
    if (ref.kind() != ChartRef.Kind.GIT) {
      return ChartSource.FetchedChart.archive(archive);
    }
    Map<String, byte[]> files = ChartArchive.read(Files.readAllBytes(archive)).files();
    return new ChartSource.FetchedChart(
        archive,
        null,
        file -> {
          try {
            return Optional.ofNullable(files.get(GitFolderReader.clean(file)));
          } catch (CfctlException outsideTheFolder) {
            return Optional.empty();
          }
        });
  }

  /** Git and OCI sources are read from their remotes: an offline run asks none of them. */
  private void refuseOffline(ChartRef ref) {
    if (offlineReason != null) {
      throw new HydrationException(ref.repository() + " is not asked: " + offlineReason);
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /**
   * A chart an Application renders.
   *
   * @param helm the Helm settings, as an Application's {@code helm:} says them
   * @param patches the patches over the chart's objects (a chart kustomization's)
   */
  record Source(ChartRef ref, JsonNode helm, List<ObjectPatch> patches) {
    Source(ChartRef ref, JsonNode helm) {
      this(ref, helm, List.of());
    }
  }

  /**
   * The chart's objects with the patches applied, as kustomize applies them after Helm. A patch
   * that matches no object of the chart is refused, as a patch of cfctl's own objects is when
   * rendering.
   */
  private static List<HydratedApplication.HydratedObject> patched(
      List<ObjectPatch> patches, List<HydratedApplication.HydratedObject> objects) {
    if (patches.isEmpty()) {
      return objects;
    }
    ObjectPatcher.Result r =
        ObjectPatcher.apply(
            patches, objects.stream().map(HydratedApplication.HydratedObject::body).toList());
    if (!r.unmatched().isEmpty()) {
      ObjectPatch p = r.unmatched().get(0);
      throw new PatchFailedException(
          p.yamlPath() + ".target",
          "the patch matches no object cfctl renders for this component, nor any object of its"
              + " chart ("
              + p.describeTarget()
              + ")",
          "check kind, name, namespace and labels against `cfctl render --hydrate`");
    }
    List<HydratedApplication.HydratedObject> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      out.add(new HydratedApplication.HydratedObject(objects.get(i).source(), r.objects().get(i)));
    }
    return out;
  }

  /** The chart an Application of {@code tree} renders, as {@link #hydrate} finds it. */
  public static Optional<ChartRef> chartOf(ObjectNode app, RenderedTree tree) {
    return helmSource(app, tree).map(Source::ref);
  }

  /**
   * The chart of an Application: its Helm source, else the chart of a kustomization of the tree its
   * path source names ({@link ChartKustomization}, a chart whose objects the site patches).
   */
  static Optional<Source> helmSource(ObjectNode app, RenderedTree tree) {
    Optional<Source> helm = helmSource(app);
    if (helm.isPresent()) {
      return helm;
    }
    JsonNode spec = app.path("spec");
    List<JsonNode> sources = new ArrayList<>();
    if (spec.has("source")) {
      sources.add(spec.get("source"));
    }
    spec.path("sources").forEach(sources::add);
    for (JsonNode s : sources) {
      if (!s.hasNonNull("path") || s.hasNonNull("chart")) {
        continue;
      }
      String file = s.get("path").asText() + "/" + ChartKustomization.FILE;
      Map.Entry<String, byte[]> f = treeFile(file, tree);
      if (f == null) {
        continue;
      }
      ChartKustomization.Read k;
      try {
        k = ChartKustomization.read(YAML.readTree(f.getValue()), f.getKey());
      } catch (IOException e) {
        throw new HydrationException(f.getKey() + " does not parse: " + e.getMessage());
      }
      if (k == null) {
        continue;
      }
      ChartKustomization.HelmChart c = k.chart();
      String dir = f.getKey().substring(0, f.getKey().length() - ChartKustomization.FILE.length());
      ObjectNode settings = YAML.createObjectNode().put("releaseName", c.releaseName());
      var vf = settings.putArray("valueFiles");
      c.valuesFiles().forEach(v -> vf.add("$values/" + dir + v));
      ChartRef.Kind kind = c.repo().startsWith("oci://") ? ChartRef.Kind.OCI : ChartRef.Kind.HTTP;
      return Optional.of(
          new Source(new ChartRef(kind, c.repo(), c.name(), c.version()), settings, k.patches()));
    }
    return Optional.empty();
  }

  private static Map.Entry<String, byte[]> treeFile(String path, RenderedTree tree) {
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      if (path.equals(f.getKey()) || path.endsWith("/" + f.getKey())) {
        return f;
      }
    }
    return null;
  }

  static Optional<Source> helmSource(ObjectNode app) {
    JsonNode spec = app.path("spec");
    List<JsonNode> sources = new ArrayList<>();
    if (spec.has("source")) {
      sources.add(spec.get("source"));
    }
    spec.path("sources").forEach(sources::add);
    for (JsonNode s : sources) {
      ChartRef ref = ChartRef.of(s);
      if (ref != null) {
        return Optional.of(new Source(ref, s.path("helm")));
      }
    }
    return Optional.empty();
  }

  /**
   * The lock's digest for {@code ref}: its own entry, else, when the chart comes through a chart
   * mirror (spec.charts.mirror changes the repository, never the archive), the one entry of the
   * same chart and version from another repository. Two such entries name no digest: the archive
   * must then be pinned under the repository it is read from.
   */
  private String expectedDigest(ChartRef ref) {
    String exact = lock.get(ref.label());
    if (exact != null || ref.kind() == ChartRef.Kind.GIT) {
      // a Git chart's digest is cfctl's packaging of one repository's folder: no mirror serves it
      return exact;
    }
    String suffix = " " + ref.chart() + " " + ref.version();
    List<String> same =
        lock.entrySet().stream()
            .filter(e -> e.getKey().endsWith(suffix))
            .map(Map.Entry::getValue)
            .distinct()
            .toList();
    return same.size() == 1 ? same.get(0) : null;
  }

  private byte[] pullHttp(ChartRef ref) {
    String base = ref.repository().endsWith("/") ? ref.repository() : ref.repository() + "/";
    URI indexUri = URI.create(base).resolve("index.yaml");
    byte[] index = get(indexUri);
    JsonNode entries;
    try {
      entries = YAML.readTree(index).path("entries").path(ref.chart());
    } catch (IOException e) {
      throw new HydrationException("unreadable index " + indexUri + ": " + e.getMessage());
    }
    for (JsonNode e : entries) {
      if (ref.version().equals(e.path("version").asText())) {
        JsonNode urls = e.path("urls");
        if (urls.isEmpty()) {
          throw new HydrationException(
              indexUri + ": " + ref.chart() + " " + ref.version() + " has no url");
        }
        return get(indexUri.resolve(urls.get(0).asText()));
      }
    }
    throw new HydrationException(
        indexUri + " has no " + ref.chart() + " at version " + ref.version() + " exactly");
  }

  private byte[] get(URI uri) {
    if (offlineReason != null) {
      throw new HydrationException(uri + " is not asked: " + offlineReason);
    }
    // the run's deadline as an instant: hydrate depends on no API-client package
    Duration left = Duration.between(java.time.Instant.now(), deadline);
    left = left.isNegative() ? Duration.ZERO : left;
    if (left.isZero() || left.isNegative()) {
      throw new HydrationException("the run's deadline passed before " + uri + " was asked");
    }
    Duration timeout = left.compareTo(READ) < 0 ? left : READ;
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(left.compareTo(CONNECT) < 0 ? left : CONNECT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    requests.incrementAndGet();
    try {
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new HydrationException(uri + " answered HTTP " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new HydrationException("cannot reach " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HydrationException("interrupted while asking " + uri);
    }
  }

  /** One values layer as Helm is given it: a value file of the tree, or the inline values. */
  record Layer(String source, String file, byte[] bytes) {}

  private static List<Layer> layers(
      JsonNode helm, RenderedTree tree, ChartSource.FetchedChart chart) {
    List<Layer> out = new ArrayList<>();
    for (JsonNode vf : helm.path("valueFiles")) {
      if (!vf.asText().startsWith("$values/") && chart.besideChart() != null) {
        // a Git chart's own value file: a file of its repository, not of the tree
        out.add(new Layer(vf.asText(), null, besideChart(vf.asText(), chart)));
        continue;
      }
      Map.Entry<String, byte[]> f = valuesFile(vf.asText(), tree);
      out.add(new Layer(vf.asText(), f.getKey(), f.getValue()));
    }
    String inline =
        helm.hasNonNull("valuesObject")
            ? writeYaml(helm.get("valuesObject"))
            : helm.path("values").asText("");
    if (!inline.isBlank()) {
      out.add(
          new Layer(
              helm.hasNonNull("valuesObject") ? "helm.valuesObject" : "helm.values",
              null,
              inline.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static String writeYaml(JsonNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (IOException e) {
      throw new HydrationException("cannot write helm.valuesObject: " + e.getMessage());
    }
  }

  private static JsonNode values(Layer l) {
    try {
      JsonNode n = YAML.readTree(l.bytes());
      return n == null || n.isMissingNode() ? YAML.createObjectNode() : n;
    } catch (IOException e) {
      throw new HydrationException(
          "value file " + l.source() + " does not parse: " + e.getMessage());
    }
  }

  private String template(Path archive, String release, String ns, List<Layer> layers)
      throws IOException {
    Path tmp = Files.createTempDirectory("cfctl-values-");
    try {
      TemplateCommand cmd = Helm.template(archive.toString()).withName(release).withNamespace(ns);
      if (kubeVersion != null) {
        cmd = cmd.withKubeVersion(kubeVersion);
      }
      int i = 0;
      for (Layer l : layers) {
        Path f = tmp.resolve(String.format("%03d.yaml", i++));
        Files.write(f, l.bytes());
        cmd = cmd.withValuesFile(f);
      }
      try {
        return cmd.call();
      } catch (RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("meet the specifications of the schema")) {
          throw new SchemaRefusal(m);
        }
        throw new HydrationException("helm template " + release + " failed: " + m);
      }
    } finally {
      try (var s = Files.walk(tmp)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Helm refused the values against the chart's values.schema.json. */
  private static final class SchemaRefusal extends RuntimeException {
    SchemaRefusal(String message) {
      super(message);
    }
  }

  private static byte[] besideChart(String ref, ChartSource.FetchedChart chart) {
    return chart
        .besideChart()
        .apply(ref)
        .orElseThrow(
            () ->
                new HydrationException(
                    "value file "
                        + ref
                        + (chart.commit() == null
                            ? " is not in the bundled chart folder (a Git chart's value files"
                                + " outside its folder are not bundled; keep them in the tree)"
                            : " is not in the chart's repository at " + chart.commit())));
  }

  private static Map.Entry<String, byte[]> valuesFile(String ref, RenderedTree tree) {
    if (!ref.startsWith("$values/")) {
      throw new HydrationException("value file " + ref + " is not a $values/ file of the tree");
    }
    String path = ref.substring("$values/".length());
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      if (path.equals(f.getKey()) || path.endsWith("/" + f.getKey())) {
        return f;
      }
    }
    throw new HydrationException("value file " + ref + " is not in the rendered tree");
  }

  /** Helm's output split into objects, each with the template path of its {@code # Source:}. */
  static List<HydratedApplication.HydratedObject> parse(String out) throws IOException {
    List<HydratedApplication.HydratedObject> objects = new ArrayList<>();
    for (String doc : out.split("(?m)^---\\s*$")) {
      String source = "";
      for (String line : doc.split("\n")) {
        if (line.startsWith("# Source: ")) {
          source = line.substring("# Source: ".length()).trim();
          break;
        }
      }
      JsonNode n = YAML.readTree(doc);
      if (n instanceof ObjectNode o && o.size() > 0) {
        objects.add(new HydratedApplication.HydratedObject(source, o));
      }
    }
    return objects;
  }

  /**
   * The CRDs the chart installs with these values ({@link ChartCrds}: its own and those of the
   * subcharts it enables), which Helm writes verbatim and Argo CD includes ({@code
   * --include-crds}).
   */
  static List<HydratedApplication.HydratedObject> crds(
      ChartArchive chart, List<HydratedApplication.ValuesLayer> given) throws IOException {
    JsonNode values = chart.defaults();
    for (HydratedApplication.ValuesLayer l : given) {
      if (l.values() != null && l.values().isObject()) {
        values = io.clusterfactory.cfctl.core.patch.MergePatch.mergeValues(values, l.values());
      }
    }
    List<HydratedApplication.HydratedObject> out = new ArrayList<>();
    for (ChartCrds.CrdFile f : ChartCrds.of(chart, values)) {
      for (HydratedApplication.HydratedObject o : parse(f.text())) {
        out.add(new HydratedApplication.HydratedObject(f.source(), o.body()));
      }
    }
    return out;
  }

  /** A chart that cannot be pulled or rendered. */
  static final class HydrationException extends RuntimeException {
    HydrationException(String message) {
      super(message);
    }
  }
}
