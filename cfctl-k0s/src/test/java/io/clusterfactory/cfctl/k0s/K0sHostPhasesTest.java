package io.clusterfactory.cfctl.k0s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.HostStep;
import io.clusterfactory.cfctl.core.apply.Pipelines;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the host phases decide in each command, without a host: their shouldRun and titles. */
class K0sHostPhasesTest {
  static final LoadedConfig CONFIG =
      new ConfigLoader(k -> null, ValidationMode.OFFLINE)
          .load(Path.of("../examples/ha/cluster.yaml"));
  final K0sHostPhases phases = new K0sHostPhases();

  HostsContext ctx(Command command, ApplyOptions options) {
    return phases.context(CONFIG, options, command);
  }

  List<String> running(HostStep step, HostsContext ctx) {
    return phases.phases(step).stream()
        .filter(p -> p.shouldRun(ctx))
        .map(p -> ((Phase<? super HostsContext>) p).describe(ctx))
        .toList();
  }

  @Test
  void applyWithHostsRunsEveryHostPhaseAndTheDryRunOnlyChecksTheLock() {
    HostsContext real = ctx(Command.APPLY, ApplyOptions.defaults().build());
    assertEquals(
        List.of(
            "Connect to hosts",
            "Detect host operating systems",
            "Gather host facts",
            "Validate hosts"),
        running(HostStep.CONNECT, real));
    assertEquals(List.of("Acquire exclusive host lock"), running(HostStep.LOCK, real));
    HostsContext dry = ctx(Command.APPLY, ApplyOptions.defaults().dryRun(true).build());
    assertEquals(
        List.of("Check that no other run holds the host lock"), running(HostStep.LOCK, dry));
  }

  @Test
  void onlyStacksConnectsForTheKubeconfigButNeverLocksOrChangesHosts() {
    HostsContext stacks =
        ctx(Command.APPLY, ApplyOptions.defaults().parts(EnumSet.of(ApplyPart.STACKS)).build());
    assertTrue(stacks.contactsHosts());
    assertFalse(stacks.managesHosts());
    assertEquals(List.of(), running(HostStep.LOCK, stacks));
    assertEquals(List.of(), running(HostStep.INSTALL, stacks));
    assertEquals(List.of("Get the admin kubeconfig"), running(HostStep.KUBECONFIG, stacks));
  }

  @Test
  void withAKubeconfigFileOrOfflineNoHostIsContacted() {
    HostsContext file =
        ctx(
            Command.APPLY,
            ApplyOptions.defaults()
                .parts(EnumSet.of(ApplyPart.STACKS))
                .kubeconfig(Path.of("kc"))
                .build());
    assertFalse(file.contactsHosts());
    assertEquals(List.of(), running(HostStep.CONNECT, file));
    assertEquals(List.of(), running(HostStep.KUBECONFIG, file));
    HostsContext offline = ctx(Command.DIFF, ApplyOptions.defaults().offline(true).build());
    assertEquals(List.of(), running(HostStep.CONNECT, offline));
    assertEquals(List.of(), running(HostStep.INSTALL, offline));
  }

  @Test
  void statusAndKubeconfigNeitherLockNorValidateNorInstall() {
    for (Command c : List.of(Command.STATUS, Command.KUBECONFIG)) {
      HostsContext ctx = ctx(c, ApplyOptions.defaults().build());
      assertEquals(List.of(), running(HostStep.LOCK, ctx), c.name());
      assertEquals(List.of(), running(HostStep.INSTALL, ctx), c.name());
      assertFalse(running(HostStep.CONNECT, ctx).contains("Validate hosts"), c.name());
    }
    HostsContext reset = ctx(Command.RESET, ApplyOptions.defaults().build());
    assertEquals(List.of("Acquire exclusive host lock"), running(HostStep.LOCK, reset));
  }

  @Test
  void diffComparesHostsAndApplyDoesNot() {
    assertEquals(
        List.of("Compare hosts with cluster.yaml"),
        running(HostStep.COMPARE, ctx(Command.DIFF, ApplyOptions.defaults().build())));
    assertEquals(
        List.of(), running(HostStep.COMPARE, ctx(Command.APPLY, ApplyOptions.defaults().build())));
  }

  @Test
  void theWholeApplyListHasTheHostPhasesAroundTheClusterOnes() {
    List<String> titles = Pipelines.apply(phases).titles();
    int lock = titles.indexOf("Acquire exclusive host lock");
    int seal = titles.indexOf("Seal the tree's secrets");
    int stage = titles.indexOf("Stage k0s binaries on hosts");
    int push = titles.indexOf("Commit and push the GitOps tree");
    int release = titles.indexOf("Release exclusive host lock");
    assertTrue(lock < seal && seal < stage && stage < push && push < release, titles.toString());
    assertEquals("Disconnect from hosts", titles.get(titles.size() - 1));
  }
}
