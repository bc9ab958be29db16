package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.SiteComponents;
import io.clusterfactory.cfctl.core.config.SiteFiles;
import io.clusterfactory.cfctl.core.config.v1beta1.ApplicationSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ChartCustomizable;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ManifestsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the site owns: the customisations of cfctl's components (values, value files, patches),
 * handed to the tree before the stacks render, and the site's own Applications and manifests,
 * rendered after them into the same app-of-apps.
 */
final class SiteRenderer {
  private SiteRenderer() {}

  /** Registers the customisation of every component block that has one. */
  static void customize(Cluster cluster, SiteFiles site, TreeBuilder tree) {
    for (SiteComponents.Entry e : SiteComponents.all(cluster)) {
      ObjectNode values = CanonicalYaml.map();
      List<SiteFiles.ValueFile> files = new ArrayList<>();
      if (e.block() instanceof ChartCustomizable c) {
        values = CanonicalYaml.fromMap(c.values());
        files = valueFiles(e.yamlPath(), c.valuesFiles(), site);
      }
      List<ObjectPatch> patches = patches(e.yamlPath(), e.block().patches());
      if (!values.isEmpty() || !files.isEmpty() || !patches.isEmpty()) {
        tree.customize(e.appName(), new Customization(values, files, patches));
      }
    }
  }

  /** The site's own Applications and manifests. */
  static void render(Cluster cluster, SiteFiles site, TreeBuilder tree) {
    List<ApplicationSpec> apps = cluster.spec().applications();
    for (int i = 0; apps != null && i < apps.size(); i++) {
      ApplicationSpec a = apps.get(i);
      String path = "spec.applications[" + i + "]";
      Component c = tree.component(stack(a.stack()), a.name(), a.namespace(), a.wave(), null);
      ObjectNode source = CanonicalYaml.map("repoURL", a.repoURL());
      if (a.chart() != null) {
        source.put("chart", a.chart());
        source.put("targetRevision", a.targetRevision());
        tree.customize(
            c.appName(),
            new Customization(
                CanonicalYaml.fromMap(a.values()),
                valueFiles(path, a.valuesFiles(), site),
                List.of()));
        if (!a.values().isEmpty()) {
          tree.values(c, CanonicalYaml.map());
        }
      } else {
        source.put("path", a.path());
        source.put("targetRevision", a.targetRevision());
        if (Boolean.TRUE.equals(a.recurse())) {
          source.set("directory", CanonicalYaml.map("recurse", true));
        }
      }
      tree.siteSource(c, source);
    }
    List<ManifestsSpec> ms = cluster.spec().manifests();
    for (int i = 0; ms != null && i < ms.size(); i++) {
      ManifestsSpec m = ms.get(i);
      String path = "spec.manifests[" + i + "]";
      Component c = tree.component(stack(m.stack()), m.name(), m.namespace(), m.wave(), null);
      List<ObjectPatch> patches = patches(path, m.patches());
      if (!patches.isEmpty()) {
        tree.customize(c.appName(), new Customization(CanonicalYaml.map(), List.of(), patches));
      }
      for (SiteFiles.ManifestDocument d : site.manifests().getOrDefault(path, List.of())) {
        tree.siteManifest(c, d.file(), d.body().deepCopy());
      }
    }
  }

  private static Stack stack(String id) {
    for (Stack s : Stack.values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stack " + id + " after validation");
  }

  private static List<SiteFiles.ValueFile> valueFiles(
      String owner, List<String> written, SiteFiles site) {
    List<SiteFiles.ValueFile> out = new ArrayList<>();
    for (int i = 0; written != null && i < written.size(); i++) {
      SiteFiles.ValueFile f = site.values().get(owner + ".valuesFiles[" + i + "]");
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  static List<ObjectPatch> patches(String owner, List<Patch> patches) {
    List<ObjectPatch> out = new ArrayList<>();
    for (int i = 0; patches != null && i < patches.size(); i++) {
      Patch p = patches.get(i);
      Patch.Target t = p.target() == null ? new Patch.Target(null, null, null, null) : p.target();
      JsonNode body = CanonicalYaml.tree(p.patch());
      out.add(
          new ObjectPatch(
              owner + ".patches[" + i + "]",
              p.type() == null ? Patch.Type.STRATEGIC : p.type(),
              t.kind(),
              t.name(),
              t.namespace(),
              t.labels() == null ? Map.of() : t.labels(),
              body));
    }
    return out;
  }
}
