package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hydrated objects as files of {@code cfctl render --hydrate -o DIR}: one folder per
 * Application, one file per object in the order Helm wrote them (CRDs first), named so that a
 * listing reads in that order: {@code
 * hydrated/<application>/<NNN>-<kind>[-<namespace>]-<name>.yaml}. Each file is a {@code # Source:}
 * line (the chart template) and the object through cfctl's YAML writer, so the same chart and
 * values give the same bytes.
 */
public final class HydratedFiles {
  /** The folder of the output the hydrated objects go under, beside the tree. */
  public static final String FOLDER = "hydrated";

  private HydratedFiles() {}

  /** Every hydrated object of {@code tree} as a file, by relative path. */
  public static SortedMap<String, byte[]> of(HydratedTree tree) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (HydratedApplication app : tree.applications()) {
      int width = Math.max(3, String.valueOf(app.objects().size()).length());
      int i = 0;
      for (HydratedApplication.HydratedObject o : app.objects()) {
        i++;
        String path =
            FOLDER
                + "/"
                + part(app.application())
                + "/"
                + String.format(Locale.ROOT, "%0" + width + "d", i)
                + "-"
                + fileName(o.body())
                + ".yaml";
        String text =
            (o.source().isEmpty() ? "" : "# Source: " + o.source() + "\n")
                + CanonicalYaml.TREE.writeOne(o.body());
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String fileName(ObjectNode body) {
    String kind = body.path("kind").asText("object");
    String ns = body.path("metadata").path("namespace").asText("");
    String name = body.path("metadata").path("name").asText("unnamed");
    return part(kind) + (ns.isEmpty() ? "" : "-" + part(ns)) + "-" + part(name);
  }

  /** A name safe in a file name on every system: lowercase letters, digits, dots and dashes. */
  private static String part(String s) {
    String p = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+", "");
    return p.isEmpty() ? "x" : p;
  }
}
