package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
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
   * snapshot-thick} even at a release tag), the pinned image that replaces it.
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Chart(
      String repository, String chart, String path, String include, String version, String image) {
    public boolean isHelmRepository() {
      return chart != null;
    }

    /**
     * The plain manifest at {@code version} as a file URL kustomize can fetch: GitHub serves a file
     * of a tag at raw.githubusercontent.com.
     */
    public String manifestUrl() {
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
