package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.GitTreeDiffer;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.KubeClients;
import io.clusterfactory.cfctl.core.kube.LiveDiff;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code cfctl diff}: what apply would change, in three parts: the hosts (a dry run over SSH), the
 * Git tree (rendered against the tree at the base branch) and the live objects (when the cluster is
 * reachable). Changes nothing anywhere.
 */
public final class ClusterDiffAction {
  private final HostsStage hosts;
  private final TreeSealing sealing;

  public ClusterDiffAction(HostsStage hosts, TreeSealing sealing) {
    this.hosts = hosts;
    this.sealing = sealing;
  }

  public DiffReport run(LoadedConfig config, DiffOptions options) {
    DiffReport report = new DiffReport(null, null, null, List.of());
    if (options.parts().contains(ApplyPart.HOSTS) && !options.offline()) {
      report = report.withHosts(hosts.diff(config, options.hostsOptions()));
    }
    boolean git = options.parts().contains(ApplyPart.GITOPS);
    boolean live = options.parts().contains(ApplyPart.STACKS) && !options.offline();
    if (!git && !live) {
      return report;
    }
    RenderedTree tree = TreeRenderer.render(config);
    GitopsSpec.Repository repo = ClusterApplyAction.repository(config);
    Path home = Path.of(System.getProperty("user.home"));
    GitPublisher publisher =
        new GitPublisher(
            GitPublisher.defaultCacheRoot(options.env(), home),
            GitAuth.defaults(
                home,
                null,
                options.acceptNewHostKeys() ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT,
                options.env()));
    KubernetesClient client = live ? client(config, options) : null;
    try {
      PreviousTree previous = new PreviousTree(publisher, repo, options.baseRef());
      TreeSealing.Sealed sealed = sealing.seal(config, tree, client, previous::file);
      for (String note : sealed.notes()) {
        report = report.withNote(note);
      }
      if (git) {
        SortedMap<String, byte[]> files = new TreeMap<>(sealed.files());
        if (sealed.sealedObjects().isEmpty()) {
          // Without sealing, the secrets in Git cannot be compared: keep them as they are.
          for (SecretRequest s : tree.secrets()) {
            byte[] before = previous.file(s.path());
            if (before != null) {
              files.put(s.path(), before);
            }
          }
          if (!tree.secrets().isEmpty() && sealed.notes().isEmpty()) {
            report = report.withNote("sealed secrets not compared: no sealing certificate");
          }
        }
        var base = previous.snapshot();
        report =
            report.withGit(
                GitTreeDiffer.compare(
                    GitPublisher.displayUrl(repo.url()),
                    previous.ref(),
                    GitPublisher.ownedFolder(repo),
                    base.commitId(),
                    base.files(),
                    files));
      }
      if (client != null) {
        KubeCalls calls =
            new KubeCalls(
                client.getConfiguration().getMasterUrl(),
                RetryPolicy.DEFAULT,
                Deadline.in(options.timeout()));
        List<GenericKubernetesResource> objects = new ArrayList<>();
        objects.addAll(DeliveredObjects.of(tree, Delivery.BOOTSTRAP, null));
        objects.addAll(DeliveredObjects.of(tree, Delivery.APP, null));
        for (RenderedObject o : sealed.sealedObjects()) {
          objects.add(
              Serialization.jsonMapper().convertValue(o.body(), GenericKubernetesResource.class));
        }
        report = report.withLive(new LiveDiff(client, calls).compare(objects, options.prune()));
      }
    } finally {
      if (client != null) {
        client.close();
      }
    }
    return report;
  }

  private KubernetesClient client(LoadedConfig config, DiffOptions options) {
    String kubeconfig;
    if (options.kubeconfig() != null) {
      try {
        kubeconfig = Files.readString(options.kubeconfig());
      } catch (IOException e) {
        throw new InvalidInputException(
            "cannot read --kubeconfig " + options.kubeconfig() + ": " + e.getMessage());
      }
    } else {
      kubeconfig = hosts.adminKubeconfig(config, null, options.hostsOptions());
    }
    return KubeClients.fromKubeconfig(kubeconfig);
  }
}
