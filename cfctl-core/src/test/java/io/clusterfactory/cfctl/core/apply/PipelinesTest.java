package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.phase.AcquireClusterLease;
import io.clusterfactory.cfctl.core.apply.phase.PublishTree;
import io.clusterfactory.cfctl.core.apply.phase.RenderTree;
import io.clusterfactory.cfctl.core.apply.phase.SealWithControllerCertificate;
import io.clusterfactory.cfctl.core.apply.phase.UseKubeconfigFile;
import io.clusterfactory.cfctl.core.apply.phase.WriteKubeconfig;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each command's list holds and what its cluster phases decide, without any peer. */
class PipelinesTest {
  static final LoadedConfig CONFIG =
      new ConfigLoader(k -> null, ValidationMode.OFFLINE)
          .load(Path.of("../examples/network-only/cluster.yaml"));

  static ClusterContext ctx(Command command, ApplyOptions options) {
    return new ClusterContext(CONFIG, options, command);
  }

  @Test
  void applyChecksEverythingBeforeItsFirstMutationAndReleasesLast() {
    List<String> titles = Pipelines.apply(HostPhases.none()).titles();
    assertEquals(
        List.of(
            "Read the kubeconfig file",
            "Render the GitOps tree",
            "Hydrate the tree's Helm charts",
            "Validate the rendered objects",
            "Read the tree published in Git",
            "Compare Git with the backup's tree",
            "Seal the tree's secrets",
            "Check that ArgoCD can be installed",
            "Write the admin kubeconfig",
            "Acquire the cluster lease",
            "Restore the sealed-secrets keys",
            "Commit and push the GitOps tree",
            "Bootstrap ArgoCD",
            "Deploy stack network",
            "Deploy stack gitops",
            "Seal secrets with the controller's certificate",
            "Deploy stack provisioning",
            "Deploy stack software",
            "Prune stacks removed from cluster.yaml",
            "Apply the config file's manifests",
            "Compare the objects the charts render",
            "Release the cluster lease"),
        titles);
  }

  @Test
  void chartObjectsAreComparedOnlyByADiffWithAHydrator() {
    var phase = new io.clusterfactory.cfctl.core.apply.phase.CompareChartObjects();
    var hydrator = new io.clusterfactory.cfctl.core.hydrate.MapHydrator(java.util.Map.of());
    ApplyOptions offline = ApplyOptions.defaults().offline(true).dryRun(true).build();
    ClusterContext diff = ctx(Command.DIFF, offline);
    diff.tree(io.clusterfactory.cfctl.core.render.TreeRenderer.render(CONFIG));
    org.junit.jupiter.api.Assertions.assertFalse(phase.shouldRun(diff), "no hydrator");
    diff.useHydrator(hydrator);
    org.junit.jupiter.api.Assertions.assertTrue(phase.shouldRun(diff));
    ClusterContext apply = ctx(Command.APPLY, ApplyOptions.defaults().build());
    apply.tree(io.clusterfactory.cfctl.core.render.TreeRenderer.render(CONFIG));
    apply.useHydrator(hydrator);
    org.junit.jupiter.api.Assertions.assertFalse(phase.shouldRun(apply), "apply never compares");
  }

  @Test
  void backupReadsTheKeysAndTheCommitThenWritesOneArchive() {
    assertEquals(
        List.of(
            "Read the kubeconfig file",
            "Read the sealed-secrets keys",
            "Dump the data services",
            "Record the published tree's commit",
            "Write the backup archive",
            "Release the cluster lease"),
        Pipelines.backup(HostPhases.none()).titles());
    // the restore phases run only with --restore-from, the backup phases only in a backup
    ClusterContext apply = ctx(Command.APPLY, ApplyOptions.defaults().build());
    assertFalse(new io.clusterfactory.cfctl.core.apply.phase.RestoreSealingKeys().shouldRun(apply));
    assertFalse(
        new io.clusterfactory.cfctl.core.apply.phase.CompareRestoredTree().shouldRun(apply));
    assertFalse(new io.clusterfactory.cfctl.core.apply.phase.WriteBackupArchive().shouldRun(apply));
  }

