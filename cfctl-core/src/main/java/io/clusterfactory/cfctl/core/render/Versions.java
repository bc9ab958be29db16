package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.clusterfactory.cfctl.core.config.ChartMirror;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pins of manifests/versions.yaml: every chart version and container image, read from the
 * classpath. A missing pin is a bug of cfctl, not of the user's input.
 */
public record Versions(Map<String, Chart> charts, Map<String, String> images) {
  public static final String RESOURCE = "manifests/versions.yaml";

  /**
   * A chart: a Helm repository + chart, or a Git repository + path (with {@code include} a plain
   * manifest file of that path instead of a chart). {@code version} is the chart version or tag.
   * {@code image}: for a plain manifest whose own image tag moves (multus ships {@code
   * snapshot-thick} even at a release tag), the pinned image that replaces it. {@code packaged}: a
   * Git chart's name and version once packaged; {@code imageValues}: the values keys the chart
   * names its images with; {@code manifest}: the plain manifest's URL on a chart mirror (set by
   * {@link #through}, never in versions.yaml).
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Chart(
      String repository,
      String chart,
      String path,
      String include,
      String version,
      String image,
      Packaged packaged,
      List<ImageValue> imageValues,
      String manifest) {
    public Chart {
      imageValues = imageValues == null ? List.of() : List.copyOf(imageValues);
    }

    public boolean isHelmRepository() {
      return chart != null;
    }

    /**
     * The same chart read from a chart mirror: a Helm chart under its name and version, a chart
     * kept in Git as the chart it packages to, a plain manifest at {@code <mirror>/<repository
     * name>/<version>/<file>}.
     */
    Chart from(ChartMirror mirror) {
      if (include != null) {
        String name =
            repository.substring(repository.lastIndexOf('/') + 1).replaceAll("\\.git$", "");
        String base = mirror.url().endsWith("/") ? mirror.url() : mirror.url() + "/";
        return new Chart(
            mirror.repoUrl(),
            null,
            null,
            include,
            version,
            image,
            null,
            imageValues,
            base + name + "/" + version + "/" + include);
      }
      if (chart == null && packaged == null) {
        throw new InternalException(
            "no packaged chart for " + repository + " in " + RESOURCE, null);
      }
      return new Chart(
          mirror.repoUrl(),
          chart != null ? chart : packaged.chart(),
          null,
          null,
          chart != null ? version : packaged.version(),
          image,
          null,
          imageValues,
          null);
    }

    /**
     * The plain manifest at {@code version} as a file URL kustomize can fetch: GitHub serves a file
     * of a tag at raw.githubusercontent.com.
     */
    public String manifestUrl() {
      if (manifest != null) {
        return manifest;
      }
      String prefix = "https://github.com/";
      if (include == null || !repository.startsWith(prefix)) {
        throw new InternalException(
            "no file URL for the manifest of " + repository + " in " + RESOURCE, null);
      }
      String repo = repository.substring(prefix.length()).replaceAll("\\.git$", "");
      return "https://raw.githubusercontent.com/"
          + repo
          + "/"
          + version
          + "/"
          + (path == null || path.isEmpty() ? "" : path + "/")
          + include;
    }
  }

  /** What a chart kept in Git is once packaged: its chart name and version. */
  public record Packaged(String chart, String version) {}

  /**
   * The values keys through which a chart names one image it may run: {@code repository} the key of
   * the repository (with its registry unless {@code registry} names the registry's own key), and
   * the image the chart names there by default.
   */
  public record ImageValue(String registry, String repository, String image) {}

  /**
   * The pins as they are pulled through the site's mirrors: every image through {@code images},
   * every chart from {@code charts} when set.
   */
  public Versions through(ImageMirror mirrors, Optional<ChartMirror> charts) {
    Map<String, Chart> c = new TreeMap<>(this.charts);
    charts.ifPresent(m -> c.replaceAll((k, v) -> v.from(m)));
    Map<String, String> i = new TreeMap<>(images);
    i.replaceAll((k, v) -> mirrors.rewrite(v));
    return new Versions(c, i);
  }

  private static Versions pinned;

  /** The pins shipped with cfctl. */
  public static synchronized Versions pinned() {
    if (pinned == null) {
      try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new InternalException("missing resource " + RESOURCE, null);
        }
        Versions v =
            CanonicalYaml.TREE
                .mapper()
                .copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(in, Versions.class);
        pinned = new Versions(new TreeMap<>(v.charts()), new TreeMap<>(v.images()));
      } catch (IOException e) {
        throw new InternalException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      }
    }
    return pinned;
  }

  public Chart chart(String key) {
    Chart c = charts.get(key);
    if (c == null) {
      throw new InternalException("no chart pinned for '" + key + "' in " + RESOURCE, null);
    }
    return c;
  }

  public String image(String key) {
    String i = images.get(key);
    if (i == null) {
      throw new InternalException("no image pinned for '" + key + "' in " + RESOURCE, null);
    }
    return i;
  }
}
