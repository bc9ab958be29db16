package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.phase.RenderTree;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Which parts a run works on, with and without {@code spec.gitops}. */
class ClusterContextPartsTest {
  static LoadedConfig load(String example) {
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE)
        .load(Path.of("../examples", example));
  }

  @Test
  void aConfigWithoutGitopsRunsTheHostsPartAloneWhenNoPartIsNamed() {
    // ClusterFactory's cfctl.yaml, as that project writes it: k0s on the hosts, nothing else
    ClusterContext ctx =
        new ClusterContext(
            load("clusterfactory/cfctl.yaml"), ApplyOptions.defaults().build(), Command.APPLY);
    assertTrue(ctx.includes(ApplyPart.HOSTS));
    assertFalse(ctx.includes(ApplyPart.GITOPS));
    assertFalse(ctx.includes(ApplyPart.STACKS));
    assertFalse(new RenderTree().shouldRun(ctx), "no tree to render");
    assertFalse(ctx.needsApi(), "no stacks to deploy");
  }

  @Test
  void namingGitopsWithoutGitopsStillSaysWhatIsMissing() {
    ClusterContext ctx =
        new ClusterContext(
            load("clusterfactory/cfctl.yaml"),
            ApplyOptions.defaults().parts(EnumSet.of(ApplyPart.GITOPS)).build(),
            Command.APPLY);
    assertTrue(ctx.includes(ApplyPart.GITOPS));
    assertTrue(new RenderTree().shouldRun(ctx));
    InvalidInputException e = assertThrows(InvalidInputException.class, ctx::repository);
    assertTrue(e.getMessage().contains("spec.gitops.repository.url is not set"), e.getMessage());
  }

  @Test
  void aConfigWithGitopsRunsEveryPart() {
    ClusterContext ctx =
        new ClusterContext(
            load("network-only/cluster.yaml"), ApplyOptions.defaults().build(), Command.DIFF);
    for (ApplyPart part : ApplyPart.values()) {
      assertTrue(ctx.includes(part), part.id());
    }
  }
}