  @Test
  void kubeconfigIsTheStartOfApplyAndEveryCommandEndsTheSameWay() {
    List<String> apply = Pipelines.apply(HostPhases.none()).titles();
    List<String> kubeconfig = Pipelines.kubeconfig(HostPhases.none()).titles();
    assertEquals(
        apply.subList(0, kubeconfig.size() - 1), kubeconfig.subList(0, kubeconfig.size() - 1));
    for (Command c : Command.values()) {
      List<String> t = Pipelines.of(c, HostPhases.none()).titles();
      assertEquals("Release the cluster lease", t.get(t.size() - 1), c.name());
    }
    assertTrue(Pipelines.status(HostPhases.none()).titles().contains("Read the stacks' status"));
  }

  @Test
  void onlyIsEachPhasesShouldRun() {
    ApplyOptions hostsOnly = ApplyOptions.defaults().parts(EnumSet.of(ApplyPart.HOSTS)).build();
    ApplyOptions gitopsOnly = ApplyOptions.defaults().parts(EnumSet.of(ApplyPart.GITOPS)).build();
    ApplyOptions stacksOnly = ApplyOptions.defaults().parts(EnumSet.of(ApplyPart.STACKS)).build();
    assertFalse(new RenderTree().shouldRun(ctx(Command.APPLY, hostsOnly)));
    assertTrue(new RenderTree().shouldRun(ctx(Command.APPLY, gitopsOnly)));
    assertTrue(new RenderTree().shouldRun(ctx(Command.DIFF, stacksOnly)));
    assertFalse(new RenderTree().shouldRun(ctx(Command.STATUS, gitopsOnly)));
    ClusterContext stacks = ctx(Command.APPLY, stacksOnly);
    stacks.tree(io.clusterfactory.cfctl.core.render.TreeRenderer.render(CONFIG));
    assertFalse(new PublishTree().shouldRun(stacks), "--only stacks pushes nothing");
    ClusterContext gitops = ctx(Command.APPLY, gitopsOnly);
    gitops.tree(stacks.tree());
    assertTrue(new PublishTree().shouldRun(gitops));
  }

  @Test
  void aDryRunTakesNoLeaseAndWritesNoKubeconfigButReadsTheFileItNeeds() {
    ApplyOptions dry =
        ApplyOptions.defaults()
            .dryRun(true)
            .kubeconfig(Path.of("kc"))
            .kubeconfigOut(Path.of("out"))
            .build();
    ClusterContext ctx = ctx(Command.APPLY, dry);
    ctx.kubeconfig("apiVersion: v1\nkind: Config\n");
    assertFalse(new AcquireClusterLease().shouldRun(ctx));
    assertFalse(new WriteKubeconfig().shouldRun(ctx));
    assertTrue(new UseKubeconfigFile().shouldRun(ctx));
    assertTrue(ctx(Command.DIFF, ApplyOptions.defaults().build()).dryRun(), "diff is read-only");
    assertFalse(
        new UseKubeconfigFile()
            .shouldRun(
                ctx(
                    Command.DIFF,
                    ApplyOptions.defaults().offline(true).kubeconfig(Path.of("kc")).build())),
        "an offline diff never reads the API");
  }

  @Test
  void controllerSealingRunsOnlyForARealRunThatPushedUnsealedSecrets() {
    ClusterContext dry = ctx(Command.APPLY, ApplyOptions.defaults().dryRun(true).build());
    assertFalse(new SealWithControllerCertificate().shouldRun(dry));
    ClusterContext real = ctx(Command.APPLY, ApplyOptions.defaults().build());
    assertFalse(new SealWithControllerCertificate().shouldRun(real), "no API client yet");
  }

  @Test
  void theOptionsTheUserLeftOutAreResolvedAgainstClusterYamlOnce() {
    ClusterContext ctx = ctx(Command.APPLY, ApplyOptions.defaults().build());
    var c = CONFIG.cluster().spec().options().concurrency();
    assertEquals(c.limit(), ctx.concurrency());
    assertEquals(Math.max(1, c.uploads()), ctx.uploads());
    ClusterContext flags =
        ctx(Command.APPLY, ApplyOptions.defaults().concurrency(3, 2).noWait(true).build());
    assertEquals(3, flags.concurrency());
    assertEquals(2, flags.uploads());
    assertFalse(flags.waitForStacks());
  }
}
