package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.ApplicationSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ChartCustomizable;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ManifestsSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files beside cluster.yaml that the site's customisations name, read once at load so that
 * rendering reads nothing: Helm value files ({@code valuesFiles}) and the site's own manifests
 * ({@code spec.manifests[].paths}). What cannot be read is kept as a problem for {@link SiteCheck}.
 *
 * @param values each value file's mapping, by the YAML path of its entry ({@code
 *     spec.network.traefik.valuesFiles[0]})
 * @param manifests the documents of each {@code spec.manifests[i]}, by its YAML path
 * @param problems what could not be read, with positions in the file read when it is the file's
 */
public record SiteFiles(
    SortedMap<String, ValueFile> values,
    SortedMap<String, List<ManifestDocument>> manifests,
    List<Problem> problems) {

  /** A value file: the path as written, and its mapping. */
  public record ValueFile(String path, ObjectNode values) {}

  /** A document of a site manifest: its file name (for the tree) and the object. */
  public record ManifestDocument(String file, ObjectNode body) {}

  public static SiteFiles empty() {
    return new SiteFiles(new TreeMap<>(), new TreeMap<>(), List.of());
  }

  /** Reads what the defaulted cluster names; relative paths resolve against {@code baseDir}. */
  public static SiteFiles read(Cluster cluster, Path baseDir) {
    SortedMap<String, ValueFile> values = new TreeMap<>();
    SortedMap<String, List<ManifestDocument>> manifests = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    if (cluster.spec() == null) {
      return empty();
    }
    for (Map.Entry<String, ChartCustomizable> c : SiteComponents.charts(cluster).entrySet()) {
      valueFiles(c.getKey(), c.getValue().valuesFiles(), baseDir, values, problems);
    }
    List<ApplicationSpec> apps = cluster.spec().applications();
    for (int i = 0; apps != null && i < apps.size(); i++) {
      if (apps.get(i) != null) {
        valueFiles(
            "spec.applications[" + i + "]", apps.get(i).valuesFiles(), baseDir, values, problems);
      }
    }
    List<ManifestsSpec> ms = cluster.spec().manifests();
    for (int i = 0; ms != null && i < ms.size(); i++) {
      if (ms.get(i) != null) {
        String path = "spec.manifests[" + i + "]";
        manifests.put(path, documents(path, ms.get(i).paths(), baseDir, problems));
      }
    }
    return new SiteFiles(values, manifests, List.copyOf(problems));
  }

  private static void valueFiles(
      String owner,
      List<String> files,
      Path baseDir,
      SortedMap<String, ValueFile> out,
      List<Problem> problems) {
    for (int i = 0; files != null && i < files.size(); i++) {
      String yamlPath = owner + ".valuesFiles[" + i + "]";
      String written = files.get(i);
      if (written == null || written.isBlank()) {
        problems.add(error(yamlPath, null, "empty file name", "name a YAML file"));
        continue;
      }
      Path file = resolve(written, baseDir);
      String text = readText(yamlPath, file, problems);
      if (text == null) {
        continue;
      }
      Problems read = new Problems(null);
      List<YamlDocument> docs = YamlReader.read(text, file.toString(), read);
      problems.addAll(read.all());
      if (read.hasErrors()) {
        continue;
      }
      List<YamlDocument> nonEmpty =
          docs.stream().filter(d -> d.root() != null && !d.root().isNull()).toList();
      if (nonEmpty.isEmpty()) {
        out.put(yamlPath, new ValueFile(written, StrictBinder.mapper().createObjectNode()));
      } else if (nonEmpty.size() > 1 || !(nonEmpty.get(0).root() instanceof ObjectNode)) {
        YamlDocument d = nonEmpty.size() > 1 ? nonEmpty.get(1) : nonEmpty.get(0);
        problems.add(
            error(
                "",
                d.sourceMap().valueOf(""),
                "a Helm value file must hold one YAML mapping (it is referenced by "
                    + yamlPath
                    + ")",
                "write the values as one mapping, e.g. replicas: 2"));
      } else {
        out.put(yamlPath, new ValueFile(written, (ObjectNode) nonEmpty.get(0).root()));
      }
    }
  }

  private static List<ManifestDocument> documents(
      String owner, List<String> paths, Path baseDir, List<Problem> problems) {
    List<ManifestDocument> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; paths != null && i < paths.size(); i++) {
      String yamlPath = owner + ".paths[" + i + "]";
      String written = paths.get(i);
      if (written == null || written.isBlank()) {
        problems.add(error(yamlPath, null, "empty path", "name a YAML file or a folder"));
        continue;
      }
      Path p = resolve(written, baseDir);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          problems.add(error(yamlPath, null, "cannot list " + p + ": " + e.getMessage(), null));
        }
        if (files.isEmpty()) {
          problems.add(error(yamlPath, null, "folder " + p + " holds no .yaml or .yml file", null));
        }
      } else {
        files.add(p);
      }
      for (Path f : files) {
        String text = readText(yamlPath, f, problems);
        if (text == null) {
          continue;
        }
        String name = f.getFileName().toString().replaceFirst("\\.yml$", ".yaml");
        if (!names.add(name)) {
          problems.add(
              error(
                  yamlPath,
                  null,
                  "two files are named " + name + " in this set of manifests",
                  "rename one, or put them in two spec.manifests entries"));
          continue;
        }
        Problems read = new Problems(null);
        List<YamlDocument> docs = YamlReader.read(text, f.toString(), read);
        problems.addAll(read.all());
        if (read.hasErrors()) {
          continue;
        }
        for (YamlDocument d : docs) {
          JsonNode root = d.root();
          if (root == null || root.isNull() || root.isMissingNode()) {
            continue;
          }
          if (!(root instanceof ObjectNode o)
              || !root.path("apiVersion").isTextual()
              || !root.path("kind").isTextual()
              || !root.path("metadata").path("name").isTextual()) {
            problems.add(
                error(
                    "",
                    d.sourceMap().valueOf(""),
                    "not a Kubernetes object (apiVersion, kind and metadata.name are required);"
                        + " it is listed by "
                        + yamlPath,
                    "add the missing fields or remove the document"));
            continue;
          }
          out.add(new ManifestDocument(name, o));
        }
      }
    }
    return out;
  }

  private static String readText(String yamlPath, Path file, List<Problem> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(
          error(
              yamlPath,
              null,
              file + " does not exist",
              "paths are relative to the folder of cluster.yaml"));
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(error(yamlPath, null, "cannot read " + file + ": " + e.getMessage(), null));
      return null;
    }
  }

  private static Path resolve(String written, Path baseDir) {
    return Path.of(ClusterDefaults.localPath(written, baseDir));
  }

  private static Problem error(String path, Position position, String message, String hint) {
    return new Problem(Severity.ERROR, path, position, message, hint);
  }
}
