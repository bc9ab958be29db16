package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.gitops.CommitOptions;
import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.kube.KubeClients;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.core.secrets.SecureFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cfctl apply}: hosts (k0s over SSH), the admin kubeconfig, the GitOps tree rendered,
 * sealed, committed and pushed, then the stacks on the cluster in order with waits. Each part can
 * be selected with {@code --only}; every mutation passes a {@link MutationGuard}, so a dry run
 * yields the plan and changes nothing.
 */
public final class ClusterApplyAction {
  private static final Logger logger = LoggerFactory.getLogger(ClusterApplyAction.class);

  private final HostsStage hosts;
  private final TreeSealing sealing;

  public ClusterApplyAction(HostsStage hosts, TreeSealing sealing) {
    this.hosts = hosts;
    this.sealing = sealing;
  }

  public ApplyReport run(LoadedConfig config, ApplyOptions options) {
    List<PlannedChange> changes = new ArrayList<>();
    List<PhaseResult> hostPhases = List.of();
    List<String> notes = new ArrayList<>();
    MutationGuard guard = new MutationGuard(options.dryRun());

    if (options.parts().contains(ApplyPart.HOSTS)) {
      HostsStage.Result result = hosts.apply(config, options.hostsOptions());
      changes.addAll(result.changes());
      hostPhases = result.phases();
    }

    String kubeconfig = null;
    if (options.parts().contains(ApplyPart.STACKS) || options.kubeconfigOut() != null) {
      kubeconfig = kubeconfig(config, options, notes);
      if (kubeconfig != null && options.kubeconfigOut() != null && !options.dryRun()) {
        SecureFiles.writePrivate(
            options.kubeconfigOut(), kubeconfig.getBytes(StandardCharsets.UTF_8));
        logger.info("==> Kubeconfig written to {} (mode 0600)", options.kubeconfigOut());
      }
    }

    PublishResult publish = null;
    List<io.clusterfactory.cfctl.core.kube.ApplyResult> stacks = List.of();
    boolean gitops = options.parts().contains(ApplyPart.GITOPS);
    boolean stacksPart = options.parts().contains(ApplyPart.STACKS);
    if (gitops || stacksPart) {
      GitopsSpec.Repository repo = repository(config);
      RenderedTree tree = TreeRenderer.render(config);
      KubernetesClient client =
          stacksPart && kubeconfig != null ? KubeClients.fromKubeconfig(kubeconfig) : null;
      try {
        GitPublisher publisher =
            new GitPublisher(
                GitPublisher.defaultCacheRoot(
                    options.env(), Path.of(System.getProperty("user.home"))),
                GitAuth.defaults(
                    Path.of(System.getProperty("user.home")),
                    null,
                    options.gitHostKeyPolicy(),
                    options.env()));
        PreviousTree previous = new PreviousTree(publisher, repo);
        TreeSealing.Sealed sealed = sealing.seal(config, tree, client, previous::file);
        notes.addAll(sealed.notes());
        if (gitops) {
          logger.info("==> Commit the GitOps tree to {}", GitPublisher.displayUrl(repo.url()));
          CommitOptions commit =
              options.commitMessage() == null
                  ? CommitOptions.defaults()
                  : CommitOptions.defaults().withMessage(options.commitMessage());
          publish = publisher.publish(repo, sealed.files(), commit, guard);
          logger.info("    {}", publish.commitOrStatus());
        }
        // No certificate yet (a new cluster): the controller comes with the gitops stack, so
        // seal and commit again as soon as it serves its certificate, within this run.
        StacksDeployer.AfterStack sealWhenControllerRuns = null;
        PublishResult[] latest = {publish};
        if (gitops
            && client != null
            && !options.dryRun()
            && !tree.secrets().isEmpty()
            && sealed.sealedObjects().isEmpty()) {
          sealWhenControllerRuns =
              stack -> {
                TreeSealing.Sealed now = sealing.seal(config, tree, client, previous::file);
                if (now.sealedObjects().isEmpty()) {
                  return null;
                }
                logger.info(
                    "==> Seal {} secrets with the controller's certificate and commit them",
                    now.sealedObjects().size());
                CommitOptions commit =
                    CommitOptions.defaults()
                        .withMessage(
                            (options.commitMessage() == null
                                    ? "cfctl: seal secrets"
                                    : options.commitMessage() + " (sealed secrets)")
                                + " with the sealed-secrets controller's certificate");
                latest[0] = publisher.publish(repo, now.files(), commit, guard);
                logger.info("    {}", latest[0].commitOrStatus());
                notes.removeAll(sealed.notes());
                notes.addAll(now.notes());
                return latest[0].commitId();
              };
        }
        if (stacksPart) {
          if (client == null) {
            notes.add(
                "stacks: skipped, no API server to talk to yet ("
                    + (options.dryRun()
                        ? "the dry run did not create the cluster"
                        : "no kubeconfig")
                    + ")");
          } else {
            String revision = publish == null ? null : publish.commitId();
            stacks =
                new StacksDeployer(client, guard, options, config.baseDir())
                    .deploy(tree, revision, sealWhenControllerRuns);
            publish = latest[0];
          }
        }
      } finally {
        if (client != null) {
          client.close();
        }
      }
    }
    changes.addAll(guard.changes());
    return new ApplyReport(options.dryRun(), changes, hostPhases, publish, stacks, notes);
  }

  private String kubeconfig(LoadedConfig config, ApplyOptions options, List<String> notes) {
    if (options.kubeconfig() != null) {
      try {
        return Files.readString(options.kubeconfig());
      } catch (IOException e) {
        throw new InvalidInputException(
            "cannot read --kubeconfig " + options.kubeconfig() + ": " + e.getMessage());
      }
    }
    if (options.dryRun() && options.parts().contains(ApplyPart.HOSTS)) {
      // A dry run may plan the very cluster the kubeconfig would come from.
      try {
        return hosts.adminKubeconfig(config, null, options.hostsOptions());
      } catch (RuntimeException e) {
        notes.add("kubeconfig: not available in this dry run (" + e.getMessage() + ")");
        return null;
      }
    }
    return hosts.adminKubeconfig(config, null, options.hostsOptions());
  }

  static GitopsSpec.Repository repository(LoadedConfig config) {
    GitopsSpec g = config.cluster().spec().gitops();
    if (g == null || g.repository() == null || g.repository().url() == null) {
      throw new InvalidInputException(
          "spec.gitops.repository.url is not set: there is no Git repository to commit to",
          "add spec.gitops.repository (cfctl init writes a file:// default), or use --only hosts");
    }
    return g.repository();
  }
}
