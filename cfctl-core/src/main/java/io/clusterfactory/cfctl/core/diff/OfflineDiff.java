package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.TreeSnapshot;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The offline diff: the tree rendered from a (PR's) cluster.yaml against the owned folder at the
 * base branch in Git. Needs read access to the repository only, no cluster credentials.
 */
public final class OfflineDiff {
  private OfflineDiff() {}

  /**
   * @param publisher reads the repository (fetches into its cache)
   * @param repository url, branch and owned folder
   * @param rendered the rendered tree, paths relative to the owned folder
   * @param baseRef branch or commit to compare with; null for {@code repository.branch()}
   * @return the Git section; the CLI adds it to a {@link DiffReport}
   */
  public static GitSection gitSection(
      GitPublisher publisher,
      GitopsSpec.Repository repository,
      SortedMap<String, byte[]> rendered,
      String baseRef) {
    String ref = baseRef == null || baseRef.isBlank() ? repository.branch() : baseRef.trim();
    TreeSnapshot base = publisher.readTree(repository, ref);
    return GitTreeDiffer.compare(
        GitPublisher.displayUrl(repository.url()),
        ref,
        GitPublisher.ownedFolder(repository),
        base.commitId(),
        base.files(),
        rendered);
  }

  /**
   * The chart objects of an offline diff: the base tree (as read from Git) and the tree being
   * applied, both hydrated by {@code hydrator}, compared per Application.
   *
   * @param hydrator renders the charts (the run's; see {@code ClusterContext#hydrator()})
   * @param base the owned folder at the base ref, as {@link GitPublisher#readTree} gives it
   * @param baseRef the branch or commit {@code base} was read at, for the output
   * @param head the hydrated tree being applied (hydrated once by the run)
   */
  public static HydratedSection hydratedSection(
      Hydrator hydrator, TreeSnapshot base, String baseRef, HydratedTree head) {
    HydratedTree before =
        base.files().isEmpty() ? HydratedTree.NONE : hydrator.hydrate(treeOf(base.files()));
    String commit =
        base.commitId().isEmpty() ? "(no commit yet)" : DiffTextWriter.abbrev(base.commitId());
    return HydratedDiffer.compareTrees("git " + baseRef + " at " + commit, before, head);
  }

  /**
   * A {@link RenderedTree} made from files read from Git, with what a hydrator reads: the files
   * (values files among them) and every object of the YAML files (the Applications among them). It
   * has no secret requests; each object's stack is its top folder, its component the file name, its
   * wave the {@code argocd.argoproj.io/sync-wave} annotation, and Applications and AppProjects are
   * delivered by cfctl ({@link Delivery#APP}), the rest by Argo CD. A file that does not parse is
   * kept as a file, without objects.
   */
  public static RenderedTree treeOf(SortedMap<String, byte[]> files) {
    List<RenderedObject> objects = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String path = e.getKey();
      if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
        continue;
      }
      List<Map<String, Object>> docs;
      try {
        docs = CanonicalYaml.readDocuments(new String(e.getValue(), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException ex) {
        continue;
      }
      for (Map<String, Object> doc : docs) {
        if (doc == null || HydratedDiffer.refOf(doc) == null) {
          continue;
        }
        ObjectNode body = CanonicalYaml.fromMap(doc);
        String kind = body.path("kind").asText();
        String file = path.substring(path.lastIndexOf('/') + 1);
        objects.add(
            new RenderedObject(
                path,
                path.contains("/") ? path.substring(0, path.indexOf('/')) : "",
                file.substring(0, file.lastIndexOf('.')),
                wave(body),
                kind.equals("Application") || kind.equals("AppProject")
                    ? Delivery.APP
                    : Delivery.SYNCED,
                body.path("apiVersion").asText(),
                kind,
                body.path("metadata").path("namespace").asText(""),
                body.path("metadata").path("name").asText(),
                body));
      }
    }
    return new RenderedTree(new TreeMap<>(files), objects, List.of(), new TreeMap<>());
  }

  private static int wave(ObjectNode body) {
    String wave =
        body.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText("0");
    try {
      return Integer.parseInt(wave.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
