package io.clusterfactory.cfctl.core.airgap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.ImageReference;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.ChartsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.render.RenderContext;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.core.render.Versions;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an offline site needs from outside, as far as cfctl knows it without a registry or a chart
 * repository: every image cfctl renders (upstream, and as the site's mirrors serve it), every chart
 * it pins for the enabled components with the image repositories each chart runs, and what is left
 * to the user. Pure: the same cluster.yaml gives the same bundle (no time, no host).
 *
 * @param format {@link #FORMAT}
 * @param cluster metadata.name
 * @param k0sVersion spec.k0s.version (null: the latest stable, resolved by apply)
 * @param architectures the architectures of the k0s binaries under {@code k0s/} (null: lists only)
 * @param images every image of the rendered objects and kustomizations, sorted
 * @param charts every chart an Application of the tree reads, sorted by Application
 * @param files every file of the bundle but this manifest, with its size and sha256, by path (null:
 *     lists only)
 * @param left what the bundle does not hold and the site must still bring
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AirgapBundle(
    String format,
    String cluster,
    String k0sVersion,
    List<String> architectures,
    List<Image> images,
    List<Chart> charts,
    List<BundleFile> files,
    List<String> left) {
  public static final String FORMAT = "cfctl.clusterfactory.io/airgap-bundle/v1alpha1";
  public static final String MANIFEST = "manifest.json";
  public static final String IMAGE_LIST = "images.txt";

  /**
   * @param image the upstream reference, as versions.yaml pins it
   * @param pulledAs the reference the site's mirrors serve it under (null without spec.registries)
   * @param usedBy the tree files that name it
   * @param digest the {@code sha256:} digest of the manifest its tag pointed at when the bundle was
   *     collected (null when lists only, left out, or not asked: {@code --image-digests none})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Image(String image, String pulledAs, List<String> usedBy, String digest) {
    public Image(String image, String pulledAs, List<String> usedBy) {
      this(image, pulledAs, usedBy, null);
    }

    Image withDigest(String sha256) {
      return new Image(image, pulledAs, usedBy, sha256);
    }

    /** The reference copied: pinned to its digest when it has one ({@code repo:tag@sha256:...}). */
    public String pinned() {
      return digest == null ? image : image + "@" + digest;
    }
  }

  /**
   * @param application the Application that reads it
   * @param source how it is fetched: from a Helm repository, an OCI registry or Git
   * @param repository the upstream Helm repository (or Git repository)
   * @param chart the chart name (or the path in Git)
   * @param version the chart version (or Git tag)
   * @param mirror the repoURL the Application names with spec.charts.mirror (null without)
   * @param imageRepositories the repositories the chart names its images with by default (each at
   *     the tag its chart version sets)
   * @param file the chart archive in the bundle ({@code charts/<chart>-<version>.tgz}; null when
   *     lists only or left out)
   * @param sha256 the archive's digest, {@code sha256:<hex>} as the chart lock writes it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Chart(
      String application,
      ChartRef.Kind source,
      String repository,
      String chart,
      String version,
      String mirror,
      List<String> imageRepositories,
      String file,
      String sha256) {

    Chart withArchive(String file, String sha256) {
      return new Chart(
          application, source, repository, chart, version, mirror, imageRepositories, file, sha256);
    }

    /** The repository the site's tree reads the chart from: the mirror, else upstream. */
    public String siteRepository() {
      return mirror != null ? mirror : repository;
    }
  }

  /**
   * One file of the bundle.
   *
   * @param path relative to the bundle's folder, with {@code /}
   * @param size bytes
   * @param sha256 lowercase hex
   */
  public record BundleFile(String path, long size, String sha256) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** The bundle of a loaded config. */
  public static AirgapBundle of(LoadedConfig config) {
    Cluster cluster = config.cluster();
    if (cluster.spec().gitops() == null || cluster.spec().gitops().repository() == null) {
      throw new InvalidInputException(
          config.source() + ": nothing to bundle: spec.gitops.repository is not set",
          "add spec.gitops.repository; the bundle lists what the rendered tree needs");
    }
    RenderContext context = RenderContext.of(config);
    RenderedTree upstream = TreeRenderer.render(withoutMirrors(cluster), context);
    RenderedTree site = TreeRenderer.render(cluster, context);
    ImageMirror mirrors = ImageMirror.of(cluster.spec());

    SortedMap<String, TreeSet<String>> used = new TreeMap<>();
    for (RenderedObject o : upstream.objects()) {
      images(o.body(), image -> used.computeIfAbsent(image, k -> new TreeSet<>()).add(o.path()));
    }
    for (Map.Entry<String, byte[]> f : upstream.files().entrySet()) {
      if (f.getKey().endsWith("/kustomization.yaml")) {
        for (JsonNode i : yaml(f.getValue()).path("images")) {
          String image = i.path("name").asText() + ":" + i.path("newTag").asText();
          used.computeIfAbsent(image, k -> new TreeSet<>()).add(f.getKey());
        }
      }
    }
    List<Image> images = images(used, mirrors);

    Map<String, ChartRef> siteCharts = charts(site);
    List<Chart> charts = new ArrayList<>();
    charts(upstream)
        .forEach(
            (app, ref) -> {
              ChartRef mirrored = siteCharts.get(app);
              String mirror =
                  mirrored == null || mirrored.repository().equals(ref.repository())
                      ? null
                      : mirrored.repository();
              charts.add(
                  new Chart(
                      app,
                      ref.kind(),
                      ref.repository(),
                      ref.chart(),
                      ref.version(),
                      mirror,
                      imageRepositories(context.versions(), ref.repository(), ref.chart()),
                      null,
                      null));
            });
    return new AirgapBundle(
        FORMAT,
        cluster.metadata().name(),
        cluster.spec().k0s() == null ? null : cluster.spec().k0s().version(),
        null,
        List.copyOf(images),
        List.copyOf(charts),
        null,
        LEFT);
  }

  /** What a --lists-only bundle leaves to the site: each entry names the step. */
  static final List<String> LEFT =
      List.of(
          "the images themselves: copy each image of images.txt into the mirror under its"
              + " pulledAs name (e.g. crane copy IMAGE PULLED_AS, or skopeo copy)",
          "each chart's own images: the repositories of charts[].imageRepositories at the tag the"
              + " chart version sets (helm template the chart and list its images)",
          "image digests: versions.yaml pins tags; `cfctl airgap bundle` without --lists-only"
              + " resolves each (as crane digest IMAGE does)",
          "the chart archives and the k0s binaries: `cfctl airgap bundle` without --lists-only"
              + " collects them (charts kept in Git too, packaged at their revision)",
          "k0s's own images (k0s airgap list-images) into the mirror, or as an image bundle in"
              + " the bundle's images/ (apply --bundle uploads it to <dataDir>/images)");

  /** Writes {@link #MANIFEST} and {@link #IMAGE_LIST} into {@code dir} (created if missing). */
  public void write(Path dir) {
    writeImageList(dir);
    writeManifest(dir);
  }

  void writeImageList(Path dir) {
    try {
      Files.createDirectories(dir);
      StringBuilder list = new StringBuilder();
      images.forEach(i -> list.append(i.pinned()).append('\n'));
      Files.writeString(dir.resolve(IMAGE_LIST), list.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the bundle to " + dir, e);
    }
  }

  void writeManifest(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(MANIFEST), JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the bundle to " + dir, e);
    }
  }

  /** Reads a bundle's manifest. */
  static AirgapBundle read(Path manifest) throws IOException {
    return JSON.readValue(manifest.toFile(), AirgapBundle.class);
  }

  /**
   * The site's tree with its image mirrors (spec.registries) but its charts read from upstream: the
   * bundle hydrates it from the charts it just pulled to see what images the site will run.
   */
  static RenderedTree mirroredImagesTree(LoadedConfig config) {
    Cluster c = config.cluster();
    return TreeRenderer.render(
        withMirrors(c, c.spec().registries(), null), RenderContext.of(config));
  }

  /**
   * The images {@code hydrated} (of {@link #mirroredImagesTree}) runs that spec.registries would
   * send through a mirror but that the chart still names outside every mirror (a chart image no
   * value of cfctl's or of the site renames), each as {@code <application> (chart <label>):
   * <image>}, sorted. An offline site cannot pull them.
   */
  static List<String> outsideTheMirrors(HydratedTree hydrated, ImageMirror mirrors) {
    TreeSet<String> prefixes = new TreeSet<>(mirrors.rewrites().values());
    mirrors.mirror().ifPresent(prefixes::add);
    TreeSet<String> outside = new TreeSet<>();
    eachChartImage(
        hydrated,
        (a, reference, parsed) -> {
          String full = parsed.registry() + "/" + parsed.repository();
          boolean served =
              prefixes.stream()
                  .anyMatch(p -> full.startsWith(p + "/") || reference.startsWith(p + "/"));
          if (!served && mirrors.prefixOf(parsed.registry()).isPresent()) {
            outside.add(a.application() + " (chart " + a.chart().label() + "): " + reference);
          }
        });
    return List.copyOf(outside);
  }

  /** One image reference an object of a hydrated chart names. */
  @FunctionalInterface
  private interface ChartImage {
    void accept(HydratedApplication application, String reference, ImageReference parsed);
  }

  /**
   * Every {@code image:} of every hydrated chart's objects that is an image reference (a chart's
   * own setting of that name that names no image is passed over).
   */
  private static void eachChartImage(HydratedTree hydrated, ChartImage visitor) {
    for (HydratedApplication a : hydrated.applications()) {
      for (HydratedApplication.HydratedObject o : a.objects()) {
        images(
            o.body(),
            reference -> {
              ImageReference parsed;
              try {
                parsed = ImageReference.parse(reference);
              } catch (IllegalArgumentException e) {
                return;
              }
              visitor.accept(a, reference, parsed);
            });
      }
    }
  }

  private static Cluster withoutMirrors(Cluster c) {
    return withMirrors(c, null, null);
  }

  private static Cluster withMirrors(Cluster c, RegistriesSpec registries, ChartsSpec charts) {
    ClusterSpec s = c.spec();
    return c.withSpec(
        new ClusterSpec(
            s.hosts(),
            s.k0s(),
            s.options(),
            s.network(),
            s.gitops(),
            s.provisioning(),
            s.software(),
            s.applications(),
            s.manifests(),
            registries,
            charts));
  }

  /**
   * The tree as it is without the site's mirrors: what it names is upstream. The bundle hydrates
   * its charts to list the images they run under their upstream names.
   */
  static RenderedTree upstreamTree(LoadedConfig config) {
    return TreeRenderer.render(withoutMirrors(config.cluster()), RenderContext.of(config));
  }

  /**
   * {@code listed} and every image the objects of {@code hydrated} (the charts of {@link
   * #upstreamTree}) run, merged by image and sorted; a chart's image is used by {@code
   * <application> (chart <label>)}. A reference the chart pins by digest keeps that digest.
   */
  static List<Image> withChartImages(
      List<Image> listed, HydratedTree hydrated, ImageMirror mirrors) {
    SortedMap<String, TreeSet<String>> used = new TreeMap<>();
    Map<String, String> pinned = new TreeMap<>();
    for (Image i : listed) {
      used.computeIfAbsent(i.image(), k -> new TreeSet<>()).addAll(i.usedBy());
    }
    eachChartImage(
        hydrated,
        (a, reference, parsed) -> {
          String image = reference;
          if (parsed.digest() != null) {
            image = reference.substring(0, reference.indexOf('@'));
            pinned.put(image, parsed.digest());
          }
          used.computeIfAbsent(image, k -> new TreeSet<>())
              .add(a.application() + " (chart " + a.chart().label() + ")");
        });
    List<Image> out = new ArrayList<>();
    for (Image i : images(used, mirrors)) {
      out.add(pinned.containsKey(i.image()) ? i.withDigest(pinned.get(i.image())) : i);
    }
    return List.copyOf(out);
  }

  private static List<Image> images(SortedMap<String, TreeSet<String>> used, ImageMirror mirrors) {
    List<Image> images = new ArrayList<>();
    used.forEach(
        (image, paths) ->
            images.add(
                new Image(
                    image, mirrors.active() ? mirrors.rewrite(image) : null, List.copyOf(paths))));
    return List.copyOf(images);
  }

  private static void images(JsonNode n, java.util.function.Consumer<String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                  out.accept(e.getValue().asText());
                }
                images(e.getValue(), out);
              });
    } else if (n.isArray()) {
      n.forEach(x -> images(x, out));
    }
  }

  /**
   * The chart of each Application, found as hydration finds it (a Helm repository or OCI chart, a
   * Git path with helm settings, or the chart of a kustomization whose objects the site patches).
   */
  private static SortedMap<String, ChartRef> charts(RenderedTree tree) {
    SortedMap<String, ChartRef> out = new TreeMap<>();
    for (RenderedObject o : tree.objects()) {
      if (o.kind().equals("Application")) {
        HelmHydrator.chartOf(o.body(), tree).ifPresent(ref -> out.put(o.name(), ref));
      }
    }
    return out;
  }

  private static List<String> imageRepositories(Versions versions, String repo, String chart) {
    TreeSet<String> out = new TreeSet<>();
    for (Versions.Chart c : versions.charts().values()) {
      if (c.repository().equals(repo) && chart.equals(c.chart() != null ? c.chart() : c.path())) {
        c.imageValues().forEach(v -> out.add(v.image()));
      }
    }
    return out.isEmpty() ? null : List.copyOf(out);
  }

  private static JsonNode yaml(byte[] bytes) {
    try {
      return CanonicalYaml.TREE.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
