package io.clusterfactory.cfctl.core.airgap;

import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.ImagePuller;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fills a bundle folder with what an offline site needs (docs/customizing.md, "The air-gap
 * bundle"): {@code charts/<chart>-<version>.tgz} through the hydration code (cache, lock check),
 * {@code k0s/<version>/k0s-<version>-<arch>} through the given {@link K0sBinaries}, {@code
 * images.txt}, and last {@code manifest.json} listing every file with its size and sha256. The
 * folders cfctl fills ({@code charts/}, {@code k0s/}) are written afresh; {@code images/}, where
 * the user puts k0s's image bundles, is kept and listed.
 */
public final class BundleCollector {
  public static final String CHARTS = "charts";
  public static final String K0S = "k0s";
  public static final String IMAGES = "images";

  /** Fetches one checked k0s binary to a local file. */
  @FunctionalInterface
  public interface K0sBinaries {
    /** Puts k0s {@code version} for {@code arch} at {@code target}; returns its sha256. */
    String fetch(String version, String arch, Path target);
  }

  /** Resolves the digest of one image (of its upstream name, or as the site's mirror serves it). */
  @FunctionalInterface
  public interface ImageResolver {
    /**
     * @throws OperationFailedException naming the image when its registry cannot say
     */
    String digest(AirgapBundle.Image image);
  }

  /** Pulls one image, at the digest the resolver read, for one architecture. */
  @FunctionalInterface
  public interface ImageFetcher {
    /**
     * @throws OperationFailedException naming the image when it cannot be pulled
     */
    ImagePuller.Pulled fetch(AirgapBundle.Image image, String arch, Path blobs);
  }

  private final HelmHydrator charts;
  private final K0sBinaries k0s;
  private final ImageResolver images;
  private final boolean leavesOutUnpullable;
  private ImageFetcher pulls;
  private K0sBinaries k0sImages;

  /**
   * @param charts pulls each chart (its cache, its lock, its deadline)
   * @param images resolves each image's digest; null: none is asked ({@code left} says so)
   * @param leavesOutUnpullable a chart that cannot be pulled, or an image whose digest cannot be
   *     resolved, goes into {@code left} instead of failing the bundle
   */
  public BundleCollector(
      HelmHydrator charts, K0sBinaries k0s, ImageResolver images, boolean leavesOutUnpullable) {
    this.charts = charts;
    this.k0s = k0s;
    this.images = images;
    this.leavesOutUnpullable = leavesOutUnpullable;
  }

  /**
   * The images themselves also go into the bundle, one OCI layout archive per architecture ({@link
   * ImageArchiveWriter}); they need the digests the resolver reads.
   */
  public BundleCollector pullingImages(ImageFetcher fetcher) {
    if (images == null) {
      throw new IllegalStateException("pulling images needs their digests");
    }
    this.pulls = fetcher;
    return this;
  }

  /**
   * k0s's own images go into the bundle too: the release's image bundle for each architecture
   * ({@code k0s-airgap-bundle-<version>-<arch>}), fetched by {@code bundles} to {@link
   * #k0sImageBundle}, where apply --bundle uploads it to the nodes of that architecture.
   */
  public BundleCollector withK0sImageBundles(K0sBinaries bundles) {
    this.k0sImages = bundles;
    return this;
  }

  /** Where the release's image bundle of {@code version} for {@code arch} goes in the bundle. */
  public static String k0sImageBundle(String version, String arch) {
    return IMAGES + "/" + K0S_IMAGE_BUNDLE + version + "-" + arch + ".tar";
  }

  private static final String K0S_IMAGE_BUNDLE = "k0s-airgap-bundle-";

  /** The path of the k0s binary of {@code version} for {@code arch}, relative to the bundle. */
  public static String k0sBinary(String version, String arch) {
    return K0S + "/" + version + "/k0s-" + version + "-" + arch;
  }

  public AirgapBundle collect(LoadedConfig config, List<String> architectures, Path dir) {
    AirgapBundle lists = AirgapBundle.of(config);
    String version = lists.k0sVersion();
    if (version == null || version.isBlank()) {
      throw new InvalidInputException(
          config.source() + ": spec.k0s.version is not set: the bundle holds one k0s release",
          "pin spec.k0s.version (e.g. v1.31.2+k0s.0)");
    }
    List<String> arch = architectures.stream().distinct().sorted().toList();
    try {
      Files.createDirectories(dir);
      delete(dir.resolve(CHARTS));
      delete(dir.resolve(K0S));
    } catch (IOException e) {
      throw new UncheckedIOException("preparing " + dir, e);
    }
    List<String> left = new ArrayList<>(LEFT);
    if (images == null) {
      left.add(2, DIGESTS_NOT_ASKED);
    }
    List<String> failed = new ArrayList<>();
    Map<String, String> written = new TreeMap<>();
    List<AirgapBundle.Chart> out = new ArrayList<>();
    for (AirgapBundle.Chart c : lists.charts()) {
      String file = CHARTS + "/" + c.chart().replace('/', '_') + "-" + c.version() + ".tgz";
      try {
        HelmHydrator.PulledChart pulled = charts.pull(ref(c));
        String before = written.putIfAbsent(file, pulled.digest());
        if (before != null && !before.equals(pulled.digest())) {
          throw new OperationFailedException(
              "chart "
                  + c.chart()
                  + " "
                  + c.version()
                  + " of "
                  + c.repository()
                  + " is another archive than the one of the same name already in the bundle",
              "pin one of them under another version",
              null);
        }
        Files.copy(
            pulled.archive(),
            parent(dir.resolve(file)),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.add(c.withArchive(file, pulled.digest()));
      } catch (OperationFailedException e) {
        if (!leavesOutUnpullable) {
          failed.add(c.application() + ": " + e.getMessage());
          continue;
        }
        out.add(c);
        left.add(
            "the chart of "
                + c.application()
                + " ("
                + c.repository()
                + " "
                + c.chart()
                + " "
                + c.version()
                + "), not pulled: "
                + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + dir.resolve(file), e);
      }
    }
    List<AirgapBundle.Image> listed = lists.images();
    if (failed.isEmpty()) {
      listed = withChartImages(config, listed, left);
    }
    List<AirgapBundle.Image> resolved = new ArrayList<>();
    for (AirgapBundle.Image i : listed) {
      if (images == null || i.digest() != null) {
        resolved.add(i);
        continue;
      }
      try {
        resolved.add(i.withDigest(images.digest(i)));
      } catch (OperationFailedException e) {
        resolved.add(i);
        if (leavesOutUnpullable) {
          left.add("the digest of " + i.image() + ", not resolved: " + e.getMessage());
        } else {
          failed.add(e.getMessage());
        }
      }
    }
    if (pulls != null && failed.isEmpty()) {
      pullImages(dir, arch, resolved, left, failed);
    }
    if (!failed.isEmpty()) {
      throw new OperationFailedException(
          "cannot bundle "
              + failed.size()
              + " chart(s) or image digest(s):\n  "
              + String.join("\n  ", failed),
          "make them reachable, or give --leave-out-unpullable to list them in \"left\"",
          null);
    }
    for (String a : arch) {
      Path target = dir.resolve(k0sBinary(version, a));
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + target, e);
      }
      k0s.fetch(version, a, target);
    }
    if (k0sImages != null) {
      fetchK0sImages(dir, version, arch, left, ImageMirror.of(config.cluster().spec()).active());
    }
    AirgapBundle partial =
        new AirgapBundle(
            lists.format(),
            lists.cluster(),
            version,
            arch,
            List.copyOf(resolved),
            List.copyOf(out),
            null,
            List.copyOf(left));
    partial.writeImageList(dir);
    AirgapBundle done =
        new AirgapBundle(
            partial.format(),
            partial.cluster(),
            version,
            arch,
            partial.images(),
            partial.charts(),
            files(dir),
            partial.left());
    done.writeManifest(dir);
    return done;
  }

  /**
   * {@code listed} and the images the pinned charts run: the upstream tree's charts rendered by
   * Helm with cfctl's values (what Argo CD renders, before the site's mirrors rename them); a chart
   * that is not rendered is named in {@code left}.
   */
  private List<AirgapBundle.Image> withChartImages(
      LoadedConfig config, List<AirgapBundle.Image> listed, List<String> left) {
    var spec = config.cluster().spec();
    // every chart the bundle holds is in the hydrator's cache now; one it could not pull (left
    // out) is not asked again
    charts.offline("the bundle renders only the charts it pulled");
    HydratedTree hydrated =
        charts.hydrate(
            AirgapBundle.upstreamTree(config),
            spec.k0s() == null ? null : spec.k0s().kubernetesVersion());
    left.remove(CHART_IMAGES);
    for (Unhydrated u : hydrated.missing()) {
      left.add(
          "the images of the chart of "
              + u.application()
              + " ("
              + u.chart().label()
              + "), not listed: the chart was not rendered: "
              + u.reason());
    }
    ImageMirror mirrors = ImageMirror.of(spec);
    if (mirrors.active()) {
      HydratedTree site =
          charts.hydrate(
              AirgapBundle.mirroredImagesTree(config),
              spec.k0s() == null ? null : spec.k0s().kubernetesVersion());
      for (String image : AirgapBundle.outsideTheMirrors(site, mirrors)) {
        left.add(
            "an image a chart renders outside spec.registries' mirrors, which an offline site"
                + " cannot pull: "
                + image
                + "; set the chart's image value in the component's values: (or an"
                + " application's), or copy it to where it is named");
      }
    }
    return AirgapBundle.withChartImages(listed, hydrated, mirrors);
  }

  /**
   * Pulls every image with a digest for each architecture into {@code images/cfctl-images-<arch>
   * .tar}, named as the cluster's objects name it (the mirror's name with spec.registries); the
   * blobs go through a folder of the bundle that is removed afterwards.
   */
  private void pullImages(
      Path dir,
      List<String> arch,
      List<AirgapBundle.Image> resolved,
      List<String> left,
      List<String> failed) {
    Path blobs = dir.resolve(".cfctl-blobs");
    try {
      delete(blobs);
      for (String a : arch) {
        Files.deleteIfExists(dir.resolve(ImageArchiveWriter.file(a)));
      }
      Map<String, Map<String, ImagePuller.Pulled>> byArch = new TreeMap<>();
      for (String a : arch) {
        Map<String, ImagePuller.Pulled> these = new TreeMap<>();
        for (AirgapBundle.Image i : resolved) {
          if (i.digest() == null) {
            continue;
          }
          try {
            these.put(i.pulledAs() != null ? i.pulledAs() : i.image(), pulls.fetch(i, a, blobs));
          } catch (OperationFailedException e) {
            if (leavesOutUnpullable) {
              left.add("the image " + i.image() + " for " + a + ", not pulled: " + e.getMessage());
            } else {
              failed.add(e.getMessage());
            }
          }
        }
        byArch.put(a, these);
      }
      if (failed.isEmpty()) {
        byArch.forEach(
            (a, these) ->
                ImageArchiveWriter.write(dir.resolve(ImageArchiveWriter.file(a)), these, blobs));
        left.remove(IMAGES_THEMSELVES);
        left.add(0, IMAGES_PULLED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the images into " + dir, e);
    } finally {
      try {
        delete(blobs);
      } catch (IOException e) {
        // a run's own scratch folder: the next run removes it before pulling
        LoggerHolder.LOG.warn("could not remove {}: {}", blobs, e.getMessage());
      }
    }
  }

  /**
   * Fetches the release's image bundle of each architecture into {@code images/} and removes the
   * ones of other versions or architectures an earlier run put there.
   */
  private void fetchK0sImages(
      Path dir, String version, List<String> arch, List<String> left, boolean mirrored) {
    java.util.Set<String> wanted = new java.util.TreeSet<>();
    boolean all = true;
    for (String a : arch) {
      String file = k0sImageBundle(version, a);
      wanted.add(dir.resolve(file).getFileName().toString());
      Path target = dir.resolve(file);
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + target, e);
      }
      try {
        k0sImages.fetch(version, a, target);
      } catch (OperationFailedException | UnreachableException e) {
        if (!leavesOutUnpullable) {
          throw e;
        }
        all = false;
        left.add("k0s's image bundle for " + a + ", not fetched: " + e.getMessage());
      }
    }
    try (Stream<Path> s = Files.list(dir.resolve(IMAGES))) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(K0S_IMAGE_BUNDLE) && name.endsWith(".tar") && !wanted.contains(name)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir.resolve(IMAGES), e);
    }
    if (!all) {
      return;
    }
    left.remove(K0S_IMAGES);
    if (mirrored) {
      left.add(K0S_IMAGES_MIRRORED);
    }
  }

  private static final class LoggerHolder {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BundleCollector.class);
  }

  static final String IMAGES_THEMSELVES =
      "the images themselves: copy each image of images.txt into the mirror under its"
          + " pulledAs name (e.g. crane copy IMAGE PULLED_AS, or skopeo copy)";

  static final String IMAGES_PULLED =
      "the images are in images/cfctl-images-<arch>.tar (OCI layouts, imported by k0s on each"
          + " node of that architecture); to fill the site's mirror too: crane push or skopeo copy"
          + " oci-archive:images/cfctl-images-<arch>.tar:<name> to each pulledAs";

  /** In {@code left} until the charts are rendered and their images listed. */
  static final String CHART_IMAGES =
      "each chart's own images: the repositories of charts[].imageRepositories at the tag the"
          + " chart version sets (helm template the chart and list its images)";

  /** In {@code left} when the release's image bundles are not fetched ({@code --no-k0s-images}). */
  static final String K0S_IMAGES =
      "k0s's own images: `k0s airgap list-images` (of this k0s version) lists them; copy them"
          + " into the mirror, or save them as an image bundle (`k0s airgap bundle-artifacts"
          + " -o images/k0s-<version>-<arch>.tar`, or `docker save` / `skopeo copy"
          + " docker-archive:...` of each) into this folder's images/, then run"
          + " `cfctl airgap bundle` again so manifest.json lists it; apply --bundle uploads"
          + " every images/*.tar to each host's <dataDir>/images/, which k0s imports";

  /**
   * In {@code left} with spec.registries: k0s then names its images by the mirror (its
   * imageRepository), so the imported upstream names are not the ones it runs.
   */
  static final String K0S_IMAGES_MIRRORED =
      "k0s's own images: with spec.registries k0s pulls them from the mirror (its"
          + " imageRepository), not by the upstream names of images/k0s-airgap-bundle-*.tar:"
          + " push each image of those OCI archives into the mirror (skopeo copy --all"
          + " oci-archive:FILE:IMAGE docker://MIRROR/...), as `k0s airgap list-images` names them";

  /** What the bundle leaves to the site even when it holds the charts and k0s. */
  static final List<String> LEFT = List.of(IMAGES_THEMSELVES, CHART_IMAGES, K0S_IMAGES);

  /** In {@code left} when the bundle was collected with {@code --image-digests none}. */
  static final String DIGESTS_NOT_ASKED =
      "image digests: not asked (--image-digests none); versions.yaml pins tags, resolve each"
          + " (crane digest IMAGE) before copying if the site pins digests";

  static ChartRef ref(AirgapBundle.Chart c) {
    return new ChartRef(c.source(), c.repository(), c.chart(), c.version());
  }

  /** Every file of the bundle but its manifest, sorted by path. */
  static List<AirgapBundle.BundleFile> files(Path dir) {
    List<AirgapBundle.BundleFile> out = new ArrayList<>();
    for (String top : List.of(AirgapBundle.IMAGE_LIST, CHARTS, K0S, IMAGES)) {
      Path root = dir.resolve(top);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          out.add(
              new AirgapBundle.BundleFile(
                  dir.relativize(p).toString().replace('\\', '/'), Files.size(p), sha256(p)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + root, e);
      }
    }
    out.sort(Comparator.comparing(AirgapBundle.BundleFile::path));
    return List.copyOf(out);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path parent(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return file;
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
